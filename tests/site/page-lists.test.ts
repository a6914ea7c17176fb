// Page lists (src/site/page-lists.ts): pagination of every list, and a sitemap index past 50,000 URLs.
import { describe, expect, it } from "vitest";
import { buildArchiveIndex } from "../../src/archive/index.ts";
import { buildPageLists, PAGE_SIZES } from "../../src/site/page-lists.ts";
import { archiveArticle } from "../support/archive-article.ts";

describe("buildPageLists", () => {
  // Article i dated i days after 2000-01-01: the higher i, the newer.
  const dated = (i: number, people: readonly string[] = ["Ada Lovelace"]) =>
    archiveArticle(i, people, { date: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10) });
  const entityPages = (n: number) =>
    buildPageLists(buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i)))).entity.filter((p) => p.key === "person:ada-lovelace");

  it("numbers an entity's pages from its oldest articles, the newest on its front page", () => {
    const size = PAGE_SIZES.entity;
    const n = size * 3 + size / 2;
    const index = buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i)));
    const pages = buildPageLists(index).entity.filter((p) => p.key === "person:ada-lovelace");
    const base = "/people/ada-lovelace/";
    expect(pages.map((p) => p.path)).toEqual([base, `${base}page/3/`, `${base}page/2/`, `${base}page/1/`]);
    expect(pages.map((p) => p.end - p.start)).toEqual([size / 2, size, size, size]);
    expect(pages.map((p) => p.first)).toEqual([true, false, false, false]);
    // Page 1 holds the oldest articles; the pages chain newest to oldest.
    const mentions = index.entityByKey.get("person:ada-lovelace")!.mentions;
    const page1 = pages[3]!;
    expect(mentions.slice(page1.start, page1.end).map((m) => index.articles[m.article]!.slug)).toEqual(
      Array.from({ length: size }, (_, i) => `a-${size - 1 - i}`),
    );
    expect(pages[0]).toMatchObject({ next: `${base}page/3/` });
    expect(pages[0]!.previous).toBeUndefined();
    expect(pages[1]).toMatchObject({ previous: base, next: `${base}page/2/` });
    expect(pages[3]).toMatchObject({ previous: `${base}page/2/` });
    expect(pages[3]!.next).toBeUndefined();
    expect(pages.every((p) => p.total === undefined)).toBe(true);
  });

  it("keeps every numbered page, its articles and its links while newer articles are added", () => {
    const size = PAGE_SIZES.entity;
    const shown = (n: number) => {
      const index = buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i)));
      const mentions = index.entityByKey.get("person:ada-lovelace")!.mentions;
      const pages = buildPageLists(index).entity.filter((p) => p.key === "person:ada-lovelace");
      return new Map(pages.map((p) => [p.path, { slugs: mentions.slice(p.start, p.end).map((m) => index.articles[m.article]!.slug), previous: p.previous, next: p.next }]));
    };
    let before = shown(size * 2);
    let newPages = 0;
    for (let n = size * 2 + 1; n <= size * 4; n++) {
      const after = shown(n);
      const front = after.get("/people/ada-lovelace/")!;
      expect(front.slugs.length).toBeGreaterThanOrEqual(size / 2);
      expect(front.slugs.length).toBeLessThan(size * 1.5);
      let changed = 0;
      for (const [path, page] of before) {
        if (path === "/people/ada-lovelace/") continue;
        if (JSON.stringify(after.get(path)) !== JSON.stringify(page)) changed++;
      }
      // Only the newest numbered page is relinked, when the front page leaves a new one behind.
      expect(changed).toBe(after.size > before.size ? 1 : 0);
      if (after.size > before.size) newPages++;
      before = after;
    }
    expect(newPages).toBe(2);
  });

  it("gives a short list one page, and an empty one an empty front page", () => {
    expect(entityPages(PAGE_SIZES.entity + PAGE_SIZES.entity / 2 - 1).map((p) => [p.start, p.end])).toEqual([[0, PAGE_SIZES.entity * 1.5 - 1]]);
    const empty = buildPageLists(buildArchiveIndex([]));
    expect(empty.home).toEqual([{ first: true, number: 1, path: "/", start: 0, end: 0 }]);
  });

  it("lists the dated articles on the home pages and the undated ones on their own", () => {
    const lists = buildPageLists(buildArchiveIndex(Array.from({ length: 95 }, (_, i) => archiveArticle(i))));
    const onHome = lists.home.reduce((sum, p) => sum + p.end - p.start, 0);
    expect(onHome).toBe(95 - 10);
    expect(lists.undated).toHaveLength(1);
    expect(lists.home.map((p) => p.path)).toEqual(["/", "/page/3/", "/page/2/", "/page/1/"]);
    expect(lists.letters.person).toEqual([]);
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
