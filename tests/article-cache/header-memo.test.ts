// Issue 6: a process that scans the article parse cache build after build (build --watch) keeps the bucket
// headers it read, and reads a bucket again as soon as its file is not the one the header came from.
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { articleCacheKey } from "../../src/article-cache/article-cache-key.ts";
import { CacheBucket } from "../../src/article-cache/cache-bucket.ts";
import { ARTICLE_CACHE_DIR, ArticleParseCache, HeaderMemo } from "../../src/article-cache/index.ts";

const SITE_FIXTURE = path.join(import.meta.dirname, "../site/fixtures/content");
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function warmContent(): Promise<{ content: string; names: string[]; buckets: string[] }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-headers-"));
  scratch.push(root);
  const content = path.join(root, "content");
  await cp(path.join(SITE_FIXTURE, "articles"), path.join(content, "articles"), { recursive: true });
  const names = (await readdir(path.join(content, "articles"))).filter((n) => n.endsWith(".md")).sort();
  const cache = await ArticleParseCache.open(content, { write: true });
  await cache.scan(names);
  const dir = path.join(content, ARTICLE_CACHE_DIR);
  const buckets = (await readdir(dir)).filter((n) => n.endsWith(".v8")).map((n) => path.join(dir, n));
  return { content, names, buckets };
}

const signature = (mtimeMs: number, ino = 7n) => ({ size: 100n, mtimeNs: BigInt(mtimeMs) * 1_000_000n, ctimeNs: BigInt(mtimeMs) * 1_000_000n, ino });

describe("HeaderMemo", () => {
  it("serves a header while the bucket file is the one it was read from, under the same key", async () => {
    const { buckets } = await warmContent();
    const key = (await articleCacheKey())!;
    const memo = new HeaderMemo(0);
    const first = (await CacheBucket.open(buckets[0]!, key, memo))!;
    const again = (await CacheBucket.open(buckets[0]!, key, memo))!;
    expect(again.entries).toBe(first.entries);
    const unmemoized = (await CacheBucket.open(buckets[0]!, key))!;
    expect(unmemoized.entries).not.toBe(first.entries);
    expect(unmemoized.entries).toEqual(first.entries);
    // The payloads read through a remembered header are the file's.
    for (const entry of again.entries) expect(await again.payload(entry)).toEqual(await unmemoized.payload(entry));
    await Promise.all([first.close(), again.close(), unmemoized.close()]);
    expect(await CacheBucket.open(buckets[0]!, "another key", memo)).toBeUndefined();
  });

  it("reads a bucket again once it was rewritten", async () => {
    const { buckets } = await warmContent();
    const key = (await articleCacheKey())!;
    const memo = new HeaderMemo(0);
    const before = (await CacheBucket.open(buckets[0]!, key, memo))!;
    const changed = before.entries.map(({ payload: _p, ...entry }) => ({ entry: { ...entry, textSha256: "0".repeat(64) }, payload: undefined }));
    await before.close();
    await CacheBucket.write(buckets[0]!, key, changed);
    const after = (await CacheBucket.open(buckets[0]!, key, memo))!;
    expect(after.entries.map((e) => e.textSha256)).toEqual(changed.map(() => "0".repeat(64)));
    await after.close();
  });

  it("keeps no header of a file changed within the racy window", () => {
    const memo = new HeaderMemo(2_000);
    const now = 1_800_000_000_000;
    memo.set("/b/00.v8", "k", signature(now - 500), [], 12, now);
    expect(memo.get("/b/00.v8", "k", signature(now - 500))).toBeUndefined();
    memo.set("/b/01.v8", "k", signature(now - 5_000), [], 12, now);
    expect(memo.get("/b/01.v8", "k", signature(now - 5_000))).toEqual({ signature: signature(now - 5_000), key: "k", entries: [], payloadStart: 12 });
    expect(memo.get("/b/01.v8", "k", signature(now - 5_000, 8n))).toBeUndefined();
    // A header kept before is dropped when the file is read again while racy.
    memo.set("/b/01.v8", "k", signature(now - 100), [], 12, now);
    expect(memo.get("/b/01.v8", "k", signature(now - 5_000))).toBeUndefined();
  });

  it("gives the scan of a cache with remembered headers what a fresh scan gives, edits included", async () => {
    const { content, names } = await warmContent();
    const memo = new HeaderMemo(0);
    const scan = async (headers?: HeaderMemo) => {
      const cache = await ArticleParseCache.open(content, { write: true, ...(headers ? { headers } : {}) });
      return { scanned: await cache.scan(names), counts: cache.counts };
    };
    expect((await scan(memo)).scanned).toEqual((await scan()).scanned);
    const file = path.join(content, "articles", names[0]!);
    await writeFile(file, (await import("node:fs/promises").then((fs) => fs.readFile(file, "utf8"))).replace(/^title: .*$/m, "title: Edited by hand"));
    const edited = await scan(memo);
    expect(edited.counts.parsed).toBe(1);
    const facts = edited.scanned.find((s) => s.name === names[0])!;
    expect(edited.scanned).toEqual((await scan()).scanned);
    expect((await scan(memo)).scanned).toEqual(edited.scanned);
    expect(facts.problem ?? facts.facts).toBeDefined();
  });
});
