// What each page of the site is rendered from, hashed (issue 6: one changed article must not re-render
// 30,000 pages). A page's digest covers every value its template reads — its own record, and of each
// article or entity it links to the fields that the link shows — with positions resolved to slugs, so
// that adding an article (which shifts every position after it) changes only the pages that show it.
// Two builds whose digests of a page agree write the same bytes for it, given the same templates and
// settings (the build checks those separately: src/cli/build-manifest.ts). Listing more than a template
// reads costs a needless re-render; listing less leaves a stale page, which the incremental-build test
// (tests/cli/incremental-build.test.ts) catches by comparing with a full build. Pure.

import { hash } from "node:crypto";
import { eachArticleEntity, entityArticles, type ArchiveIndex, type IndexDiff, type IndexedEntity, type PreviousIndex } from "../archive/index.ts";
import { apiArticlePositions, feedPositions, initialLetter, linksUndated, PAGE_SIZES, slugMark, stableChunks, type PageLists, type Paged } from "./page-lists.ts";
import { ONCE_PAGES, paths } from "./urls.ts";

/** Page permalink (root-relative, no prefix) → digest. */
export type PageDigests = ReadonlyMap<string, string>;

/** sha1 over JSON pieces. */
function digest(...parts: readonly (string | unknown)[]): string {
  // One hash per page: a call into the hash per part cost more than the hashing (#6).
  let text = "";
  for (const part of parts) text += `${typeof part === "string" ? part : (JSON.stringify(part) ?? "null")}\u0000`;
  return hash("sha1", text, "base64url");
}

/**
 * 64 bits of a sha1 per article, made when first asked for. Lists of articles (an entity's mentions, a
 * feed's cards) fold these numbers instead of hashing the articles' text again on every page that lists
 * them: 30 MB of text per build at 10,000 articles (#6).
 */
class ArticlePrints {
  private readonly values: Int32Array;
  private readonly made: Uint8Array;

  constructor(
    count: number,
    private readonly text: (position: number) => string,
  ) {
    this.values = new Int32Array(2 * count);
    this.made = new Uint8Array(count);
  }

  /** Adds the print of the article at `position` to `list`. */
  addTo(list: ListPrint, position: number): void {
    if (this.made[position] === 0) {
      const bytes = hash("sha1", this.text(position), "buffer");
      this.values[2 * position] = bytes.readInt32LE(0);
      this.values[2 * position + 1] = bytes.readInt32LE(4);
      this.made[position] = 1;
    }
    list.add(this.values[2 * position]!, this.values[2 * position + 1]!);
  }
}

/**
 * An ordered list of prints as text: two polynomial hashes mod 2³², each over its own half of the
 * prints' bits, and the length. Their inputs are sha1 bits, so two different lists of one page agree by
 * chance about once in 2⁶⁴.
 */
class ListPrint {
  private lo = 0;
  private hi = 0;
  private length = 0;

  add(lo: number, hi: number): void {
    this.lo = (Math.imul(this.lo, 0x01000193) + lo) | 0;
    this.hi = (Math.imul(this.hi, 0x5bd1e995) + hi) | 0;
    this.length++;
  }

  toString(): string {
    return `${this.length}:${(this.lo >>> 0).toString(36)}:${(this.hi >>> 0).toString(36)}`;
  }
}

/**
 * What the previous build's digests can stand for: a page that shows nothing of what differs from the
 * previous build's index (src/archive/index-diff.ts) has its previous digest.
 */
export interface DigestReuse {
  readonly previous: PageDigests;
  readonly diff: IndexDiff;
}

/**
 * Digests of every page, by permalink. `files` maps an article's slug to the sha256 of its file's text,
 * which stands for everything the article page shows of its own front matter and body (serialising each
 * article instead took 0.6 s at 10,000 articles, #6).
 */
