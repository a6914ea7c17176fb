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

/** Matches any alias as a whole word; longest first so "Xavier Becerra" wins over "Becerra". */
function aliasPattern(aliases: readonly string[]): RegExp | undefined {
  if (aliases.length === 0) return undefined;
  const escaped = [...aliases]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "gu");
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
    const pattern = aliasPattern([...byAlias.keys()]);
    if (!pattern) return;
    const linked = new Set<EntityLink>();
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
      const out: PhrasingContent[] = [];
      let last = 0;
      pattern!.lastIndex = 0;
      for (const match of node.value.matchAll(pattern!)) {
        const entity = byAlias.get(match[0]);
        if (!entity || linked.has(entity)) continue;
        linked.add(entity);
        if (match.index > last) out.push({ type: "text", value: node.value.slice(last, match.index) });
        const link: Link = {
          type: "link",
          url: entity.url,
          children: [{ type: "text", value: match[0] }],
          data: { hProperties: { className: ["entity"] } },
        };
        out.push(link);
        last = match.index + match[0].length;
      }
      if (out.length === 0) return undefined;
      if (last < node.value.length) out.push({ type: "text", value: node.value.slice(last) });
      return out;
    }
  };
}
