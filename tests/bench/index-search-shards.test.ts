// Sharded search index (#6): article pages only, split into shards merged by the browser, and a shard whose
// pages did not change is copied from the previous build instead of being indexed again.

import { cp, mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import type { SearchDelta } from "../../src/cli/build-manifest.ts";
import { indexSearchShards, isSearchBundle, SHARD_LIST, updateSearchIndex } from "../../src/cli/index-search-shards.ts";
import { pagefindProcess } from "../../src/cli/pagefind-process.ts";
import { runningChildren } from "../support/child-processes.ts";

const page = (title: string, words: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article data-pagefind-body><h1>${title}</h1><p>${words}</p></article></body></html>`;

async function writeSite(dir: string, bodies: Record<string, string>): Promise<void> {
  for (const [slug, words] of Object.entries(bodies)) {
    await mkdir(path.join(dir, "articles", slug), { recursive: true });
    await writeFile(path.join(dir, "articles", slug, "index.html"), page(slug, words));
  }
  // Not an article page: never read by the index.
  await mkdir(path.join(dir, "people", "ada"), { recursive: true });
  await writeFile(path.join(dir, "people", "ada", "index.html"), page("Ada", "entity page"));
}

describe("indexSearchShards", () => {
  let root: string;
  const bodies = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`story-${i}`, `harbour lighthouse keeper number${i}`]));
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "search-shards-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("splits article pages into shards and lists the extra ones for mergeIndex", async () => {
    const site = path.join(root, "one");
    await writeSite(site, bodies);
    const result = await indexSearchShards({ siteDir: site, shardSize: 2 });
    expect(result.indexed).toHaveLength(3);
    expect(result.shards.map((s) => s.dir)).toEqual(["pagefind", "pagefind-2", "pagefind-3"]);
    expect(result.shards.reduce((n, s) => n + s.pages, 0)).toBe(6);
    expect(JSON.parse(await readFile(path.join(site, SHARD_LIST), "utf8"))).toEqual({ merge: ["../pagefind-2/", "../pagefind-3/"] });
    for (const dir of ["pagefind", "pagefind-2", "pagefind-3"]) expect(await readdir(path.join(site, dir))).toContain("pagefind-entry.json");
  }, 120_000);

  it("copies unchanged shards from the previous site and indexes only the changed one", async () => {
    const first = path.join(root, "first");
    await writeSite(first, bodies);
    const before = await indexSearchShards({ siteDir: first, shardSize: 2 });
    const second = path.join(root, "second");
    await writeSite(second, { ...bodies, "story-3": "a changed sentence about tides" });
    const reuse = (dir: string) => cp(path.join(first, dir), path.join(second, dir), { recursive: true });
    const after = await indexSearchShards({ siteDir: second, shardSize: 2, previous: { shards: before.shards, reuse } });
    expect(after.indexed).toHaveLength(1);
    const changed = after.shards.filter((s, i) => s.pagesSha256 !== before.shards[i]!.pagesSha256);
    expect(changed).toHaveLength(1);
    for (const shard of after.shards) expect(await readdir(path.join(second, shard.dir))).toContain("pagefind-entry.json");
  }, 120_000);
});

describe("updateSearchIndex (a patched site)", () => {
  let root: string;
  const bodies = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`story-${i}`, `harbour lighthouse keeper number${i}`]));
  const pagesOf = (site: Record<string, string>) => new Map(Object.entries(site).map(([slug, words]) => [`articles/${slug}/index.html`, words]));
  const listOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, SHARD_LIST), "utf8")) as unknown;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "search-update-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Moves what a patch staged into the site, as patchSiteAtomically does: bundles whole, pages one by one. */
  async function apply(site: string, staging: string, remove: readonly string[]): Promise<void> {
    for (const entry of await readdir(staging)) {
      if (entry.startsWith("pagefind")) await rm(path.join(site, entry), { recursive: true, force: true });
      await cp(path.join(staging, entry), path.join(site, entry), { recursive: true, force: true });
    }
    for (const dir of remove) await rm(path.join(site, dir), { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }

  it("puts changed pages in the recent bundle, folds it into the delta bundle when full, and compacts once that is full", async () => {
    const site = path.join(root, "site");
    await writeSite(site, bodies);
    const full = await indexSearchShards({ siteDir: site, shardSize: 2, pages: pagesOf(bodies) });
    let current = { ...bodies };
    let step = 0;
    const patch = async (texts: Record<string, string>, options: { relinked?: string[]; removed?: string[]; recentLimit?: number; deltaLimit?: number; deltas: readonly SearchDelta[] }) => {
      const staging = path.join(root, `staging-${++step}`);
      current = { ...current, ...texts };
      for (const slug of options.removed ?? []) delete current[slug];
      await writeSite(staging, texts);
      await rm(path.join(staging, "people"), { recursive: true });
      // Rendered again for a link outside its body only: its search record stands.
      for (const slug of options.relinked ?? []) {
        const page = `articles/${slug}/index.html`;
        await mkdir(path.join(staging, "articles", slug), { recursive: true });
        await writeFile(path.join(staging, page), (await readFile(path.join(site, page), "utf8")).replace("</article>", "</article><nav>Newer: story-9</nav>"));
      }
      for (const slug of options.removed ?? []) await rm(path.join(site, "articles", slug), { recursive: true });
      const update = await updateSearchIndex({
        stagingDir: staging,
        siteDir: site,
        pages: pagesOf(current),
        read: (p) => readFile(path.join(staging, p)).catch(() => readFile(path.join(site, p))),
        code: "",
        previous: { shards: full.shards, deltas: options.deltas },
        changed: new Set([...Object.keys(texts), ...(options.relinked ?? [])].map((slug) => `articles/${slug}/index.html`)),
        removed: new Set((options.removed ?? []).map((slug) => `articles/${slug}/index.html`)),
        shardSize: 2,
        ...(options.recentLimit === undefined ? {} : { recentLimit: options.recentLimit }),
        ...(options.deltaLimit === undefined ? {} : { deltaLimit: options.deltaLimit }),
      });
      const bundles = (await readdir(staging)).filter(isSearchBundle).sort();
      const list = await listOf(staging);
      await apply(site, staging, update.remove);
      return { update, bundles, list };
    };

    // story-3's text changed, story-2 was only relinked, story-5 is gone.
    const first = await patch({ "story-3": "a changed sentence about tides" }, { relinked: ["story-2"], removed: ["story-5"], deltas: [] });
    expect(first.update.shards).toEqual(full.shards);
    expect(first.update.deltas).toEqual([{ dir: "pagefind-recent", pages: ["articles/story-3/index.html"], stale: ["articles/story-3/", "articles/story-5/"] }]);
    // Only the bundle that changed is staged: the main ones stay as they are, the list beside them is rewritten.
    expect(first.bundles).toEqual(["pagefind-recent"]);
    expect(first.list).toEqual({ merge: ["../pagefind-2/", "../pagefind-3/"], deltas: [{ bundle: "../pagefind-recent/", stale: ["articles/story-3/", "articles/story-5/"] }] });

    // A second change fills the recent bundle (limit 1): both pages go into the delta bundle.
    const second = await patch({ "story-1": "another changed sentence about gulls" }, { recentLimit: 1, deltas: first.update.deltas });
    expect(second.update.deltas).toEqual([
      { dir: "pagefind-delta", pages: ["articles/story-1/index.html", "articles/story-3/index.html"], stale: ["articles/story-1/", "articles/story-3/", "articles/story-5/"] },
    ]);
    expect(second.update.remove).toEqual(["pagefind-recent"]);
    expect(second.bundles).toEqual(["pagefind-delta"]);

    // story-3 again: its newest version in the recent bundle, whose stale list hides the delta bundle's.
    const third = await patch({ "story-3": "a third version, about herons" }, { recentLimit: 1, deltas: second.update.deltas });
    expect(third.update.deltas).toEqual([second.update.deltas[0], { dir: "pagefind-recent", pages: ["articles/story-3/index.html"], stale: ["articles/story-3/"] }]);
    expect(third.bundles).toEqual(["pagefind-recent"]);
    expect(third.list).toEqual({
      merge: ["../pagefind-2/", "../pagefind-3/"],
      deltas: [
        { bundle: "../pagefind-delta/", stale: ["articles/story-1/", "articles/story-3/", "articles/story-5/"] },
        { bundle: "../pagefind-recent/", stale: ["articles/story-3/"] },
      ],
    });

    // Past both limits: the main shards with changed pages are indexed again, and the deltas go.
    const fourth = await patch({ "story-0": "a fourth change, about seals" }, { recentLimit: 1, deltaLimit: 2, deltas: third.update.deltas });
    expect(fourth.update.deltas).toEqual([]);
    expect(fourth.update.remove).toEqual(expect.arrayContaining(["pagefind-delta", "pagefind-recent"]));
    expect(fourth.list).toEqual({ merge: ["../pagefind-2/", "../pagefind-3/"] });
    expect((await readdir(site)).filter(isSearchBundle).sort()).toEqual(["pagefind", "pagefind-2", "pagefind-3"]);
    // The live site's list is the last patch's.
    expect(await listOf(site)).toEqual(fourth.list);
  }, 120_000);
});

/** Pagefind service processes started by this process and still running. */
function pagefindChildren(): Promise<number[]> {
  return runningChildren((command) => path.basename(command.split(" ")[0] ?? "").startsWith("pagefind"));
}

/** The bundles of a site, file by file (pagefind/, pagefind-2/, …), with their sha256. */
async function bundlesOf(site: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const dir of (await readdir(site)).filter(isSearchBundle).sort()) {
    for (const [file, sha] of await hashTree(path.join(site, dir))) files.set(`${dir}/${file}`, sha);
  }
  return files;
}

describe("indexSearchShards, several shards at once (#6)", () => {
  let root: string;
  // Enough pages per shard for Pagefind's output to depend on the order it receives them in.
  const bodies = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`story-${i}`, `harbour lighthouse keeper number${i} ${"tide storm ferry ".repeat(i % 7)}word${i % 5}`]),
  );
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "search-parallel-"));
    await writeSite(path.join(root, "pages"), bodies);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const index = async (name: string, concurrency: number, read?: (page: string) => Promise<Uint8Array>) => {
    const site = path.join(root, name);
    await mkdir(site, { recursive: true });
    const pages = new Map(Object.keys(bodies).map((slug) => [`articles/${slug}/index.html`, slug]));
    return indexSearchShards({ siteDir: site, pages, read: read ?? ((p) => readFile(path.join(root, "pages", p))), shardSize: 10, concurrency });
  };

  it("writes the same bundles, byte for byte, as one shard at a time, on every run", async () => {
    await index("serial", 1);
    const parallel = await index("parallel", 2);
    await index("parallel-again", 3);
    expect(parallel.indexed).toEqual(["pagefind", "pagefind-2", "pagefind-3", "pagefind-4"]);
    const serial = await bundlesOf(path.join(root, "serial"));
    expect([...serial.keys()].filter((f) => f.endsWith("pagefind-entry.json"))).toHaveLength(4);
    expect(await bundlesOf(path.join(root, "parallel"))).toEqual(serial);
    expect(await bundlesOf(path.join(root, "parallel-again"))).toEqual(serial);
  }, 120_000);

  it("reads a shard's pages as it sends them, not all before the first", async () => {
    // One shard of 300 pages: read all at once, every read would be under way before Pagefind got one.
    const many = path.join(root, "many");
    await writeSite(many, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p-${i}`, `quay number${i}`])));
    let reading = 0;
    let most = 0;
    const read = async (page: string) => {
      most = Math.max(most, ++reading);
      try {
        return await readFile(path.join(many, page));
      } finally {
        reading--;
      }
    };
    const pages = new Map(Array.from({ length: 300 }, (_, i) => [`articles/p-${i}/index.html`, `p-${i}`]));
    const result = await indexSearchShards({ siteDir: many, pages, read, shardSize: 300, concurrency: 1 });
    expect(result.shards.map((s) => s.pages)).toEqual([300]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(100);
  }, 60_000);

  it("gives each slot a Pagefind process of its own", async () => {
    const [a, b] = await Promise.all([pagefindProcess(0), pagefindProcess(1)]);
    try {
      await Promise.all([a.createIndex(), b.createIndex()]);
      expect(await pagefindChildren()).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it("stops at the first failing shard, names the page, and leaves no Pagefind process running", async () => {
    const broken = "articles/story-7/index.html";
    const read = async (page: string) => {
      if (page === broken) throw new Error(`ENOENT: no such file, open '${page}'`);
      return readFile(path.join(root, "pages", page));
    };
    await expect(index("broken", 2, read)).rejects.toThrow(broken);
    // Ended processes may take a moment to be reaped on a loaded machine.
    await expect.poll(pagefindChildren).toEqual([]);
  }, 60_000);
});
