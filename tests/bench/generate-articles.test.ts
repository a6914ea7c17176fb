// The bench generator (#6): deterministic, N articles that ingest cleanly, dates in 1990–2025 (some undated),
// about 600 words of real news text each.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWords, generateArticles, loadSourcePools, writeGeneratedArticles, type GeneratedArticle, type SourcePool } from "../../bench/generate-articles.ts";
import { ingestArticle } from "../../src/ingest/index.ts";

const COUNT = 400;
let pools: SourcePool[];
let articles: GeneratedArticle[];

beforeAll(async () => {
  pools = await loadSourcePools();
  articles = [...generateArticles(pools, { count: COUNT, seed: 7 })];
});

describe("generateArticles", () => {
  it("gives the same bytes for the same seed, and different ones for another seed", () => {
    const again = [...generateArticles(pools, { count: COUNT, seed: 7 })];
    expect(again.map((a) => a.text + a.sidecar)).toEqual(articles.map((a) => a.text + a.sidecar));
    const other = [...generateArticles(pools, { count: COUNT, seed: 8 })];
    expect(other.filter((a, i) => a.text === articles[i]!.text).length).toBeLessThan(COUNT / 10);
  });

  it("spreads dates over 1990–2025 and leaves a few articles undated", () => {
    const dates = articles.flatMap((a) => (a.date === undefined ? [] : [a.date]));
    for (const date of dates) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(date >= "1990-01-01" && date <= "2025-12-31").toBe(true);
    }
    const years = new Set(dates.map((d) => d.slice(0, 4)));
    expect(years.size).toBeGreaterThan(30);
    const undated = COUNT - dates.length;
    expect(undated).toBeGreaterThan(COUNT * 0.02);
    expect(undated).toBeLessThan(COUNT * 0.12);
  });

  it("writes about 600 words per article, from paragraphs of the real corpus", () => {
    const words = articles.map((a) => countWords(a.text.split("\n\n").slice(1).join(" ")));
    const mean = words.reduce((s, w) => s + w, 0) / words.length;
    expect(mean).toBeGreaterThan(540);
    expect(mean).toBeLessThan(680);
    expect(Math.min(...words)).toBeGreaterThan(300);
    const known = new Set(pools.flatMap((p) => p.articles.flatMap((a) => a.paragraphs)));
    for (const article of articles.slice(0, 50)) {
      for (const paragraph of article.text.trimEnd().split("\n\n").slice(1)) expect(known.has(paragraph)).toBe(true);
    }
  });

  it("varies titles and vocabulary like a news archive", () => {
    expect(new Set(articles.map((a) => a.title)).size).toBeGreaterThan(COUNT * 0.5);
    const vocabulary = new Set(articles.flatMap((a) => a.text.toLowerCase().match(/\p{L}+/gu) ?? []));
    expect(vocabulary.size).toBeGreaterThan(10_000);
  });

  it("never puts a dateline in the text, so an undated article stays undated after ingest", () => {
    for (const article of articles.slice(0, 120)) {
      const result = ingestArticle({
        file: `raw/${article.name}.txt`,
        bytes: new TextEncoder().encode(article.text),
        sidecar: { file: `raw/${article.name}.json`, bytes: new TextEncoder().encode(article.sidecar) },
      });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.article?.title).toBe(article.title);
      expect(result.article?.date).toBe(article.date);
    }
  });
});

describe("writeGeneratedArticles", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "bench-gen-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes N text files, each with a JSON sidecar naming its license", async () => {
    const written = await writeGeneratedArticles(dir, { count: 25, seed: 3 });
    expect(written.count).toBe(25);
    const names = (await readdir(dir)).sort();
    expect(names.filter((n) => n.endsWith(".txt"))).toHaveLength(25);
    expect(names.filter((n) => n.endsWith(".json"))).toHaveLength(25);
    const sidecar = JSON.parse(await readFile(path.join(dir, "bench-000025.json"), "utf8")) as Record<string, string>;
    expect(sidecar.license).toMatch(/^CC BY/);
    expect((await readFile(path.join(dir, "bench-000025.txt"), "utf8")).split("\n")[0]).toBe(sidecar.title);
  });
});
