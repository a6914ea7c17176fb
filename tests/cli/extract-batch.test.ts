// Large imports extract on a pool of worker threads fed in chunks; the results must equal the in-thread ones.
import { randomBytes } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBatchExtractor } from "../../src/cli/extract-batch.ts";
import { extractEntities } from "../../src/enrich/index.ts";
import { ingestArticle } from "../../src/ingest/index.ts";
import type { ExtractionInput } from "../../src/types.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

async function bundledInputs(): Promise<ExtractionInput[]> {
  const raw = path.join(PROJECT_ROOT, "content/raw");
  const inputs: ExtractionInput[] = [];
  for (const name of (await readdir(raw)).filter((n) => n.endsWith(".txt")).sort()) {
    const article = ingestArticle({ file: name, bytes: await readFile(path.join(raw, name)) }).article;
    if (article) inputs.push({ title: article.title, paragraphs: article.paragraphs });
  }
  return inputs;
}

describe("createBatchExtractor", () => {
  it("gives the same results on worker threads, across chunks, as on this thread", async () => {
    const once = await bundledInputs();
    const inputs = [...once, ...once, ...once, ...once, ...once]; // > 400: the pool is used
    let progress = 0;
    const extractor = createBatchExtractor(inputs.length, (done) => (progress = done));
    try {
      const half = Math.floor(inputs.length / 2);
      const results = [...(await extractor.extract(inputs.slice(0, half))), ...(await extractor.extract(inputs.slice(half)))];
      expect(results).toHaveLength(inputs.length);
      expect(results[0]).toEqual(extractEntities(inputs[0]!));
      expect(results[inputs.length - 1]).toEqual(extractEntities(inputs[inputs.length - 1]!));
      expect(results[once.length + 3]).toEqual(results[3]);
      expect(progress).toBe(inputs.length);
    } finally {
      await extractor.close();
    }
  }, 120_000);

  it("gives the same results with the gazetteer tables read from the cache (issue 6)", async () => {
    const once = await bundledInputs();
    const inputs = [...once, ...once, ...once, ...once, ...once];
    const key = `test-${randomBytes(4).toString("hex")}`;
    const cached = path.join(PROJECT_ROOT, `node_modules/.cache/broadsheet/gazetteer-${key}.v8`);
    try {
      for (const round of ["builds and caches the tables", "reads them"]) {
        const extractor = createBatchExtractor(inputs.length, () => {}, key);
        try {
          const results = await extractor.extract(inputs);
          expect(results, round).toEqual(inputs.map((input) => extractEntities(input)));
        } finally {
          await extractor.close();
        }
        expect((await stat(cached)).size).toBeGreaterThan(100_000);
      }
    } finally {
      await rm(cached, { force: true });
    }
  }, 120_000);
});
