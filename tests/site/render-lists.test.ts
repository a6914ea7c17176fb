// The pages each shard of a sharded render writes (issue 6): together the shards write every page of
// an unsharded run, each exactly once, and the one-off pages land on a single shard.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite, type SiteSource } from "../../src/site/load-site.ts";
import { OWNER_SHARD, renderLists, type RenderLists } from "../../src/site/render-lists.ts";
import { ONCE_PAGES, type OncePage } from "../../src/site/urls.ts";

const BUNDLED = path.resolve(import.meta.dirname, "../../content");
const FAMILIES = ["articles", "home", "entity", "entityFeeds", "typeIndex", "years", "months", "undated", "sitemapChunks", "apiArticles", "apiEntities"] as const;
/** The one-off pages a run writes, by permalink. */
const oncePages = (lists: RenderLists): string[] =>
  (Object.keys(ONCE_PAGES) as OncePage[]).filter((page) => lists.once[page].length > 0).map((page) => ONCE_PAGES[page]);

let site: SiteSource;
beforeAll(async () => {
  site = await loadSite(BUNDLED);
});

describe("renderLists", () => {
  it("without a shard, lists every page of the page lists", () => {
    const all = renderLists(site.index, site.pages);
    expect(all.articles).toEqual(site.index.articles);
    expect(all.entity).toEqual(site.pages.entity);
    expect(all.months).toEqual(site.pages.months);
    expect(oncePages(all)).toEqual(Object.values(ONCE_PAGES));
    for (const list of Object.values(all.once)) expect(list).toEqual([true]);
  });

  it.each([2, 3, 7])("split in %i shards, writes every page exactly once", (count) => {
    const all = renderLists(site.index, site.pages);
    const shards = Array.from({ length: count }, (_, shard) => renderLists(site.index, site.pages, { shard, count }));
    for (const family of FAMILIES) {
      const union = shards.flatMap((s: RenderLists) => [...(s[family] as readonly unknown[])]);
      expect(union, family).toHaveLength(all[family].length);
      expect(new Set(union).size, family).toBe(new Set(all[family] as readonly unknown[]).size);
      for (const item of all[family] as readonly unknown[]) expect(union, family).toContain(item);
    }
  });

  it("puts the one-off and small families on one shard and spreads the large ones", () => {
    const shards = Array.from({ length: 3 }, (_, shard) => renderLists(site.index, site.pages, { shard, count: 3 }));
    shards.forEach((s, shard) => {
      const owner = shard === OWNER_SHARD;
      expect(oncePages(s)).toEqual(owner ? Object.values(ONCE_PAGES) : []);
      expect(s.home.length > 0).toBe(owner);
      expect(s.typeIndex.length > 0).toBe(owner);
      // The API files read every article's entity keys, which only the owner's skeleton keeps (shard-data.ts).
      expect(s.apiArticles.length > 0 && s.apiEntities.length > 0).toBe(owner);
      expect(s.articles.length).toBeGreaterThanOrEqual(Math.floor(site.index.articles.length / 3));
      expect(s.entity.length).toBeGreaterThanOrEqual(Math.floor(site.pages.entity.length / 3));
    });
  });

  it("in an incremental build, writes just the one-off pages it is asked for", () => {
    const only = new Set([ONCE_PAGES.articlesApi, ONCE_PAGES.atom]);
    expect(oncePages(renderLists(site.index, site.pages, undefined, only))).toEqual([ONCE_PAGES.atom, ONCE_PAGES.articlesApi]);
  });
});
