// What Pagefind reads of a page (#6), as a page of its own. Pagefind indexes the data-pagefind-body element
// (without its data-pagefind-ignore elements) and takes filters, meta and sorts from data-pagefind-
// attributes anywhere, the language from <html>. An article page is twice that: the panel, quotes, related
// articles and navigation, all ignored. Parsing those cost Pagefind a fifth of its time adding pages (2,500
// articles: 5.2 → 4.1 CPU-s), so it is given this page instead, which gives it the same records: the
// <html> tag, the <title>, the body element with each ignored element cut down to the elements in it that
// can feed a record (kept inside it, so their text stays out), and those elements outside the body. An element
// with a feeding attribute stays whole (its text may be the value); an ignored one stays around what it holds
// (data-pagefind-ignore="all" also ignores the filters in it).
//
// Only headings keep their id. Pagefind keeps the text of every element with an id a second time, as an
// anchor, but only headings' anchors make results (sub-results: pagefind.js takes the anchors whose element
// is h1–h6); a paragraph's id doubled each fragment for nothing (2,500 articles: 7.5 → 7.0 CPU-s of Pagefind).
//
// It also tells whether a re-rendered page needs indexing again: a patch re-renders pages whose related or
// neighbour links changed, and only those whose record page differs go into the search delta.

const BODY = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>/i;
const HTML = /<html\b[^>]*>/i;
const TITLE = /<title\b[^>]*>[\s\S]*?<\/title>/i;
const IGNORED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>/gi;
/** An element with any data-pagefind- attribute but the body's: one that feeds a record, or an ignored one. */
const MARKED = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-pagefind-(?!body\b)[a-z-]+[^>]*>/gi;
/** An attribute that feeds a record (filter, meta, sort, weight, …): its element's text may be the value. */
const FEEDS = /\bdata-pagefind-(?!ignore\b|body\b)[a-z-]+/i;
/** An opening tag; an attribute value holding ">" ends the match early, which only leaves an id in place. */
const OPENING_TAG = /<([a-z][a-z0-9-]*)\b[^>]*>/gi;
const ID_ATTRIBUTE = /\sid="[^"]*"/;
const HEADING = /^h[1-6]$/i;
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/**
 * The page Pagefind is given for `html`: the same search record, half the bytes. The whole page when it
 * has no data-pagefind-body element, or an element this cannot follow to its closing tag.
 */
export function searchRecordPage(html: string): string {
  const open = BODY.exec(html);
  if (!open) return html;
  const start = open.index;
  const end = elementEnd(html, open[1]!, start + open[0].length)?.end;
  if (end === undefined) return html;
  const body = withoutIgnoredText(html.slice(start, end))?.replace(OPENING_TAG, withoutIdUnlessHeading);
  const before = recordElements(html.slice(0, start));
  const after = recordElements(html.slice(end));
  if (body === undefined || before === undefined || after === undefined) return html;
  const head = `${HTML.exec(html)?.[0] ?? "<html>"}<head>${TITLE.exec(html)?.[0] ?? ""}</head>`;
  return `<!DOCTYPE html>\n${head}<body>${before}${body}${after}</body></html>\n`;
}

function withoutIdUnlessHeading(tag: string, name: string): string {
  return HEADING.test(name) ? tag : tag.replace(ID_ATTRIBUTE, "");
}

/** `part` with each outermost ignored element cut down to what in it can feed a record. */
function withoutIgnoredText(part: string): string | undefined {
  const ignored = outermost(part, IGNORED);
  if (!ignored) return undefined;
  let out = part.slice(0, ignored[0]?.start ?? part.length);
  for (const [i, element] of ignored.entries()) {
    const cut = cutDown(part, element);
    if (cut === undefined) return undefined;
    out += cut + part.slice(element.end, ignored[i + 1]?.start ?? part.length);
  }
  return out;
}

/**
 * The outermost elements of `part` that can feed a record, one after the other: an element with a feeding
 * attribute whole, an ignored one cut down (kept around what it holds: data-pagefind-ignore="all" also
 * ignores the filters and meta inside it).
 */
function recordElements(part: string): string | undefined {
  const marked = outermost(part, MARKED);
  if (!marked) return undefined;
  let out = "";
  for (const element of marked) {
    const cut = cutDown(part, element);
    if (cut === undefined) return undefined;
    out += cut;
  }
  return out;
}

/**
 * A marked element of `part`: whole when it feeds a record (its text may be the value); an ignored one around
 * its record elements, or nothing when it has none (Pagefind takes no anchor from an ignored element).
 */
function cutDown(part: string, { open, start, closing, end }: Element): string | undefined {
  if (FEEDS.test(open[0]) || closing === end) return part.slice(start, end);
  const inner = recordElements(part.slice(start + open[0].length, closing));
  // One that holds nothing is left out: a page that gains its first related article keeps its record page.
  return inner === undefined || inner === "" ? inner : `${open[0]}${inner}${part.slice(closing, end)}`;
}

/** An element of a part: where its opening tag starts, where its closing tag starts (= end if it has none), its end. */
interface Element {
  readonly open: RegExpMatchArray;
  readonly start: number;
  readonly closing: number;
  readonly end: number;
}

/** The outermost elements of `part` that `pattern` opens; undefined when one is not closed. */
function outermost(part: string, pattern: RegExp): Element[] | undefined {
  const found: Element[] = [];
  let from = 0;
  for (const open of part.matchAll(pattern)) {
    if (open.index < from) continue;
    const after = open.index + open[0].length;
    const close = isVoid(open) ? { closing: after, end: after } : elementEnd(part, open[1]!, after);
    if (close === undefined) return undefined;
    found.push({ open, start: open.index, ...close });
    from = close.end;
  }
  return found;
}

function isVoid(open: RegExpMatchArray): boolean {
  return VOID.has(open[1]!.toLowerCase()) || open[0].endsWith("/>");
}

/** Where the element named `tag` opened before `from` closes, counting nested elements of the same name. */
function elementEnd(html: string, tag: string, from: number): { readonly closing: number; readonly end: number } | undefined {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { closing: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
