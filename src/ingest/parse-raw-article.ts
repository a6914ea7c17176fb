// Raw article text → headline, paragraphs, dateline, summary (issue 2). Pure and linear in the input:
// lines are scanned once and every pattern runs on a bounded slice (issue 7: 5 MB articles, 100,000-char lines).
//
// The format: line 1 is the headline; paragraphs are separated by blank lines (a file with no blank lines at
// all has one paragraph per line). A short paragraph near the top that is only a date is the dateline; one
// that reads "By <names>" is the byline (parse-byline.ts).

import { RawArticleError } from "../errors.ts";
import type { Diagnostic, Paragraph } from "../types.ts";
import { countWords, readingMinutes } from "./count-words.ts";
import { parseByline } from "./parse-byline.ts";
import { parseDate } from "./parse-date.ts";
import { repairGluedSentences } from "./repair-glued-sentences.ts";
import { stripAggregatorJunk } from "./strip-aggregator-junk.ts";
import { summarizeLede } from "./summarize-lede.ts";

export interface ParsedRawArticle {
  /** Line 1, whitespace collapsed. */
  readonly title: string;
  /** The date the text's own dateline gives, and the line it was on (the paragraph is not in `paragraphs`). */
  readonly dateline?: { readonly date: string; readonly line: number };
  /** The byline paragraph's names without "By" ("Jane Doe, Associated Press"), and its line; not in `paragraphs`. */
  readonly byline?: { readonly name: string; readonly line: number };
  readonly paragraphs: readonly Paragraph[];
  /** The lede (first paragraph that reads as prose), at most 300 characters, cut on a word boundary. */
  readonly summary: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  /** Aggregator junk removed ("– READ MORE"), in text order. */
  readonly removed: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/** Past this a "headline" is probably a paragraph (no headline line in the file). */
export const TITLE_WARN_LENGTH = 200;
/** The dateline and the byline are among the first few paragraphs; further down, a date or a "By …" is prose. */
const DATELINE_SEARCH = 3;
/** A paragraph this long is a lede even without a closing stop (see lede()). */
const LEDE_MIN_WORDS = 8;
/**
 * "Thursday, March 15, 2012 Wikinews interviewed…": a dateline run into the lede (one bundled article).
 * Only with a weekday, at the very start of the first paragraph, before a capital: prose never starts so.
 */
const GLUED_DATELINE =
  /^((?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:[a-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[a-z]{3,9}\.?),?\s+\d{4})\s+(?=\p{Lu})/iu;

interface Block {
  readonly text: string;
  /** 1-based line of the block's first line. */
  readonly line: number;
}

export function parseRawArticle(text: string, file: string): ParsedRawArticle {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) {
    throw new RawArticleError(text.length === 0 ? "is empty" : "contains only whitespace", {
      file,
      fix: "Put the headline on line 1, a blank line, then the article's paragraphs; or remove the file",
    });
  }

  const title = collapse(lines[first] ?? "");
  if (title.length > TITLE_WARN_LENGTH) {
    diagnostics.push({
      severity: "warning",
      file,
      line: first + 1,
      message: `The headline is ${title.length} characters long; its slug was shortened`,
      fix: "Check that line 1 holds only the headline, with the article below it after a blank line",
    });
  }

  const removed: string[] = [];
  const blocks = bodyBlocks(lines, first + 1, file, diagnostics, removed);

  let byline: ParsedRawArticle["byline"];
  for (const [index, block] of blocks.length > 1 ? blocks.slice(0, DATELINE_SEARCH).entries() : []) {
    const name = parseByline(block.text);
    if (name === undefined) continue;
    byline = { name, line: block.line };
    blocks.splice(index, 1);
    break;
  }

  let dateline: ParsedRawArticle["dateline"] = splitGluedDateline(blocks);
  const searched = blocks.slice(0, DATELINE_SEARCH);
  for (const [index, block] of dateline ? [] : searched.entries()) {
    const date = parseDate(block.text);
    if (date.kind === "date") {
      dateline = { date: date.iso, line: block.line };
      blocks.splice(index, 1);
      break;
    }
    if (date.kind === "impossible") {
      diagnostics.push({
        severity: "warning",
        file,
        line: block.line,
        message: `"${block.text}" looks like a dateline but is not a real day; it was kept as text and gives no date`,
        fix: "Correct the date in the text, or give the date in the sidecar JSON",
      });
    }
  }

  if (blocks.length === 0) {
    throw new RawArticleError("has a headline but no body text", {
      file,
      line: first + 1,
      fix: "Add the article's paragraphs below the headline, separated by blank lines; or remove the file",
    });
  }

  const paragraphs = blocks.map((block, i): Paragraph => ({ id: `p${i + 1}`, text: block.text }));
  const wordCount = paragraphs.reduce((sum, p) => sum + countWords(p.text), 0);
  return {
    title,
    ...(dateline ? { dateline } : {}),
    ...(byline ? { byline } : {}),
    paragraphs,
    summary: summarizeLede(lede(paragraphs)),
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    removed,
    diagnostics,
  };
}

/** Body lines → cleaned paragraphs, junk removed and reported, glued sentences repaired. */
function bodyBlocks(lines: readonly string[], start: number, file: string, diagnostics: Diagnostic[], removed: string[]): Block[] {
  let end = lines.length;
  while (end > start && (lines[end - 1] ?? "").trim() === "") end--;
  let hasBlankLine = false;
  for (let i = start; i < end && !hasBlankLine; i++) hasBlankLine = (lines[i] ?? "").trim() === "";
  // "no blank lines at all": between headline and body there is none either.
  const linePerParagraph = !hasBlankLine && end - start > 1;
  if (linePerParagraph) {
    diagnostics.push({
      severity: "warning",
      file,
      line: start + 1,
      message: "The file has no blank lines; each line was taken as a paragraph",
      fix: "Separate paragraphs with a blank line (and the headline from the body)",
    });
  }

  const blocks: Block[] = [];
  let current: string[] = [];
  let currentLine = 0;
  const flush = () => {
    if (current.length === 0) return;
    const joined = collapse(current.join(" "));
    current = [];
    if (joined !== "") blocks.push({ text: repairGluedSentences(joined).text, line: currentLine });
  };
  for (let i = start; i < end; i++) {
    const raw = lines[i] ?? "";
    if (raw.trim() === "") {
      flush();
      continue;
    }
    const stripped = stripAggregatorJunk(raw);
    if (stripped.removed !== undefined) {
      removed.push(stripped.removed);
      diagnostics.push({
        severity: "warning",
        file,
        line: i + 1,
        message: `Removed aggregator text "${stripped.removed}"`,
        fix: "Nothing to do if this was a link or an ad left over from the feed",
      });
    }
    if (stripped.text === "") continue;
    if (current.length === 0) currentLine = i + 1;
    current.push(stripped.text);
    if (linePerParagraph) flush();
  }
  flush();
  return blocks;
}

/**
 * The first paragraph that reads as prose. Interviews and captioned articles often open with a subheading or
 * a caption ("Interview", "The A380 was revealed in January 2005"): short and without a closing stop.
 */
function lede(paragraphs: readonly Paragraph[]): string {
  const prose = paragraphs.find((p) => countWords(p.text) >= LEDE_MIN_WORDS || /[.!?…"”’)]$/u.test(p.text));
  return (prose ?? paragraphs[0])?.text ?? "";
}

/** Takes a glued dateline off the first block (in place) and returns its date. */
function splitGluedDateline(blocks: Block[]): ParsedRawArticle["dateline"] {
  const first = blocks[0];
  if (!first) return undefined;
  const match = GLUED_DATELINE.exec(first.text.slice(0, 64));
  const date = match ? parseDate(match[1] ?? "") : undefined;
  if (!match || date?.kind !== "date") return undefined;
  blocks[0] = { text: first.text.slice(match[0].length), line: first.line };
  return { date: date.iso, line: first.line };
}

/** Runs of whitespace (tabs, NBSP, form feeds…) become one space; single spaces are left alone (3× faster). */
function collapse(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, " ").trim();
}
