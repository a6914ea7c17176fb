// The part of a page that Pagefind reads (#6). A patch re-renders the pages around a change (an article
// gains a related link, a neighbour's title changes), but Pagefind indexes only the data-pagefind-body element
// and the elements carrying data-pagefind- attributes: a page whose part here is unchanged keeps its search
// record, so it need not go into the delta bundle. Today's article added to 10,000 re-renders ~40 article
// pages whose text did not change; without this each one went into the delta, which then filled within a week.
//
// Conservative by design: anything that might feed a record is kept (the <html> tag for the language, the
// <title>, every element with a data-pagefind- attribute that adds to a record, the whole body element), so a
// difference here can only cost a page indexed again, never a stale result.

const BODY = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>/i;
const HEAD = /<html\b[^>]*>|<title\b[^>]*>[\s\S]*?<\/title>/gi;
/** An element whose attribute feeds a record (filter, meta, sort, weight, …): its text may be the value. */
const ATTRIBUTED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-(?!ignore\b|body\b)[a-z-]+[^>]*>/gi;
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** What of `html` can reach its search record; the whole page when it has no data-pagefind-body element. */
export function searchablePart(html: string): string {
  const open = BODY.exec(html);
  if (!open) return html;
  const start = open.index;
  const end = closingTagEnd(html, open[1]!.toLowerCase(), start + open[0].length);
  if (end === undefined) return html;
  const parts = [html.slice(start, end), ...(html.match(HEAD) ?? [])];
  for (const [from, to] of [[0, start], [end, html.length]] as const) {
    const outside = html.slice(from, to);
    for (const m of outside.matchAll(ATTRIBUTED)) {
      const tag = m[1]!.toLowerCase();
      const close = VOID.has(tag) || m[0].endsWith("/>") ? undefined : closingTagEnd(outside, tag, m.index + m[0].length);
      parts.push(outside.slice(m.index, close ?? m.index + m[0].length));
    }
  }
  return parts.join("\u0000");
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
