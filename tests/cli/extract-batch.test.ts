// Large imports extract and finish their articles (finish-article.ts) on a pool of worker threads fed in
// chunks; the results must equal the in-thread ones.
import { randomBytes } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBatchExtractor } from "../../src/cli/extract-batch.ts";
import { extractionInput, finishArticle, type ArticleJob, type FinishedArticle, type FinishOptions } from "../../src/cli/finish-article.ts";
import { extractEntities } from "../../src/enrich/index.ts";
import { bodySha256 } from "../../src/front-matter/index.ts";
import { ingestArticle } from "../../src/ingest/index.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

const OPTIONS: FinishOptions = { extractorVersion: "test", record: true };

async function bundledJobs(): Promise<ArticleJob[]> {
  const raw = path.join(PROJECT_ROOT, "content/raw");
  const jobs: ArticleJob[] = [];
  for (const name of (await readdir(raw)).filter((n) => n.endsWith(".txt")).sort()) {
    const ingested = ingestArticle({ file: name, bytes: await readFile(path.join(raw, name)) });
    if (!ingested.article) continue;
    const article = { ...ingested.article, slug: ingested.slugBase };
    jobs.push({ article, bodySha256: bodySha256(article.paragraphs), shown: `articles/${article.slug}.md` });
  }
  return jobs;
}

/** What this thread makes of a job, payloads as plain bytes (a worker's arrive as Uint8Array). */
function onThisThread(job: ArticleJob): FinishedArticle {
  return comparable(finishArticle(job, extractEntities(extractionInput(job.article)), OPTIONS));
}

function comparable(finished: FinishedArticle): FinishedArticle {
  const record = finished.record;
  if (!record || !("facts" in record) || !record.payload) return finished;
  return { ...finished, record: { ...record, payload: Uint8Array.from(record.payload) } };
}

describe("createBatchExtractor", () => {
  it("gives the same files on worker threads, across chunks, as on this thread", async () => {
    const once = await bundledJobs();
    const jobs = [...once, ...once, ...once, ...once, ...once]; // > 400: the pool is used
    let progress = 0;
    const extractor = createBatchExtractor(jobs.length, (done) => (progress = done));
    try {
      const half = Math.floor(jobs.length / 2);
      const results = [...(await extractor.enrich(jobs.slice(0, half), OPTIONS)), ...(await extractor.enrich(jobs.slice(half), OPTIONS))].map(comparable);
      expect(results).toHaveLength(jobs.length);
      expect(results[0]).toEqual(onThisThread(jobs[0]!));
      expect(results[jobs.length - 1]).toEqual(onThisThread(jobs[jobs.length - 1]!));
      expect(results[once.length + 3]).toEqual(results[3]);
      // The cache's record is made on the workers, with its payload.
      expect(results[0]!.record).toMatchObject({ textSha256: results[0]!.textSha256, facts: { slug: jobs[0]!.article.slug } });
      expect(progress).toBe(jobs.length);
    } finally {
      await extractor.close();
    }
  }, 120_000);

  it("gives the same files with the gazetteer tables read from the cache (issue 6)", async () => {
    const once = await bundledJobs();
    const jobs = [...once, ...once, ...once, ...once, ...once];
    const key = `test-${randomBytes(4).toString("hex")}`;
    const cached = path.join(PROJECT_ROOT, `node_modules/.cache/broadsheet/gazetteer-${key}.v8`);
    try {
      for (const round of ["builds and caches the tables", "reads them"]) {
        const extractor = createBatchExtractor(jobs.length, () => {}, key);
        try {
          const results = await extractor.enrich(jobs, { ...OPTIONS, record: false });
          expect(results.map((r) => r.text), round).toEqual(jobs.map((job) => onThisThread(job).text));
          expect(results.every((r) => r.record === undefined)).toBe(true);
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
