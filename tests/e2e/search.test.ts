// The search page (public/js/search.js) against the contract with an incremental build: /pagefind-shards.json
// names delta bundles, older first, each with the pages whose results from the bundles before it must be
// dropped. The deltas are made here with Pagefind's Node API, as src/cli/index-search-shards.ts makes them: the
// seed article is changed twice — first it loses an old word ("Homan") for a middle one, which goes into the
// delta bundle, then it gets a new headline and a new word instead, in the recent bundle — and another
// article is deleted. Its main index is in bundles of 30 articles, merged by the page as a large archive's are
// (a word that only some bundles hold must not bring look-alikes from the others). Served under /archive/ with
// the site's _headers (CSP), in Chromium.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pagefind from "pagefind";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, watchPage, type Browser } from "../support/browser.ts";
import { indexSearchShards, SHARD_LIST } from "../../src/cli/index-search-shards.ts";
import { buildSite } from "../support/build-site.ts";
import { headersFor, parseHeadersFile } from "../support/parse-headers.ts";
import { SEED_HEADLINE } from "../support/site-pages.ts";
import { startStaticServer, type StaticServer } from "../support/static-server.ts";

const PREFIX = "/archive/";
const SEED = "articles/northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report/";
const GONE = "articles/a380-makes-maiden-flight-to-us/";
/** In the seed article's new version only. */
const NEW_WORD = "Quillfeather";
const NEW_HEADLINE = `${NEW_WORD} report: ${SEED_HEADLINE}`;
/** In the seed article's old version only (Thomas Homan, replaced by MIDDLE_WORD, then by NEW_WORD). */
const OLD_WORD = "Homan";
/** In the seed article's middle version only, which the recent bundle replaces. */
const MIDDLE_WORD = "Zephyrwick";
/** In both versions, and in no other article. */
const BOTH_WORD = "Schaaf";
/** In the deleted article's headline. */
const GONE_WORD = "A380";

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)(skip ?? "search with a delta bundle and stale pages", () => {
  let dir: string;
  let patched: StaticServer;
  let unsharded: StaticServer;
  let single: StaticServer;
  let merged: StaticServer;
  let many: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const site = await buildSite({ pathPrefix: PREFIX });
    dir = await mkdtemp(join(tmpdir(), "broadsheet-search-"));
    const out = join(dir, "patched");
    await cp(site.out, out, { recursive: true });
    // An older build: one bundle and no shard list.
    await cp(site.out, join(dir, "unsharded"), { recursive: true });
    await rm(join(dir, "unsharded", SHARD_LIST));
    // The same site with its main index in bundles of 30 articles, which the page merges (mergeIndex), as a large
    // archive's bundles of 2,500.
    await cp(site.out, join(dir, "merged"), { recursive: true });
    await rm(join(dir, "merged", "pagefind"), { recursive: true });
    expect((await indexSearchShards({ siteDir: join(dir, "merged"), shardSize: 30 })).shards.length).toBeGreaterThan(2);
    // And in bundles of 10: more bundles than the page loads the filter indexes of before they are wanted.
    await cp(site.out, join(dir, "many"), { recursive: true });
    await rm(join(dir, "many", "pagefind"), { recursive: true });
    expect((await indexSearchShards({ siteDir: join(dir, "many"), shardSize: 10 })).shards.length).toBeGreaterThan(8);
    // The patched site too: its main bundles merged, then the deltas searched beside them.
    await rm(join(out, "pagefind"), { recursive: true });
    await indexSearchShards({ siteDir: out, shardSize: 30 });

    const seedFile = join(out, SEED, "index.html");
    const old = await readFile(seedFile, "utf8");
    for (const word of [OLD_WORD, BOTH_WORD, "<h1"]) expect(old, `the seed article has no ${word}`).toContain(word);
    expect(await readFile(join(out, GONE, "index.html"), "utf8")).toContain(GONE_WORD);
    const middle = old.replaceAll(OLD_WORD, MIDDLE_WORD);
    const changed = old.replaceAll(OLD_WORD, NEW_WORD).replace(/(<h1[^>]*>)[^<]*/, `$1${NEW_HEADLINE}`);
    await writeFile(seedFile, changed);
    await rm(join(out, GONE), { recursive: true });

    for (const [bundle, content] of [["pagefind-delta", middle], ["pagefind-recent", changed]] as const) {
      const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
      if (!index) throw new Error(`pagefind.createIndex: ${errors.join("; ")}`);
      const added = await index.addHTMLFile({ sourcePath: `${SEED}index.html`, content });
      expect(added.errors).toEqual([]);
      expect((await index.writeFiles({ outputPath: join(out, bundle) })).errors).toEqual([]);
    }
    await pagefind.close();
    const shards = JSON.parse(await readFile(join(out, SHARD_LIST), "utf8")) as { merge: string[] };
    const deltas = [
      { bundle: "../pagefind-delta/", stale: [SEED, GONE] },
      { bundle: "../pagefind-recent/", stale: [SEED] },
    ];
    await writeFile(join(out, SHARD_LIST), JSON.stringify({ ...shards, deltas }));

    const rules = parseHeadersFile(await readFile(join(out, "_headers"), "utf8"));
    patched = await startStaticServer({ root: out, pathPrefix: PREFIX, headersFor: (path) => headersFor(rules, path) });
    unsharded = await startStaticServer({ root: join(dir, "unsharded"), pathPrefix: PREFIX, headersFor: (path) => headersFor(rules, path) });
    single = await startStaticServer({ root: site.out, pathPrefix: PREFIX, headersFor: (path) => headersFor(rules, path) });
    merged = await startStaticServer({ root: join(dir, "merged"), pathPrefix: PREFIX, headersFor: (path) => headersFor(rules, path) });
    many = await startStaticServer({ root: join(dir, "many"), pathPrefix: PREFIX, headersFor: (path) => headersFor(rules, path) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await patched?.close();
    await unsharded?.close();
    await single?.close();
    await merged?.close();
    await many?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Opens the search page (with a query string, if given) and watches it for console errors. */
  async function open(server: StaticServer, query = ""): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    const { errors } = watchPage(page);
    await page.goto(`${server.baseUrl}search/${query}`);
    await page.getByRole("searchbox", { name: "Search the archive" }).waitFor({ state: "visible", timeout: 15_000 });
    return { page, errors };
  }

  /** Every result of `term` on `server` ("Show more" until the end): links sorted, the status, the excerpts' marks. */
  async function everyResult(server: StaticServer, term: string): Promise<{ hrefs: string[]; status: string; marks: string[] }> {
    const { page, errors } = await open(server);
    try {
      await searchFor(page, term);
      await showEveryResult(page);
      expect(errors).toEqual([]);
      return {
        hrefs: (await resultsOf(page)).map((r) => r.href).sort(),
        status: await statusOf(page),
        marks: await page.locator(".search-results mark").allTextContents(),
      };
    } finally {
      await page.close();
    }
  }

  it("finds the changed page once, in its new version, by its new words; not by its old ones; and never the deleted page", async () => {
    const { page, errors } = await open(patched);
    try {
      await searchFor(page, NEW_WORD);
      expect(await statusOf(page)).toBe(`1 result for “${NEW_WORD}”.`);
      expect(await resultsOf(page)).toEqual([{ href: PREFIX + SEED, text: NEW_HEADLINE }]);
      await expect.poll(() => page.locator(".search-results mark").first().textContent()).toBe(NEW_WORD);

      await searchFor(page, OLD_WORD);
      expect(await statusOf(page)).toBe(`No results for “${OLD_WORD}”.`);
      expect(await resultsOf(page)).toEqual([]);
      expect(await page.locator(".search-hint").isVisible()).toBe(true);

      // The middle version, in the delta bundle, is stale too: the recent bundle lists the page.
      await searchFor(page, MIDDLE_WORD);
      expect(await statusOf(page)).toBe(`No results for “${MIDDLE_WORD}”.`);

      await searchFor(page, BOTH_WORD);
      expect(await statusOf(page)).toBe(`1 result for “${BOTH_WORD}”.`);
      expect(await resultsOf(page)).toEqual([{ href: PREFIX + SEED, text: NEW_HEADLINE }]);

      await searchFor(page, GONE_WORD);
      const hrefs = (await resultsOf(page)).map((r) => r.href);
      expect(hrefs).not.toContain(PREFIX + GONE);
      expect(await statusOf(page)).toMatch(hrefs.length === 0 ? /^No results/ : new RegExp(`^${hrefs.length} results? for`));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("pages a large result set with “Show more results”: no stale result, the changed page once, an exact count at the end", async () => {
    const { page, errors } = await open(patched);
    try {
      await searchFor(page, "the");
      expect(await resultsOf(page)).toHaveLength(10);
      const more = page.getByRole("button", { name: "Show more results" });
      expect(await more.isVisible()).toBe(true);
      await more.click();
      await expect.poll(async () => (await resultsOf(page)).length).toBe(20);
      // The first new result has the focus, so a keyboard user carries on from there.
      expect(await page.evaluate(() => document.activeElement?.closest("li") === document.querySelectorAll(".search-results > li")[10])).toBe(true);
      await showEveryResult(page);
      const results = await resultsOf(page);
      expect(results.length).toBeGreaterThan(50); // more than search.js resolves up front: the lazy path
      expect(new Set(results.map((r) => r.href)).size, "a page is listed twice").toBe(results.length);
      expect(results.filter((r) => r.href === PREFIX + SEED)).toEqual([{ href: PREFIX + SEED, text: NEW_HEADLINE }]);
      expect(results.map((r) => r.href)).not.toContain(PREFIX + GONE);
      for (const { href } of results) expect(href.startsWith(`${PREFIX}articles/`), href).toBe(true);
      expect(await statusOf(page)).toBe(`${results.length} results for “the”.`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("runs the search in ?q= on arrival, and keeps the address up to date as the reader types", async () => {
    const { page, errors } = await open(patched, `?q=${BOTH_WORD}`);
    try {
      await expect.poll(() => statusOf(page)).toContain(`“${BOTH_WORD}”`);
      expect(await page.getByRole("searchbox", { name: "Search the archive" }).inputValue()).toBe(BOTH_WORD);
      expect(await resultsOf(page)).toEqual([{ href: PREFIX + SEED, text: NEW_HEADLINE }]);
      await searchFor(page, NEW_WORD);
      expect(new URL(page.url()).searchParams.get("q")).toBe(NEW_WORD);
      await searchFor(page, "");
      expect(await statusOf(page)).toMatch(/^Type a word/);
      expect(new URL(page.url()).search).toBe("");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("narrows the results by filters, which combine and go into the address", async () => {
    const { page, errors } = await open(patched);
    try {
      await searchFor(page, "the");
      const all = countIn(await statusOf(page));
      await page.locator("summary", { hasText: "Years" }).click();
      const yearBox = page.locator("[data-filter=year] input[type=checkbox]").first();
      const year = await yearBox.getAttribute("value");
      expect(year).toMatch(/^\d{4}$/);
      const offered = Number(/\((\d+)\)/.exec((await yearBox.locator("xpath=..").textContent()) ?? "")?.[1]);
      await yearBox.check();
      await expect.poll(() => statusOf(page)).toContain(`narrowed by ${year}`);
      const inYear = countIn(await statusOf(page));
      expect(inYear).toBeGreaterThan(0);
      expect(inYear).toBeLessThan(all);
      expect(inYear).toBeLessThanOrEqual(offered);
      // Every result shown is of that year (its date line is the year filter when the page has no date meta).
      for (const date of await page.locator(".search-results .meta").allTextContents()) expect(date).toContain(year);
      expect(new URL(page.url()).searchParams.get("year")).toBe(year);
      expect(await yearBox.isChecked()).toBe(true);

      await page.locator("summary", { hasText: "People" }).click();
      const personBox = page.locator("[data-filter=person] input[type=checkbox]").first();
      const person = (await personBox.getAttribute("value")) ?? "";
      await personBox.check();
      await expect.poll(() => statusOf(page)).toContain(`narrowed by ${person}, ${year}`);
      const both = countIn(await statusOf(page));
      expect(both).toBeGreaterThan(0);
      expect(both).toBeLessThanOrEqual(inYear);
      expect(new URL(page.url()).searchParams.get("person")).toBe(person);

      // Reloading the address restores the search and its filters.
      await page.reload();
      await expect.poll(() => statusOf(page)).toContain(`narrowed by ${person}, ${year}`);
      expect(countIn(await statusOf(page))).toBe(both);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows the results before the filter indexes arrive, then the filters with their counts", async () => {
    const page = await browser.context.newPage();
    const { errors } = watchPage(page);
    // Every bundle's filter indexes held back until the results are on show (the largest part of a bundle).
    const held: (() => Promise<void>)[] = [];
    let release = false;
    await page.route("**/*.pf_filter", (route) => (release ? route.continue() : void held.push(() => route.continue())));
    try {
      await page.goto(`${patched.baseUrl}search/?q=${BOTH_WORD}`);
      await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe(`1 result for “${BOTH_WORD}”.`);
      expect(await resultsOf(page)).toEqual([{ href: PREFIX + SEED, text: NEW_HEADLINE }]);
      await expect.poll(() => held.length, { message: "the page asked for no filter index" }).toBeGreaterThan(0);
      expect(await page.locator(".search-filters").isVisible()).toBe(false);
      release = true;
      await Promise.all(held.map((go) => go()));
      await page.locator(".search-filters").waitFor({ state: "visible", timeout: 15_000 });
      // The counts are those of this search, not of the archive: its one result, counted once in each of the
      // three levels that hold a version of it (two of them stale).
      const counts = (await page.locator(".search-filters label .count").allTextContents()).map((c) => Number(/\d+/.exec(c)?.[0]));
      expect(counts.length).toBeGreaterThan(0);
      for (const n of counts) expect(n).toBeLessThanOrEqual(3);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("tells a half-typed word's results from look-alikes by a page of them with one bundle, not by loading all", async () => {
    const { page, errors } = await open(single);
    let fragments = 0;
    page.on("request", (request) => void (request.url().endsWith(".pf_fragment") && (fragments += 1)));
    try {
      await searchFor(page, "Bec");
      const total = countIn(await statusOf(page));
      expect(total, "“Bec” starts many words of the bundled articles").toBeGreaterThan(20);
      expect(await statusOf(page)).toBe(`${total} results for “Bec”.`);
      expect(fragments).toBeLessThanOrEqual(20);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("leaves a word every article holds to the query's other words: the same results, none marked for it", async () => {
    const search = (term: string) => everyResult(merged, term);
    const [withThe, police] = [await search("the police"), await search("police")];
    expect(withThe.hrefs.length).toBeGreaterThan(3);
    expect(withThe.hrefs).toEqual(police.hrefs);
    expect(withThe.marks.filter((mark) => /^the$/i.test(mark))).toEqual([]);
    // Quoted, a phrase keeps every word.
    expect((await search('"the police"')).marks.some((mark) => /^the$/i.test(mark))).toBe(true);
  });

  it("loads the filter indexes of many bundles only once a filter group is opened, then counts as with few", async () => {
    const yearsOf = async (server: StaticServer): Promise<{ years: string[]; filterRequests: number }> => {
      const { page, errors } = await open(server, "?q=the");
      let filterRequests = 0;
      page.on("request", (request) => void (request.url().endsWith(".pf_filter") && (filterRequests += 1)));
      try {
        await expect.poll(() => statusOf(page), { timeout: 15_000 }).toContain("“the”");
        await page.locator(".search-filters").waitFor({ state: "visible", timeout: 15_000 });
        await page.waitForTimeout(500);
        const before = filterRequests;
        await page.locator("summary", { hasText: "Years" }).click();
        await page.locator("[data-filter=year] input[type=checkbox]").first().waitFor({ timeout: 15_000 });
        const years = (await page.locator("[data-filter=year] label").allTextContents()).sort();
        expect(errors).toEqual([]);
        return { years, filterRequests: before };
      } finally {
        await page.close();
      }
    };
    const few = await yearsOf(merged);
    const lazy = await yearsOf(many);
    expect(few.filterRequests, "a few bundles: their filter indexes load with the first results").toBeGreaterThan(0);
    expect(lazy.filterRequests, "many bundles: no filter index before a group is opened").toBe(0);
    expect(lazy.years.length).toBeGreaterThan(3);
    expect(lazy.years).toEqual(few.years);
  });

  it("merges the main bundles of a large archive: a word in every bundle finds what one bundle finds", async () => {
    const every = async (server: StaticServer): Promise<string[]> => (await everyResult(server, "the")).hrefs;
    const one = await every(single);
    expect(one.length).toBeGreaterThan(60);
    expect(await every(merged)).toEqual(one);
  });

  it("finds a word only where Pagefind would with one whole index: no look-alikes, however the bundles split", async () => {
    // Pagefind answers a word that no word of the index chunk it loads starts with by the longest word there
    // that the word starts with, by its stem, or by a part of a word ("Suella" → "sue", marked "sues" and
    // "sued"; "Movimento" → "movi", marked "movies"; "Cardew", which no article holds → "card"). Each bundle
    // does so alone, and a merged search got the look-alikes of every bundle without the word (#6).
    for (const [term, holders] of [
      ["Suella", 1],
      ["Movimento", 1],
      ["Cardew", 0],
    ] as const) {
      for (const server of [merged, single]) {
        const { hrefs, status } = await everyResult(server, term);
        expect(hrefs, `${term}: ${hrefs.join(" ")}`).toHaveLength(holders);
        expect(status).toBe(holders === 0 ? `No results for “${term}”.` : `${holders} result for “${term}”.`);
      }
    }
    // The filters count the results shown, not the look-alikes: the one article's year alone.
    const { page, errors } = await open(merged, "?q=Suella");
    try {
      await page.locator(".search-filters").waitFor({ state: "visible", timeout: 15_000 });
      await page.locator("summary", { hasText: "Years" }).click();
      const years = await page.locator("[data-filter=year] label").allTextContents();
      const shown = await page.locator(".search-results .meta").allTextContents();
      expect(shown).toHaveLength(1);
      expect(years).toHaveLength(1);
      expect(years[0]).toMatch(/\(1\)/);
      expect(shown[0]).toContain(/\d{4}/.exec(years[0]!)![0]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
    // A word that extends the stem of one the page holds is no look-alike: "police" finds "policing" and "policy".
    const police = await everyResult(merged, "police");
    expect(police.hrefs).toEqual((await everyResult(single, "police")).hrefs);
    expect(police.hrefs.length).toBeGreaterThan(3);
  });

  it("searches the one bundle of a build without a shard list", async () => {
    const { page, errors } = await open(unsharded);
    try {
      await searchFor(page, OLD_WORD);
      expect(await statusOf(page)).toBe(`1 result for “${OLD_WORD}”.`);
      expect(await resultsOf(page)).toEqual([{ href: PREFIX + SEED, text: SEED_HEADLINE }]);
      // The 404 for the shard list is expected (reported once with its URL, once as a console line without).
      const expected = (e: string) => e.includes("/pagefind-shards.json") || e.includes("status of 404");
      expect(errors.filter((e) => e.includes("/pagefind-shards.json"))).toHaveLength(1);
      expect(errors.filter((e) => !expected(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** Types `term` and waits until the status names it (results are drawn before the status changes). */
async function searchFor(page: Page, term: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search the archive" }).fill(term);
  await expect.poll(() => statusOf(page), { timeout: 15_000 }).toMatch(term === "" ? /^Type a word/ : new RegExp(`“${term}”`));
}

/** Clicks “Show more results” until every result is listed. */
async function showEveryResult(page: Page): Promise<void> {
  const more = page.getByRole("button", { name: "Show more results" });
  for (let clicks = 0; await more.isVisible(); clicks += 1) {
    expect(clicks, "“Show more results” never goes away").toBeLessThan(20);
    const before = (await resultsOf(page)).length;
    await more.click();
    await expect.poll(async () => (await resultsOf(page)).length > before || !(await more.isVisible())).toBe(true);
  }
}

async function statusOf(page: Page): Promise<string> {
  return (await page.getByRole("status").textContent()) ?? "";
}

function resultsOf(page: Page): Promise<{ href: string; text: string }[]> {
  return page.locator(".search-results h2 a").evaluateAll((links) => links.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })));
}

/** "12 results for …" → 12; "About 1,200 results …" → 1200; "No results …" → 0. */
function countIn(status: string): number {
  const match = /^(?:About )?([\d,]+) results?/.exec(status);
  return match ? Number(match[1]?.replace(/,/g, "")) : 0;
}
