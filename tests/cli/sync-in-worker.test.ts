// The sync stage on a worker thread (#6) must look to the build exactly like the stage run in place: the
// same plan, the same problems reported, and its errors of the same class, message and place.
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleParseCache } from "../../src/article-cache/index.ts";
import { FrontMatterError, restoreError, serializeError, SiteBuildError, UsageError } from "../../src/errors.ts";
import { Reporter } from "../../src/cli/reporter.ts";
import { syncArticles } from "../../src/cli/sync-articles.ts";
import { syncArticlesInWorker } from "../../src/cli/sync-in-worker.ts";
import { copyFixture } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");

describe("the sync stage on a worker thread", () => {
  it("gives the plan and the problems the stage gives in place", async () => {
    const [inWorker, inPlace] = await Promise.all([copyFixture(FIXTURE), copyFixture(FIXTURE)]);
    try {
      // An empty raw file is left out with an error naming it.
      for (const dir of [inWorker, inPlace]) await writeFile(path.join(dir, "content", "raw", "empty.txt"), "");
      const workerReporter = new Reporter({ progress: false });
      const placeReporter = new Reporter({ progress: false });
      const inThread = syncArticlesInWorker(path.join(inWorker, "content"), workerReporter);
      const fromWorker = await inThread.plan;
      await inThread.finished;
      const fromPlace = await syncArticles(path.join(inPlace, "content"), placeReporter);

      expect(fromWorker.writes).toEqual(fromPlace.writes);
      expect(fromWorker.articleCount).toBe(3);
      expect([...fromWorker.textSha256]).toEqual([...fromPlace.textSha256]);
      const messages = (r: Reporter) => r.diagnostics.map((d) => `${d.severity} ${path.basename(d.file)} ${d.message}`);
      expect(messages(workerReporter)).toEqual(messages(placeReporter));
      expect(messages(workerReporter).some((m) => m.startsWith("error empty.txt"))).toBe(true);
      // Once finished, the worker has recorded what it wrote: nothing is parsed again.
      const cache = await ArticleParseCache.open(path.join(inWorker, "content"));
      const names = (await readdir(path.join(inWorker, "content", "articles"))).filter((n) => n.endsWith(".md"));
      await cache.scan(names);
      expect(cache.counts).toMatchObject({ cached: 3, parsed: 0 });
    } finally {
      await Promise.all([inWorker, inPlace].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it("fails with the stage's error when the content folder cannot be read", async () => {
    const dir = await copyFixture(FIXTURE);
    try {
      const missing = path.join(dir, "no-such-folder");
      const sync = syncArticlesInWorker(missing, new Reporter({ progress: false }));
      await expect(sync.plan).rejects.toThrow(/no-such-folder/);
      await expect(sync.finished).rejects.toThrow(/no-such-folder/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("errors sent across threads", () => {
  it("come back of the same class, with the same message, file, line and fix", () => {
    const original = new FrontMatterError("the title is missing", { file: "content/articles/x.md", line: 3, fix: "Add a title." });
    const restored = restoreError(structuredClone(serializeError(original)));
    expect(restored).toBeInstanceOf(FrontMatterError);
    expect(restored.message).toBe(original.message);
    expect((restored as FrontMatterError).toDiagnostic()).toEqual(original.toDiagnostic());

    expect(restoreError(serializeError(new SiteBuildError("x", { file: "content" })))).toBeInstanceOf(SiteBuildError);
    expect(restoreError(serializeError(new UsageError("bad flag")))).toBeInstanceOf(UsageError);
    const plain = restoreError(serializeError(Object.assign(new Error("disk full"), { name: "SystemError" })));
    expect([plain.name, plain.message]).toEqual(["SystemError", "disk full"]);
  });
});
