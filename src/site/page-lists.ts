// The lists Eleventy paginates over: one entry per output page, computed once from the archive index
// so that no template scans a collection (issue 6). Pure.

import { entityArticles, sortKey, type ArchiveIndex } from "../archive/index.ts";
import type { EntityType } from "../types.ts";
import { paths } from "./urls.ts";

/**
 * How a list numbered from its oldest end is cut into pages (`stableChunks`): a numbered page ends after
 * an item whose mark (`slugMark`) is a multiple of `divisor` once it holds `least`, or at `most`.
 */
export interface ChunkRule {
  readonly least: number;
  readonly most: number;
  readonly divisor: number;
  /** The front page takes in the newest numbered page while it would hold fewer (unless the list is shorter). */
  readonly frontLeast: number;
}

export const PAGE_SIZES = {
  /** Home: numbered pages of 12 to 32 articles (21 on average), the front page 10 to 41 (#5's 50 KB budget). */
  home: { least: 12, most: 32, divisor: 10, frontLeast: 10 } satisfies ChunkRule,
  /** An entity's articles: numbered pages of 18 to 36 (26 on average), its front page 8 to 43 with the chart and quotes. */
  entity: { least: 18, most: 36, divisor: 10, frontLeast: 8 } satisfies ChunkRule,
  month: 60,
  typeIndex: 250,
  undated: 40,
  sitemap: 50_000,
  feed: 50,
  /** Quotes on an entity's first page: enough to hear a person without outgrowing the page budget (#5). */
  entityQuotes: 8,
} as const;

/** The articles a feed lists: the first PAGE_SIZES.feed dated ones of `positions` (given newest first). */
export function feedPositions(index: ArchiveIndex, positions: Iterable<number>): number[] {
  const dated: number[] = [];
  for (const position of positions) {
    if (dated.length >= PAGE_SIZES.feed) break;
    if (index.articles[position]?.date) dated.push(position);
  }
  return dated;
}

