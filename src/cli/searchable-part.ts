// The part of a page that Pagefind reads (#6). A patch re-renders the pages around a change (an article
// gains a related link, a neighbour's title changes), but Pagefind indexes only the data-pagefind-body element
// and the data-pagefind-* attributes: a page whose part here is unchanged keeps its search record, so it
// need not go into the delta bundle. Today's article added to 10,000 re-renders ~40 article pages whose
// text did not change; without this each one went into the delta, which then filled within a week.
//
// Conservative by design: anything that might feed a record is kept (the <html> tag for the language, the
// <title>, every tag with a data-pagefind- attribute that adds to a record, the whole body element), so a difference here can only
// cost a page indexed again, never a stale result.

const BODY = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>/i;
const EXTRA = /<html\b[^>]*>|<title\b[^>]*>[\s\S]*?<\/title>|<[a-z][a-z0-9-]*\b[^>]*\bdata-pagefind-(?!ignore\b|body\b)[a-z-]+[^>]*>/gi;

/** What of `html` can reach its search record; the whole page when it has no data-pagefind-body element. */
export function searchablePart(html: string): string {
  const open = BODY.exec(html);
  if (!open) return html;
  const start = open.index;
  const end = closingTagEnd(html, open[1]!.toLowerCase(), start + open[0].length);
  if (end === undefined) return html;
  const outside = `${html.slice(0, start)}\u0000${html.slice(end)}`;
  return `${html.slice(start, end)}\u0000${(outside.match(EXTRA) ?? []).join("\n")}`;
}

/** Where the element named `tag` opened before `from` ends, counting nested elements of the same name. */
function closingTagEnd(html: string, tag: string, from: number): number | undefined {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return undefined;
}
