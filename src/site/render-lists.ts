// What one Eleventy run writes. An unsharded build writes every page; a sharded build (issue 6) splits
// the page lists so that each shard, a separate Eleventy run in its own process, holds only its slice in
// memory. Every page is still rendered from the whole archive index, so its bytes do not depend on the
// shard that wrote it. Pure.

import type { ArchiveIndex, IndexedArticle } from "../archive/index.ts";
import type { EntityPage, MonthPage, PageLists, Paged, TypePage } from "./page-lists.ts";

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
  /** `[true]` on the run that writes the one-off files (archive, feeds, sitemap, API, search, 404); else empty. */
  readonly once: readonly true[];
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
 * one-off files) all on OWNER_SHARD. Without a shard, everything.
 */
export function renderLists(index: ArchiveIndex, pages: PageLists, shard?: Shard): RenderLists {
  const owner = ownsSingletons(shard);
  const mine = <T>(list: readonly T[]): readonly T[] => (shard === undefined ? list : list.filter((_, i) => i % shard.count === shard.shard));
  const small = <T>(list: readonly T[]): readonly T[] => (owner ? list : []);
  return {
    articles: mine(index.articles),
    home: small(pages.home),
    entity: mine(pages.entity),
    entityFeeds: mine(pages.entityFeeds),
    typeIndex: small(pages.typeIndex),
    years: small(pages.years),
    months: mine(pages.months),
    undated: small(pages.undated),
    sitemapChunks: small(pages.sitemapChunks),
    once: owner ? [true] : [],
  };
}
