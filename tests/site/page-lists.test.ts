// Page lists (src/site/page-lists.ts): pagination of every list, and a sitemap index past 50,000 URLs.
import { describe, expect, it } from "vitest";
import { buildArchiveIndex } from "../../src/archive/index.ts";
import { buildPageLists, PAGE_SIZES, slugMark } from "../../src/site/page-lists.ts";
import { archiveArticle } from "../support/archive-article.ts";

describe("buildPageLists", () => {
  // Article i dated i days after 2000-01-01: the higher i, the newer.
  const dated = (i: number, people: readonly string[] = ["Ada Lovelace"]) =>
    archiveArticle(i, people, { date: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10) });
  const entityPages = (n: number) =>
    buildPageLists(buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i)))).entity.filter((p) => p.key === "person:ada-lovelace");

  const base = "/people/ada-lovelace/";
  /** Each page of Ada's list by path: the slugs it shows (newest first) and its links. */
  const shown = (index: ReturnType<typeof buildArchiveIndex>, key = "person:ada-lovelace") => {
    const mentions = index.entityByKey.get(key)!.mentions;
    const pages = buildPageLists(index).entity.filter((p) => p.key === key);
    return new Map(pages.map((p) => [p.path, { slugs: mentions.slice(p.start, p.end).map((m) => index.articles[m.article]!.slug), previous: p.previous, next: p.next }]));
  };

  it("numbers an entity's pages from its oldest articles, each numbered page ending where its newest article's mark says", () => {
    const rule = PAGE_SIZES.entity;
    const n = 200;
    const index = buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i)));
    const pages = buildPageLists(index).entity.filter((p) => p.key === "person:ada-lovelace");
    const numbered = pages.length - 1;
    expect(numbered).toBeGreaterThan(3);
    expect(pages.map((p) => p.path)).toEqual([base, ...Array.from({ length: numbered }, (_, k) => `${base}page/${numbered - k}/`)]);
    expect(pages.map((p) => p.first)).toEqual([true, ...Array<boolean>(numbered).fill(false)]);
    // The pages cut the list, newest first, into consecutive slices; page 1 ends with the oldest article.
    expect(pages[0]!.start).toBe(0);
    for (let k = 1; k < pages.length; k++) expect(pages[k]!.start).toBe(pages[k - 1]!.end);
    expect(pages.at(-1)!.end).toBe(n);
    const mentions = index.entityByKey.get("person:ada-lovelace")!.mentions;
    expect(index.articles[mentions[pages.at(-1)!.end - 1]!.article]!.slug).toBe("a-0");
    for (const p of pages.slice(1)) {
      const size = p.end - p.start;
      expect(size).toBeGreaterThanOrEqual(rule.least);
      expect(size).toBeLessThanOrEqual(rule.most);
      // A page shorter than the most ends at (starts with, newest first) an article whose mark is a multiple.
      if (size < rule.most) expect(slugMark(index.articles[mentions[p.start]!.article]!.slug) % rule.divisor).toBe(0);
    }
    expect(pages[0]!.end).toBeGreaterThanOrEqual(rule.frontLeast);
    expect(pages[0]!.end).toBeLessThan(rule.most + rule.frontLeast);
    // Newest to oldest: the front page, then page `numbered`, …, page 1.
    expect(pages[0]).toMatchObject({ next: `${base}page/${numbered}/` });
    expect(pages[0]!.previous).toBeUndefined();
    expect(pages[1]).toMatchObject({ previous: base, next: `${base}page/${numbered - 1}/` });
    expect(pages.at(-1)).toMatchObject({ previous: `${base}page/2/` });
    expect(pages.at(-1)!.next).toBeUndefined();
    expect(pages.every((p) => p.total === undefined)).toBe(true);
  });

  it("keeps every numbered page, its articles and its links while newer articles are added", () => {
    const rule = PAGE_SIZES.entity;
    const at = (n: number) => shown(buildArchiveIndex(Array.from({ length: n }, (_, i) => dated(i))));
    let before = at(60);
    let newPages = 0;
    for (let n = 61; n <= 260; n++) {
      const after = at(n);
      const front = after.get(base)!;
      expect(front.slugs.length).toBeGreaterThanOrEqual(rule.frontLeast);
      expect(front.slugs.length).toBeLessThan(rule.most + rule.frontLeast);
      let changed = 0;
      for (const [path, page] of before) {
        if (path === base) continue;
        if (JSON.stringify(after.get(path)) !== JSON.stringify(page)) changed++;
      }
      // Only the newest numbered page is relinked, when the front page leaves a new one behind.
      expect(changed).toBe(after.size > before.size ? 1 : 0);
      expect(after.size - before.size).toBeGreaterThanOrEqual(0);
      if (after.size > before.size) newPages++;
      before = after;
    }
    expect(newPages).toBeGreaterThan(4);
  });

  it("changes the page an older article lands on, and renumbers the pages after it only now and then", () => {
    // 1,200 articles two days apart, and 60 more, each added alone to them on a day in between.
    const day = (d: number) => new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10);
    const articles = Array.from({ length: 1200 }, (_, i) => archiveArticle(i, ["Ada Lovelace"], { date: day(2 * i) }));
    const homeOf = (index: ReturnType<typeof buildArchiveIndex>) =>
      new Map(buildPageLists(index).home.map((p) => [p.path, JSON.stringify([index.articles.slice(p.start, p.end).map((a) => a.slug), p.previous, p.next])]));
    const home = homeOf(buildArchiveIndex(articles));
    const ada = shown(buildArchiveIndex(articles));
    const changedHome: number[] = [];
    const changedAda: number[] = [];
    let renumbered = 0;
    for (let k = 0; k < 60; k++) {
      const extra = archiveArticle(5000 + k, ["Ada Lovelace"], { date: day(2 * ((k * 397) % 1150) + 1) });
      const index = buildArchiveIndex([...articles, extra]);
      const after = homeOf(index);
      if (after.size !== home.size) renumbered++;
      changedHome.push([...after].filter(([path, page]) => path !== "/" && home.get(path) !== page).length);
      const adaAfter = shown(index);
      changedAda.push([...adaAfter].filter(([path, page]) => path !== base && JSON.stringify(ada.get(path)) !== JSON.stringify(page)).length);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    // With pages of a fixed size, every page newer than the article moved along: ~30 home pages on average here.
    expect(median(changedHome)).toBeLessThanOrEqual(2);
    expect(median(changedAda)).toBeLessThanOrEqual(2);
    expect(renumbered).toBeLessThanOrEqual(12);
  });

  it("gives a short list one page, and an empty one an empty front page", () => {
    const short = PAGE_SIZES.entity.least + PAGE_SIZES.entity.frontLeast - 1;
    expect(entityPages(short).map((p) => [p.start, p.end])).toEqual([[0, short]]);
    const empty = buildPageLists(buildArchiveIndex([]));
    expect(empty.home).toEqual([{ first: true, number: 1, path: "/", start: 0, end: 0 }]);
  });

  it("gives the same mark to a slug in every build", () => {
    // Fixed forever: another mark would move every page of every list (the values pin the function down).
    expect(["a-0", "warhols-photo-legacy", "beijingaoyunhuikaimu", ""].map(slugMark)).toMatchInlineSnapshot(`
      [
        1491810959,
        844760782,
        1916778030,
        2872998923,
      ]
    `);
  });

  it("lists the dated articles on the home pages and the undated ones on their own", () => {
    const lists = buildPageLists(buildArchiveIndex(Array.from({ length: 95 }, (_, i) => archiveArticle(i))));
    const onHome = lists.home.reduce((sum, p) => sum + p.end - p.start, 0);
    expect(onHome).toBe(95 - 10);
    expect(lists.undated).toHaveLength(1);
    const numbered = lists.home.length - 1;
    expect(numbered).toBeGreaterThan(1);
    expect(lists.home.map((p) => p.path)).toEqual(["/", ...Array.from({ length: numbered }, (_, k) => `/page/${numbered - k}/`)]);
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
