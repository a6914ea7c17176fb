// What one Eleventy run writes. An unsharded build writes every page; a sharded build (issue 6) splits
// the page lists so that each shard, a separate Eleventy run in its own process, holds only its slice in
// memory. Every page is still rendered from the whole archive index, so its bytes do not depend on the
// shard that wrote it. Pure.

import type { ArchiveIndex, IndexedArticle } from "../archive/index.ts";
import type { ApiArticlesFile, ApiEntitiesFile, EntityPage, MonthPage, PageLists, Paged, TypePage } from "./page-lists.ts";
import { ONCE_PAGES, paths, type OncePage } from "./urls.ts";

export interface Shard {
  /** 0-based. */
  readonly shard: number;
  readonly count: number;
}

export interface RenderLists {
  readonly articles: readonly IndexedArticle[];
  readonly home: readonly Paged[];
  readonly entity: readonly EntityPage[];
  readonly entityFeeds: readonly string[];
  readonly typeIndex: readonly TypePage[];
  readonly years: PageLists["years"];
  readonly months: readonly MonthPage[];
  readonly undated: readonly Paged[];
  readonly sitemapChunks: readonly number[];
  readonly apiArticles: readonly ApiArticlesFile[];
  readonly apiEntities: readonly ApiEntitiesFile[];
  /** Per one-off page (archive, feeds, sitemap, API, search, 404, robots): `[true]` on the run that writes it. */
  readonly once: Readonly<Record<OncePage, readonly true[]>>;
}

/** The shard that writes the one-off pages and copies public/. */
export const OWNER_SHARD = 0;

/** Whether `shard` (undefined: an unsharded run) writes the one-off pages. */
export function ownsSingletons(shard: Shard | undefined): boolean {
  return shard === undefined || shard.shard === OWNER_SHARD;
}

/**
 * The pages `shard` writes: the large families (articles, entity pages and feeds, months) dealt out
 * round-robin so shards stay even; the small ones (home, type indexes, years, undated, sitemaps,
 * one-off files) all on OWNER_SHARD. Without a shard, everything. With `only` (an incremental build,
 * page-digests.ts), just the pages whose permalinks it holds.
 */
export function renderLists(index: ArchiveIndex, pages: PageLists, shard?: Shard, only?: ReadonlySet<string>): RenderLists {
  const owner = ownsSingletons(shard);
  const wanted = <T>(list: readonly T[], permalink: (item: T) => string): readonly T[] =>
    only === undefined ? list : list.filter((item) => only.has(permalink(item)));
  const mine = <T>(list: readonly T[]): readonly T[] => (shard === undefined ? list : list.filter((_, i) => i % shard.count === shard.shard));
  const small = <T>(list: readonly T[]): readonly T[] => (owner ? list : []);
  const feedPath = (key: string): string => {
    const entity = index.entityByKey.get(key);
    return entity ? paths.entityFeed(entity.type, entity.slug) : key;
  };
  const byPath = (p: { readonly path: string }) => p.path;
  return {
    articles: mine(wanted(index.articles, (a) => paths.article(a.slug))),
    home: small(wanted(pages.home, byPath)),
    entity: mine(wanted(pages.entity, byPath)),
    entityFeeds: mine(wanted(pages.entityFeeds, feedPath)),
    typeIndex: small(wanted(pages.typeIndex, byPath)),
    years: small(wanted(pages.years, byPath)),
    months: mine(wanted(pages.months, byPath)),
    undated: small(wanted(pages.undated, byPath)),
    sitemapChunks: small(wanted(pages.sitemapChunks, (n) => paths.sitemap(n))),
    // With the one-off pages: the owner's skeleton is the one that keeps every article's entity keys.
    apiArticles: small(wanted(pages.apiArticles, byPath)),
    apiEntities: small(wanted(pages.apiEntities, byPath)),
    once: onceLists(owner, only),
  };
}

function onceLists(owner: boolean, only: ReadonlySet<string> | undefined): Record<OncePage, readonly true[]> {
  const lists = {} as Record<OncePage, readonly true[]>;
  for (const [page, permalink] of Object.entries(ONCE_PAGES) as [OncePage, string][]) {
    lists[page] = owner && (only === undefined || only.has(permalink)) ? [true] : [];
  }
  return lists;
}
