// Links the first mention of each entity in an article body to the entity's page. What to link comes
// on `file.data.entityLinks` (set by the caller per article), never from module state (STYLE.md §3).

import type { Link, Parent, PhrasingContent, Root, Text } from "mdast";
import type { VFile } from "vfile";

export interface EntityLink {
  /** Canonical name, used as the link title. */
  readonly name: string;
  /** Surface forms to look for in the text (the canonical name among them). */
  readonly aliases: readonly string[];
  /** Where the link points, path prefix included. */
  readonly url: string;
}

declare module "vfile" {
  interface DataMap {
    /** Entities of the article being rendered; each is linked at its first mention. */
    entityLinks: readonly EntityLink[];
  }
}

/**
 * Aliases grouped by their first word, longest first, so a scan tries "Xavier Becerra" before
 * "Xavier" and does one map lookup per word that starts like an alias instead of running a large
 * alternation regex.
 */
function byFirstWord(aliases: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const alias of aliases) {
    const first = FIRST_WORD.exec(alias);
    if (!first) continue;
    let group = groups.get(first[0]);
    if (!group) groups.set(first[0], (group = []));
    group.push(alias);
  }
  for (const group of groups.values()) group.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return groups;
}

const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the code point is a letter or a digit (what WORD_CHAR matches), without a regex for ASCII. */
function isWordPoint(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return WORD_CHAR.test(String.fromCodePoint(code));
}

/**
 * Maps each surface form to one entity. A form two entities share ("Smith") is dropped unless it is
 * one entity's canonical name, so a link never points at the wrong person.
 */
function aliasIndex(links: readonly EntityLink[]): Map<string, EntityLink> {
  const byAlias = new Map<string, EntityLink>();
  const ambiguous = new Set<string>();
  for (const link of links) {
    for (const alias of link.aliases) {
      if (alias.trim().length < 2) continue;
      // "Attorney General Xavier Becerra": link the name, not the title around it.
      if (alias !== link.name && alias.includes(link.name)) continue;
      const seen = byAlias.get(alias);
      if (seen === undefined) byAlias.set(alias, link);
      else if (seen !== link && seen.name !== alias) ambiguous.add(alias);
    }
  }
  for (const link of links) byAlias.set(link.name, link);
  for (const alias of ambiguous) if (byAlias.get(alias)?.name !== alias) byAlias.delete(alias);
  return byAlias;
}

export function remarkLinkEntities() {
  return (tree: Root, file: VFile): undefined => {
    const links = file.data.entityLinks ?? [];
    const byAlias = aliasIndex(links);
    const candidates = byFirstWord(byAlias.keys());
    if (candidates.size === 0) return;
    const linked = new Set<EntityLink>();
    const firstChars = new Set([...candidates.keys()].map((word) => word.codePointAt(0)!));
    walk(tree);

    function walk(parent: Parent): void {
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i]!;
        if (child.type === "text") {
          const replacement = linkText(child);
          if (replacement) {
            parent.children.splice(i, 1, ...(replacement as Parent["children"]));
            i += replacement.length - 1;
          }
        } else if ("children" in child && child.type !== "link" && child.type !== "linkReference" && child.type !== "heading") {
          walk(child);
        }
        if (linked.size === links.length) return;
      }
    }

    function linkText(node: Text): PhrasingContent[] | undefined {
      const text = node.value;
      const out: PhrasingContent[] = [];
      let last = 0;
      // Word by word (maximal runs of letters and digits), by hand: a regex match per word, each a new
      // string, made this the costliest function of a render shard (#6). Only a word that starts like an
      // alias is cut out and looked up.
      let i = 0;
      while (i < text.length) {
        const code = text.codePointAt(i)!;
        if (!isWordPoint(code)) {
          i += code > 0xffff ? 2 : 1;
          continue;
        }
        const start = i;
        let end = i + (code > 0xffff ? 2 : 1);
        while (end < text.length) {
          const next = text.codePointAt(end)!;
          if (!isWordPoint(next)) break;
          end += next > 0xffff ? 2 : 1;
        }
        i = end;
        if (!firstChars.has(code)) continue;
        const group = candidates.get(text.slice(start, end));
        if (!group) continue;
        // Only whole words: the match must end where a word ends.
        const alias = group.find((a) => text.startsWith(a, start) && !WORD_CHAR.test(text.charAt(start + a.length)));
        const entity = alias === undefined ? undefined : byAlias.get(alias);
        if (alias === undefined || !entity || linked.has(entity)) continue;
        linked.add(entity);
        if (start > last) out.push({ type: "text", value: text.slice(last, start) });
        const link: Link = {
          type: "link",
          url: entity.url,
          children: [{ type: "text", value: alias }],
          data: { hProperties: { className: ["entity"] } },
        };
        out.push(link);
        last = start + alias.length;
        i = last;
        if (linked.size === links.length) break;
      }
      if (out.length === 0) return undefined;
      if (last < text.length) out.push({ type: "text", value: text.slice(last) });
      return out;
    }
  };
}