export interface Paged {
  /** The list's first page, at the list's own path. */
  readonly first: boolean;
  /** 1-based: from the start of the list, or for a list numbered from its oldest end, from there. */
  readonly number: number;
  /** Pages in the list, for lists numbered from their start; absent where an add must not change every page. */
  readonly total?: number;
  /** Root-relative path of this page (no prefix). */
  readonly path: string;
  readonly previous?: string;
  readonly next?: string;
  /** Slice of the underlying list: [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface EntityPage extends Paged {
  readonly key: string;
}
export interface TypePage extends Paged {
  readonly type: EntityType;
}
export interface MonthPage extends Paged {
  readonly year: string;
  readonly month: string;
}

/** One file of the article API: the articles of a month (newest first), or the undated ones (month absent). */
export interface ApiArticlesFile {
  readonly month?: string;
  readonly path: string;
  readonly count: number;
}

/** One file of the entity API: a type's entities of one initial letter, as places in `ArchiveIndex.byType[type]`. */
export interface ApiEntitiesFile {
  readonly type: EntityType;
  readonly letter: string;
  readonly path: string;
  readonly members: readonly number[];
}

/** The article positions of an API file, newest first. */
export function apiArticlePositions(index: ArchiveIndex, file: ApiArticlesFile): readonly number[] {
  if (file.month === undefined) return index.undated;
  const year = index.years.find((y) => y.year === file.month!.slice(0, 4));
  return year?.months.find((m) => m.month === file.month)?.articles ?? [];
}

export interface PageLists {
  readonly home: readonly Paged[];
  readonly entity: readonly EntityPage[];
  readonly typeIndex: readonly TypePage[];
  readonly years: readonly { readonly year: string; readonly path: string }[];
  readonly months: readonly MonthPage[];
  readonly undated: readonly Paged[];
  /** Per type, each initial letter with the index page where it starts (A–Z navigation). */
  readonly letters: Readonly<Record<EntityType, readonly { readonly letter: string; readonly path: string }[]>>;
  /** Entity keys, one feed each. */
  readonly entityFeeds: readonly string[];
  /** Every HTML page path, for the sitemap, in chunks of at most 50,000. */
  readonly sitemaps: readonly (readonly string[])[];
  /** 1-based numbers of the sitemap files behind a sitemap index; empty when one sitemap suffices. */
  readonly sitemapChunks: readonly number[];
  /**
   * The API in files of a bounded share of the archive, each listed by /api/articles.json or
   * /api/entities.json: one file per month keeps an edit from rewriting the whole archive's records
   * (17 MB at 10,000 articles, #6), and no file grows with the archive's age.
   */
  readonly apiArticles: readonly ApiArticlesFile[];
  readonly apiEntities: readonly ApiEntitiesFile[];
}

/** "A"–"Z" by the folded first character; "#" for names that start otherwise. */
export function initialLetter(name: string): string {
  const c = sortKey(name).charAt(0).toUpperCase();
  return c >= "A" && c <= "Z" ? c : "#";
}

function chunk(count: number, size: number, pathOf: (page: number) => string): Paged[] {
  const total = Math.max(1, Math.ceil(count / size));
  const pages: Paged[] = [];
  for (let number = 1; number <= total; number++) {
    pages.push({
      first: number === 1,
      number,
      total,
      path: pathOf(number),
      ...(number > 1 ? { previous: pathOf(number - 1) } : {}),
      ...(number < total ? { next: pathOf(number + 1) } : {}),
      start: (number - 1) * size,
      end: Math.min(count, number * size),
    });
  }
  return pages;
}

/**
 * A number per slug for `stableChunks`: FNV-1a, then murmur3's finaliser so that every bit depends on
 * every character. Fixed forever: another function would move every page of every list.
 */
export function slugMark(slug: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) h = Math.imul(h ^ slug.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Pages of a list shown newest first whose numbers count from its oldest end, so that a page keeps its
 * URL and its articles while others arrive (#6). Page 1 starts at the oldest item; a page ends where the
 * item's own mark says so (`ChunkRule`), not at a fixed count, so an article added among older ones
 * changes the page it lands on and rarely another: with pages of a fixed size every newer page moved
 * along by one, ~500 pages at 10,000 articles. Its pages are renumbered only when it itself ends a page
 * (about 1 add in 25). The front page, at `base`, holds what follows the last numbered page, and that
 * page too while what follows is under `frontLeast`; adding the newest item changes the front page, and
 * now and then leaves a new numbered page behind and relinks the one before. `markAt(i)` is the mark of
 * the i-th item, newest first.
 */
export function stableChunks(count: number, rule: ChunkRule, base: string, markAt: (i: number) => number): Paged[] {
  // cuts[k]: the newest item (list index) of numbered page k + 1, which runs from there to the next cut older.
  const cuts: number[] = [];
  let length = 0;
  for (let i = count - 1; i >= 0; i--) {
    length++;
    if (length >= rule.most || (length >= rule.least && markAt(i) % rule.divisor === 0)) {
      cuts.push(i);
      length = 0;
    }
  }
  let numbered = cuts.length;
  if (numbered > 0 && cuts[numbered - 1]! < rule.frontLeast) numbered--;
  const pathOf = (number: number) => `${base}page/${number}/`;
  const pages: Paged[] = [
    { first: true, number: numbered + 1, path: base, ...(numbered > 0 ? { next: pathOf(numbered) } : {}), start: 0, end: numbered > 0 ? cuts[numbered - 1]! : count },
  ];
  for (let number = numbered; number >= 1; number--) {
    pages.push({
      first: false,
      number,
      path: pathOf(number),
      previous: number === numbered ? base : pathOf(number + 1),
      ...(number > 1 ? { next: pathOf(number - 1) } : {}),
      start: cuts[number - 1]!,
      end: number === 1 ? count : cuts[number - 2]!,
    });
  }
  return pages;
}

/** Entity pages by entity: each entity's pages are consecutive in the list. */
function entityPagesByKey(pages: readonly EntityPage[]): Map<string, EntityPage[]> {
  const byKey = new Map<string, EntityPage[]>();
  let current: EntityPage[] | undefined;
  for (const p of pages) {
    if (current?.[0]!.key !== p.key) byKey.set(p.key, (current = []));
    current!.push(p);
  }
  return byKey;
}

/** Whether a home page links to /undated/: the last one, when there are undated articles. */
export function linksUndated(page: Paged, undatedCount: number): boolean {
  return !page.next && undatedCount > 0;
}

/**
 * The previous build's lists, and the entities whose articles may differ since (IndexDiff.entities): every
 * other entity's pages depend only on its own articles' slugs, so its pages are the previous ones (an add at
 * 10,000 articles made ~13,000 entity pages anew for the ~40 it changes, #6). Page digests trust the same set.
 */
export interface PageListReuse {
  readonly previous: PageLists;
  readonly changed: ReadonlySet<string>;
}

export function buildPageLists(index: ArchiveIndex, reuse?: PageListReuse): PageLists {
  // The home page lists dated articles only: an undated one has no place in time, and at the oldest end of
  // the list each new one would move every page along; /undated/ lists them.
  const marks = new Uint32Array(index.articles.length);
  index.articles.forEach((a, p) => (marks[p] = slugMark(a.slug)));
  const home = stableChunks(index.articles.length - index.undated.length, PAGE_SIZES.home, paths.home(), (i) => marks[i]!);
  const before = reuse && entityPagesByKey(reuse.previous.entity);
  const entity = index.entities.flatMap((e) => {
    const kept = before && !reuse.changed.has(e.key) ? before.get(e.key) : undefined;
    // Its oldest page ends at its oldest article: a check that they are this entity's pages.
    if (kept && kept[kept.length - 1]!.end === e.articleCount) return kept;
    const articles = entityArticles(e);
    return stableChunks(articles.length, PAGE_SIZES.entity, paths.entity(e.type, e.slug), (i) => marks[articles[i]!]!).map((p) => ({ ...p, key: e.key }));
  });
  const typeIndex = (Object.keys(index.byType) as EntityType[]).flatMap((type) =>
    chunk(index.byType[type].length, PAGE_SIZES.typeIndex, (n) => paths.typeIndex(type, n)).map((p) => ({ ...p, type })),
  );
  const letters = { person: [], organization: [], place: [], law: [] } as Record<EntityType, { letter: string; path: string }[]>;
  for (const type of Object.keys(index.byType) as EntityType[]) {
    const seen = new Set<string>();
    index.byType[type].forEach((e, i) => {
      const letter = initialLetter(e.name);
      if (seen.has(letter)) return;
      seen.add(letter);
      letters[type].push({ letter, path: paths.typeIndex(type, Math.floor(i / PAGE_SIZES.typeIndex) + 1) });
    });
  }
  const years = index.years.map((y) => ({ year: y.year, path: paths.year(y.year) }));
  const months = index.years.flatMap((y) =>
    y.months.flatMap((m) => chunk(m.articles.length, PAGE_SIZES.month, (n) => paths.month(m.month, n)).map((p) => ({ ...p, year: y.year, month: m.month }))),
  );
  const undated = chunk(index.undated.length, PAGE_SIZES.undated, (n) => paths.undated(n));
  const apiArticles: ApiArticlesFile[] = index.years.flatMap((y) => y.months.map((m) => ({ month: m.month, path: paths.apiArticles(m.month), count: m.articles.length })));
  if (index.undated.length > 0) apiArticles.push({ path: paths.apiArticles(undefined), count: index.undated.length });
  const apiEntities: ApiEntitiesFile[] = [];
  for (const type of Object.keys(index.byType) as EntityType[]) {
    const groups = new Map<string, number[]>();
    index.byType[type].forEach((e, i) => {
      const letter = initialLetter(e.name);
      const members = groups.get(letter);
      if (members) members.push(i);
      else groups.set(letter, [i]);
    });
    for (const [letter, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      apiEntities.push({ type, letter, path: paths.apiEntities(type, letter), members });
    }
  }

  const all = [
    ...home.map((p) => p.path),
    ...index.articles.map((a) => paths.article(a.slug)),
    ...entity.map((p) => p.path),
    ...typeIndex.map((p) => p.path),
    paths.archive(),
    ...years.map((p) => p.path),
    ...months.map((p) => p.path),
    ...undated.map((p) => p.path),
    paths.search(),
  ];
  const sitemaps: string[][] = [];
  for (let i = 0; i < all.length; i += PAGE_SIZES.sitemap) sitemaps.push(all.slice(i, i + PAGE_SIZES.sitemap));

  return { home, entity, typeIndex, letters, years, months, undated, entityFeeds: index.entities.map((e) => e.key),
    sitemaps,
    sitemapChunks: sitemaps.length > 1 ? sitemaps.map((_, i) => i + 1) : [],
    apiArticles,
    apiEntities,
  };
}
