// Page lists (src/site/page-lists.ts): pagination of every list, and a sitemap index past 50,000 URLs.
import { describe, expect, it } from "vitest";
import { buildArchiveIndex } from "../../src/archive/index.ts";
import { buildPageLists, PAGE_SIZES } from "../../src/site/page-lists.ts";
import { archiveArticle } from "../support/archive-article.ts";

describe("buildPageLists", () => {
  it("paginates an entity's articles and links the pages in order", () => {
    const n = PAGE_SIZES.entity * 2 + 3;
    const lists = buildPageLists(buildArchiveIndex(Array.from({ length: n }, (_, i) => archiveArticle(i, ["Ada Lovelace"]))));
    const pages = lists.entity.filter((p) => p.key === "person:ada-lovelace");
    expect(pages.map((p) => p.path)).toEqual(["/people/ada-lovelace/", "/people/ada-lovelace/page/2/", "/people/ada-lovelace/page/3/"]);
    expect(pages.map((p) => [p.start, p.end])).toEqual([
      [0, PAGE_SIZES.entity],
      [PAGE_SIZES.entity, PAGE_SIZES.entity * 2],
      [PAGE_SIZES.entity * 2, n],
    ]);
    expect(pages[1]).toMatchObject({ previous: "/people/ada-lovelace/", next: "/people/ada-lovelace/page/3/" });
    expect(lists.undated.length).toBe(1);
    expect(lists.letters.person).toEqual([{ letter: "A", path: "/people/" }]);
  });

  it("writes one sitemap up to 50,000 URLs and a sitemap index beyond", () => {
    const small = buildPageLists(buildArchiveIndex(Array.from({ length: 10 }, (_, i) => archiveArticle(i))));
    expect(small.sitemaps).toHaveLength(1);
    expect(small.sitemapChunks).toEqual([]);
    expect(small.sitemaps[0]).toContain("/articles/a-3/");

    const large = buildPageLists(buildArchiveIndex(Array.from({ length: 50_001 }, (_, i) => archiveArticle(i))));
    const urls = large.sitemaps.flat();
    expect(large.sitemaps.length).toBeGreaterThan(1);
    expect(large.sitemaps.every((chunk) => chunk.length <= 50_000)).toBe(true);
    expect(large.sitemapChunks).toEqual(large.sitemaps.map((_, i) => i + 1));
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain("/articles/a-50000/");
  });
});