export function pageDigests(index: ArchiveIndex, pages: PageLists, files: ReadonlyMap<string, string>, reuse?: DigestReuse): PageDigests {
  const out = new Map<string, string>();
  const { articles } = index;
  const changed = reuse?.diff.articles ?? new Set<number>();
  const changedEntities = reuse?.diff.entities ?? new Set<string>();
  const before = reuse?.diff.before;
  const was = before && previousLists(before);
  /** Whether the articles at `positions` are, by slug, those the previous index listed as `slugs`. */
  const same = (positions: readonly number[], slugs: readonly string[] | undefined): boolean =>
    slugs !== undefined && positions.length === slugs.length && positions.every((p, i) => articles[p]!.slug === slugs[i]);
  const shows = (positions: Iterable<number | undefined>): boolean => {
    for (const position of positions) if (position !== undefined && changed.has(position)) return true;
    return false;
  };
  /** Keeps the previous digest of a page that shows nothing that changed; false when it must be computed. */
  const kept = (page: string, affected: () => boolean): boolean => {
    const previous = reuse?.previous.get(page);
    if (previous === undefined || affected()) return false;
    out.set(page, previous);
    return true;
  };
  // How a link to an entity shows it (type, slug, name), hashed once per entity: every article lists ~30.
  const labels = new Map<string, string>();
  const entityLabel = (key: string): string => {
    const known = labels.get(key);
    if (known !== undefined) return known;
    const e = index.entityByKey.get(key);
    const label = e ? digest([e.type, e.slug, e.name]) : key;
    labels.set(key, label);
    return label;
  };
  const text = (...parts: readonly unknown[]): string => JSON.stringify(parts);
  // How a link to an article shows it: related lists, neighbours, entity pages.
  const links = new ArticlePrints(articles.length, (p) => text(articles[p]!.slug, articles[p]!.title, articles[p]!.date ?? null));
  // An article in a list (articleItem, feeds): everything but its entities, quotes and neighbours.
  const cards = new ArticlePrints(articles.length, (p) => {
    const a = articles[p]!;
    return text(a.slug, a.title, a.date ?? null, a.byline ?? null, a.summary, a.topEntities.map(entityLabel));
  });
  // What an article's file and its resolution give every page that shows its records: the file's hash
  // stands for its sentences and quotes, the entity list for which record stands for each entity and
  // under what name. An entity page lists a mention by it instead of by the sentence's text, so an
  // index whose sentences are not loaded (src/archive/archive-core.ts) gives the same digests.
  const records = new ArticlePrints(articles.length, (p) => {
    const a = articles[p]!;
    // Built by hand: JSON of 300,000 small arrays took 0.13 s at 10,000 articles (#6).
    let t = files.get(a.slug) ?? JSON.stringify(a);
    eachArticleEntity(a, (key, localName) => (t += `\u0001${entityLabel(key)}\u0002${localName}`));
    t += "\u0000";
    for (const q of a.quotes) t += `\u0001${q.speaker ?? "\u0003"}\u0002${q.speakerKey ? entityLabel(q.speakerKey) : "\u0003"}`;
    return t;
  });
  const slugs = new ArticlePrints(articles.length, (p) => articles[p]!.slug);
  /** `positions` as `prints` show them, folded; a position past the end (a missing neighbour) counts too. */
  const list = (positions: Iterable<number | undefined>, ...prints: readonly ArticlePrints[]): string => {
    const folded = new ListPrint();
    for (const position of positions) {
      if (position === undefined || position < 0 || position >= articles.length) folded.add(-1, -1);
      else for (const print of prints) print.addTo(folded, position);
    }
    return folded.toString();
  };

  for (const a of articles) {
    const affected = () => changed.has(a.position) || reuse!.diff.pages.has(a.position) || shows(a.related) || shows([a.older, a.newer]);
    if (kept(paths.article(a.slug), affected)) continue;
    out.set(paths.article(a.slug), digest(list([a.position], records), list(a.related, links), list([a.older, a.newer], links), a.topEntities.map(entityLabel)));
  }
  // An entity's pages in the previous build, with the slugs each showed (asked for changed entities only).
  let pagesBefore: { readonly key: string; readonly pages: Map<string, { page: Paged; slugs: readonly string[] }> } | undefined;
  const previousEntityPages = (e: IndexedEntity) => {
    if (pagesBefore?.key !== e.key) {
      const slugs = before?.mentions(e.key) ?? [];
      const chunks = stableChunks(slugs.length, PAGE_SIZES.entity, paths.entity(e.type, e.slug), (i) => slugMark(slugs[i]!));
      pagesBefore = { key: e.key, pages: new Map(chunks.map((page) => [page.path, { page, slugs: slugs.slice(page.start, page.end) }])) };
    }
    return pagesBefore.pages;
  };
  let header: { readonly key: string; readonly text: string } | undefined;
  for (const p of pages.entity) {
    const e = index.entityByKey.get(p.key);
    const first = p.first;
    // The first page shows the entity's chart and quotes, which any of its articles can change; the others
    // their own articles, which are those of the previous build while nothing moved, and else are compared.
    const affected = () => {
      if (!changedEntities.has(e!.key)) return false;
      const slice = slicePositions(entityArticles(e!), p.start, p.end);
      if (first || shows(slice) || reuse!.diff.described.has(e!.key)) return true;
      if (!before) return false;
      const showed = previousEntityPages(e!).get(p.path);
      return !showed || !same(slice, showed.slugs) || !samePlace(p, showed.page);
    };
    if (!e || kept(p.path, affected)) continue;
    if (header?.key !== e.key) header = { key: e.key, text: JSON.stringify([e.key, e.type, e.slug, e.name, e.aliases, e.roles]) };
    out.set(
      p.path,
      digest(
        place(p),
        header.text,
        list(slicePositions(entityArticles(e), p.start, p.end), links, records),
        first
          ? [
              e.articleCount,
              e.months,
              list(e.quotes.slice(0, PAGE_SIZES.entityQuotes).map((q) => q.article), links, records),
              e.cooccurring.map((c) => [entityLabel(c.key), c.count]),
            ]
          : null,
      ),
    );
  }
  for (const key of pages.entityFeeds) {
    const e = index.entityByKey.get(key);
    if (!e || kept(paths.entityFeed(e.type, e.slug), () => changedEntities.has(key))) continue;
    const dated = feedPositions(index, entityArticles(e));
    out.set(paths.entityFeed(e.type, e.slug), digest([e.key, e.type, e.slug, e.name], list(dated, cards)));
  }
  const range = function* (start: number, end: number): Generator<number> {
    for (let i = start; i < end; i++) yield i;
  };
  for (const p of pages.home) {
    const showed = was?.home.get(p.path);
    const moved = () =>
      !!before && (!showed || !same([...range(p.start, p.end)], showed.slugs) || !samePlace(p, showed.page) || linksUndated(p, index.undated.length) !== showed.undated);
    if (kept(p.path, () => shows(range(p.start, p.end)) || moved())) continue;
    // The last page links to /undated/ when there are undated articles; the front page says when there are none at all.
    out.set(p.path, digest(place(p), articles.length === 0 ? "empty" : linksUndated(p, index.undated.length) ? "undated" : "", list(range(p.start, p.end), cards)));
  }
  for (const p of pages.typeIndex) {
    const all = index.byType[p.type];
    out.set(p.path, digest(p, all.length, pages.letters[p.type], all.slice(p.start, p.end).map((e) => [e.type, e.slug, e.name, e.articleCount])));
  }
  for (const y of index.years) {
    out.set(paths.year(y.year), digest([y.year, y.count, y.months.map((m) => [m.month, m.articles.length])]));
  }
  const months = new Map(index.years.flatMap((y) => y.months.map((m) => [m.month, m.articles] as const)));
  for (const p of pages.months) {
    const positions = months.get(p.month) ?? [];
    if (kept(p.path, () => shows(positions.slice(p.start, p.end)) || (!!was && !same(positions, was.months.get(p.month))))) continue;
    out.set(p.path, digest(p, positions.length, list(positions.slice(p.start, p.end), cards)));
  }
  for (const p of pages.undated) {
    if (kept(p.path, () => shows(index.undated.slice(p.start, p.end)) || (!!was && !same(index.undated, was.undated)))) continue;
    out.set(p.path, digest(p, index.undated.length, list(index.undated.slice(p.start, p.end), cards)));
  }
  for (const n of pages.sitemapChunks) out.set(paths.sitemap(n), digest(pages.sitemaps[n - 1] ?? []));

  // The one-off pages, each from what it reads: most edits change neither the sitemap, the feeds nor the
  // archive, so they are not written again (#6).
  const unchanging = digest("settings and templates only");
  for (const page of [ONCE_PAGES.robots, ONCE_PAGES.notFound, ONCE_PAGES.search]) out.set(page, unchanging);
  out.set(ONCE_PAGES.archive, digest(articles.length, index.undated.length, index.years.map((y) => [y.year, y.count, y.months.map((m) => [m.month, m.articles.length])])));
  const feed = list(feedPositions(index, articles.keys()), cards);
  out.set(ONCE_PAGES.atom, digest(feed));
  out.set(ONCE_PAGES.jsonFeed, digest(feed));
  out.set(ONCE_PAGES.sitemap, digest(pages.sitemaps.length <= 1 ? (pages.sitemaps[0] ?? []) : pages.sitemaps.length));
  // The API: each file by the fields it lists of its articles or entities; the index files by their lists.
  const apiRecords = new ArticlePrints(articles.length, (p) => {
    const a = articles[p]!;
    let t = text(a.slug, a.title, a.date ?? null, a.byline ?? null, a.summary, a.wordCount, a.source);
    eachArticleEntity(a, (key) => (t += `\u0001${key}`));
    for (const r of a.related) t += `\u0002${articles[r]?.slug ?? ""}`;
    return t;
  });
  for (const f of pages.apiArticles) {
    const positions = apiArticlePositions(index, f);
    const showed = was && (f.month === undefined ? was.undated : was.months.get(f.month));
    if (!kept(f.path, () => shows(positions) || (!!was && !same(positions, showed)))) out.set(f.path, digest(f.month ?? null, list(positions, apiRecords)));
  }
  out.set(ONCE_PAGES.articlesApi, digest(articles.length, pages.apiArticles.map((f) => [f.month ?? null, f.count, f.path])));
  // Letter files that listed an entity since renamed or gone.
  const lettersBefore = new Set([...(before?.names.values() ?? [])].map((e) => `${e.type}:${initialLetter(e.name)}`));
  for (const f of pages.apiEntities) {
    // Names, aliases, roles and which articles mention an entity are all the memo's: an edit it allows changes
    // none. After other changes, a file that lists a changed entity, or listed one since renamed or gone.
    const affected = () => !!before && (lettersBefore.has(`${f.type}:${f.letter}`) || f.members.some((i) => changedEntities.has(index.byType[f.type][i]!.key)));
    if (kept(f.path, affected)) continue;
    const members = f.members.map((i) => {
      const e = index.byType[f.type][i]!;
      return [e.key, e.slug, e.name, e.aliases, e.roles, list(entityArticles(e), slugs)];
    });
    out.set(f.path, digest(f.type, f.letter, members));
  }
  out.set(ONCE_PAGES.entitiesApi, digest(index.entities.length, pages.apiEntities.map((f) => [f.type, f.letter, f.members.length, f.path])));
  return out;
}

