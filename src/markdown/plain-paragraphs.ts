// The syntax tree of a body that is only paragraphs of escaped plain text — what Broadsheet writes
// (escapeMarkdownText) — built without the parser: remark-parse took about a fifth of a 10,000-article render
// (2.7 of each render shard's ~13 CPU-seconds, #6) to find, in every generated body, that it holds nothing but
// text. Anything that might be markup (an unescaped special character, a line that could open a block, a
// lone backslash, a character reference) returns undefined, and the caller parses. Sound by construction:
// every paragraph accepted here is one micromark reads as a single text node, which
// tests/markdown/plain-paragraphs.test.ts checks against remark-parse on generated and arbitrary text.

import type { Paragraph, Root } from "mdast";

/**
 * CommonMark's inline syntax starts with one of these (emphasis, code, links, images, HTML, autolinks, a
 * backslash that escapes nothing), as does anything micromark would not keep as it is.
 */
const MARKUP = /[`*_[\]<>|~\\\r\0]/;
/**
 * What may open a block other than a paragraph at the start of a line, or make it blank or indented: a list
 * item ("-", "+", "1."), a thematic break ("---", "- - -"), a heading, a quote, a fence, HTML, a definition.
 * A dash that opens none of these ("--", "-5 degrees") starts a paragraph.
 */
const BLOCK_OPENER = /^(?:[\s#>*=_`~<[]|[-+](?:\s|$)|(?:-[ \t]*){3,}$|\d{1,9}[.)](?:\s|$))/;
/** A character reference micromark would decode: named, decimal or hexadecimal. */
const CHARACTER_REFERENCE = /&(?:[A-Za-z][A-Za-z0-9]{0,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});/;
/** A backslash before ASCII punctuation: the escape stands for the punctuation. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * The mdast root remark-parse gives for `markdown` (without positions), when it is only paragraphs of
 * plain text separated by single blank lines; otherwise undefined.
 */
export function plainParagraphs(markdown: string): Root | undefined {
  const text = markdown.endsWith("\n") ? markdown.slice(0, -1) : markdown;
  if (text === "") return undefined;
  const children: Paragraph[] = [];
  for (const block of text.split("\n\n")) {
    const value = plainText(block);
    if (value === undefined) return undefined;
    children.push({ type: "paragraph", children: [{ type: "text", value }] });
  }
  return { type: "root", children };
}

/** The text of one paragraph line, or undefined when it might be anything else. */
function plainText(block: string): string | undefined {
  if (block === "" || block.includes("\n") || BLOCK_OPENER.test(block) || /\s$/.test(block)) return undefined;
  // Escapes stand for the punctuation they escape; outside them nothing may look like markup.
  const outside = block.replace(ESCAPE, "\u0001");
  if (MARKUP.test(outside) || CHARACTER_REFERENCE.test(outside)) return undefined;
  return outside === block ? block : block.replace(ESCAPE, "$1");
}
