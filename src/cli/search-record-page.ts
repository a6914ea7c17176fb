// What Pagefind reads of a page (#6), as a page of its own. Pagefind indexes the data-pagefind-body element
// (without its data-pagefind-ignore elements) and takes filters, meta and sorts from data-pagefind-
// attributes anywhere, the language from <html>. An article page is twice that: the panel, quotes, related
// articles and navigation, all ignored. Parsing those cost Pagefind a fifth of its time adding pages (2,500
// articles: 5.2 → 4.1 CPU-s), so it is given this page instead, which gives it the same records: the
// <html> tag, the <title>, the body element with each ignored element reduced to its attributed elements
// (still inside it, so their text stays out of the record), and the attributed elements outside the body.
//
// It also tells whether a re-rendered page needs indexing again: a patch re-renders pages whose related or
// neighbour links changed, and only those whose record page differs go into the search delta.

const BODY = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>/i;
const HTML = /<html\b[^>]*>/i;
const TITLE = /<title\b[^>]*>[\s\S]*?<\/title>/i;
const IGNORED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>/gi;
/** An element whose attribute feeds a record (filter, meta, sort, weight, …): its text may be the value. */
const ATTRIBUTED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-(?!ignore\b|body\b)[a-z-]+[^>]*>/gi;
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/**
 * The page Pagefind is given for `html`: the same search record, half the bytes. The whole page when it
 * has no data-pagefind-body element, or an element this cannot follow to its closing tag.
 */
export function searchRecordPage(html: string): string {
  const open = BODY.exec(html);
  if (!open) return html;
  const start = open.index;
  const end = elementEnd(html, open[1]!, start + open[0].length);
  if (end === undefined) return html;
  const body = withoutIgnoredText(html.slice(start, end));
  const before = attributedElements(html.slice(0, start));
  const after = attributedElements(html.slice(end));
  if (body === undefined || before === undefined || after === undefined) return html;
  const head = `${HTML.exec(html)?.[0] ?? "<html>"}<head>${TITLE.exec(html)?.[0] ?? ""}</head>`;
  return `<!DOCTYPE html>\n${head}<body>${before}${body}${after}</body></html>\n`;
}

/** `part` with each outermost ignored element cut down to the attributed elements inside it. */
function withoutIgnoredText(part: string): string | undefined {
  const ignored = outermost(part, IGNORED);
  if (!ignored) return undefined;
  let out = "";
  let from = 0;
  for (const { open, start, end } of ignored) {
    const inner = attributedElements(part.slice(start + open[0].length, end));
    if (inner === undefined) return undefined;
    out += `${part.slice(from, start)}${open[0]}${inner}${isVoid(open) ? "" : `</${open[1]}>`}`;
    from = end;
  }
  return out + part.slice(from);
}

/** The outermost attributed elements of `part`, whole, one after the other. */
function attributedElements(part: string): string | undefined {
  return outermost(part, ATTRIBUTED)?.map(({ start, end }) => part.slice(start, end)).join("");
}

/** The outermost elements of `part` that `pattern` opens, with where each ends; undefined when one is not closed. */
function outermost(part: string, pattern: RegExp): { readonly open: RegExpMatchArray; readonly start: number; readonly end: number }[] | undefined {
  const found: { open: RegExpMatchArray; start: number; end: number }[] = [];
  let from = 0;
  for (const open of part.matchAll(pattern)) {
    if (open.index < from) continue;
    const end = isVoid(open) ? open.index + open[0].length : elementEnd(part, open[1]!, open.index + open[0].length);
    if (end === undefined) return undefined;
    found.push({ open, start: open.index, end });
    from = end;
  }
  return found;
}

function isVoid(open: RegExpMatchArray): boolean {
  return VOID.has(open[1]!.toLowerCase()) || open[0].endsWith("/>");
}

/** Where the element named `tag` opened before `from` ends, counting nested elements of the same name. */
function elementEnd(html: string, tag: string, from: number): number | undefined {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return undefined;
}