/** The lists of the previous index that show articles by place, each as slugs. */
function previousLists(before: PreviousIndex) {
  const { datedCount } = before;
  const home = new Map(
    stableChunks(datedCount, PAGE_SIZES.home, paths.home(), (i) => slugMark(before.slugs[i]!)).map((page) => [
      page.path,
      { page, slugs: before.slugs.slice(page.start, page.end), undated: linksUndated(page, before.slugs.length - datedCount) },
    ]),
  );
  const months = new Map<string, string[]>();
  for (let q = 0; q < datedCount; q++) {
    const month = before.dates[q]!.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(before.slugs[q]!);
    else months.set(month, [before.slugs[q]!]);
  }
  return { home, months, undated: before.slugs.slice(datedCount) };
}

/**
 * What a page shows of its place in its list: not `start` and `end`, which move along with every article
 * added before the page although the page shows the same ones (its list's print covers them).
 */
function place(p: Paged): unknown[] {
  return [p.path, p.first, p.number, p.total ?? null, p.previous ?? null, p.next ?? null];
}

function samePlace(a: Paged, b: Paged): boolean {
  return JSON.stringify(place(a)) === JSON.stringify(place(b));
}

function slicePositions(positions: ArrayLike<number>, start: number, end: number): number[] {
  const slice: number[] = [];
  for (let i = start; i < Math.min(end, positions.length); i++) slice.push(positions[i]!);
  return slice;
}

export interface PageChanges {
  /** Pages to render: new, or with another digest than before. */
  readonly render: ReadonlySet<string>;
  /** Pages of the previous site that are gone. */
  readonly removed: readonly string[];
}

/** Past this share of pages changed, rendering everything anew is as quick as patching, and simpler. */
const PATCH_LIMIT = 0.5;

/**
 * The pages an incremental build renders and removes, or undefined when so much changed that a full
 * build should run instead.
 */
export function incrementalChanges(previous: PageDigests, next: PageDigests): PageChanges | undefined {
  const changes = comparePageDigests(previous, next);
  return changes.render.size + changes.removed.length > next.size * PATCH_LIMIT ? undefined : changes;
}

/** What differs between the digests of the previous site and of the one to build. */
function comparePageDigests(previous: PageDigests, next: PageDigests): PageChanges {
  const render = new Set<string>();
  next.forEach((value, page) => {
    if (previous.get(page) !== value) render.add(page);
  });
  const removed = [...previous.keys()].filter((page) => !next.has(page));
  return { render, removed };
}
