// The sync stage on a worker thread (#6) must look to the build exactly like the stage run in place: the
// same plan, the same problems reported, and its errors of the same class, message and place.
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleParseCache } from "../../src/article-cache/index.ts";
import { FrontMatterError, restoreError, serializeError, SiteBuildError, UsageError } from "../../src/errors.ts";
import { Reporter } from "../../src/cli/reporter.ts";
import { syncArticles } from "../../src/cli/sync-articles.ts";
import { syncArticlesInWorker } from "../../src/cli/sync-in-worker.ts";
import { copyFixture, spawnCli } from "../support/run-cli.ts";

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

describe("the sync stage started before the build checked its options", () => {
  /** The fixture built once, then one raw article changed: the next sync would write its Markdown again. */
  async function builtThenEdited(): Promise<{ dir: string; content: string; markdown: () => Promise<string[]> }> {
    const dir = await copyFixture(FIXTURE);
    const content = path.join(dir, "content");
    await syncArticles(content, new Reporter({ progress: false }));
    const raw = (await readdir(path.join(content, "raw"))).find((n) => n.endsWith(".txt"))!;
    await writeFile(path.join(content, "raw", raw), `${(await readFile(path.join(content, "raw", raw), "utf8")).trimEnd()}\n\nA sentence added later.\n`);
    const markdown = async () => {
      const dir = path.join(content, "articles");
      const names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
      return Promise.all(names.map((n) => readFile(path.join(dir, n), "utf8")));
    };
    return { dir, content, markdown };
  }

  it("reads and plans, but writes nothing until it may", async () => {
    const { dir, content, markdown } = await builtThenEdited();
    try {
      const before = await markdown();
      let open!: () => void;
      const ready = new Promise<void>((resolve) => (open = resolve));
      let planned = false;
      const sync = syncArticles(content, new Reporter({ progress: false }), () => (planned = true), ready);
      // Ungated, three articles are planned and written well within this.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(planned).toBe(false);
      expect(await markdown()).toEqual(before);
      open();
      const plan = await sync;
      expect(plan.writes).toHaveLength(1);
      expect((await markdown()).join("\n")).toContain("A sentence added later.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("from the launcher, leaves the content as it was when the build rejects its options", async () => {
    const { dir, content, markdown } = await builtThenEdited();
    try {
      // A build through the launcher first, so that the sync worker's compiled bundle is current.
      const first = await spawnCli(["build", "--content", content, "--out", path.join(dir, "site"), "--no-search"]).done;
      expect(first.code, first.stderr).toBe(0);
      await writeFile(path.join(content, "raw", "late.txt"), "A late headline\n\nA late paragraph about the harbour.\n");
      const before = await markdown();
      const rejected = await spawnCli(["build", "--content", content, "--out", content], { env: { DEBUG: "broadsheet:sync" } }).done;
      expect(rejected.code).toBe(2);
      expect(rejected.stderr).toMatch(/would replace the content folder/);
      expect(rejected.stderr).toMatch(/sync worker started by the launcher/);
      expect(await markdown()).toEqual(before);
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
