// The bundled content (content/raw: the seed and 103 Wikinews articles) ingests cleanly: issue 2.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { assignSlugs, ingestArticle } from "../../src/ingest/index.ts";

const RAW = join(import.meta.dirname, "../../content/raw");

describe("bundled content", () => {
  const files = readdirSync(RAW).filter((f) => f.endsWith(".txt")).sort();
  const results = files.map((name) => {
    const json = name.replace(/\.txt$/, ".json");
    return {
      name,
      result: ingestArticle({
        file: `raw/${name}`,
        bytes: readFileSync(join(RAW, name)),
        ...(existsSync(join(RAW, json)) ? { sidecar: { file: `raw/${json}`, bytes: readFileSync(join(RAW, json)) } } : {}),
      }),
    };
  });

  test("every article is accepted; only the seed has warnings (its three READ MORE)", () => {
    expect(files.filter((f) => f.startsWith("wn-"))).toHaveLength(103);
    for (const { name, result } of results) {
      expect(result.article, name).toBeDefined();
      const expected = name.startsWith("000_") ? 3 : 0;
      expect(result.diagnostics, name).toHaveLength(expected);
    }
  });

  test("every Wikinews article is dated, licensed and attributed; no dateline is left in the body", () => {
    for (const { name, result } of results.filter((r) => r.name.startsWith("wn-"))) {
      const article = result.article;
      expect(article?.date, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(article?.source.license, name).toBe("CC BY 2.5");
      expect(article?.source.attribution, name).toMatch(/Wikinews/);
      expect(article?.source.url, name).toMatch(/^https:\/\/en\.wikinews\.org\//);
      expect(article?.paragraphs[0]?.text, name).not.toMatch(/^(?:\w+day, )?\w+ \d{1,2}, \d{4}$/);
    }
  });

  test("slugs are unique across the archive", () => {
    const slugs = assignSlugs(
      results.map(({ name, result }) => ({ raw: `raw/${name}`, base: result.slugBase })),
      new Map(),
    );
    expect(new Set(slugs.values()).size).toBe(files.length);
  });
});
