// The render stage's read of the archive (#6): it reads content/articles through the parse cache but never
// writes it. The build's sync stage records every file it saw or wrote while the build goes on; a render step
// that filled the cache too raced that recording and wrote most buckets a second time.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ARTICLE_CACHE_DIR, ArticleParseCache } from "../../src/article-cache/index.ts";
import { loadSite } from "../../src/site/load-site.ts";
import { contentWithBundled } from "../support/bundled-articles.ts";
import { comparableIndex } from "../support/comparable-index.ts";

const FILES = ["a380-makes-maiden-flight-to-us.md", "airbus-announces-job-cuts-of-10-000.md", "boeing-787-dreamliner-makes-maiden-flight.md"];

let content: string;
beforeEach(async () => {
  content = await contentWithBundled(FILES, "broadsheet-load-site-");
});

const buckets = async () => (await readdir(path.join(content, ARTICLE_CACHE_DIR)).catch(() => [])).filter((n) => n.endsWith(".v8"));

describe("loadSite", () => {
  it("reads the parse cache and never writes it", async () => {
    const cold = await loadSite(content);
    expect(cold.index.articles).toHaveLength(FILES.length);
    expect(await buckets()).toEqual([]);

    // What the sync stage records is what the render stage reads: nothing parsed again, the same site.
    const names = (await readdir(path.join(content, "articles"))).sort();
    await (await ArticleParseCache.open(content, { write: true })).scan(names);
    const recorded = await buckets();
    expect(recorded.length).toBeGreaterThan(0);
    const warm = await loadSite(content);
    expect(comparableIndex(warm.index)).toStrictEqual(comparableIndex(cold.index));
    expect(await buckets()).toEqual(recorded);
  });
});
