// Issue 6: the article parse cache. A warm cache answers without parsing and gives exactly what parsing gives;
// it is never trusted for a file whose stat changed; a corrupt, foreign or unwritable cache only costs parsing.
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { articleCacheKey } from "../../src/article-cache/article-cache-key.ts";
import { CacheBucket } from "../../src/article-cache/cache-bucket.ts";
import { ARTICLE_CACHE_DIR, ARTICLE_CACHE_ENV, ArticleParseCache, type ReadArticle } from "../../src/article-cache/index.ts";
import { selectArticleFiles } from "../../src/front-matter/index.ts";
import { readArticles } from "../../src/site/read-articles.ts";

const SITE_FIXTURE = path.join(import.meta.dirname, "../site/fixtures/content");
const BAD_FIXTURE = path.join(import.meta.dirname, "../cli/fixtures/bad-markdown");
const SEED = "northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report.md";

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A scratch content folder with the fixture's articles only (no cache copied along). */
async function contentFrom(fixture: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
  scratch.push(root);
  const dir = path.join(root, "content");
  await cp(path.join(fixture, "articles"), path.join(dir, "articles"), { recursive: true });
  return dir;
}

async function names(content: string): Promise<string[]> {
  return (await readdir(path.join(content, "articles"))).filter((n) => n.endsWith(".md")).sort();
}

async function bucketFiles(content: string): Promise<string[]> {
  const dir = path.join(content, ARTICLE_CACHE_DIR);
  return (await readdir(dir)).filter((n) => n.endsWith(".v8")).map((n) => path.join(dir, n));
}

/** Rewrites every bucket through `change` (each entry with its payload), under `key`. */
async function rewriteBuckets(
  content: string,
  change: (entry: CacheBucket["entries"][number], payload: Buffer | undefined) => { entry: CacheBucket["entries"][number]; payload: Buffer | undefined },
  key?: string,
): Promise<void> {
  const current = (await articleCacheKey())!;
  for (const file of await bucketFiles(content)) {
    const bucket = (await CacheBucket.open(file, current))!;
    const items = [];
    for (const entry of bucket.entries) {
      const changed = change(entry, await bucket.payload(entry));
      const { payload: _placed, ...bare } = changed.entry;
      items.push({ entry: bare, payload: changed.payload });
    }
    await bucket.close();
    await CacheBucket.write(file, key ?? current, items);
  }
}

/** What readArticles gives with the cache turned off: the reference every cached read must equal. */
async function uncached(content: string) {
  vi.stubEnv(ARTICLE_CACHE_ENV, "0");
  try {
    return await readArticles(content);
  } finally {
    vi.unstubAllEnvs();
  }
}

afterEach(() => vi.unstubAllEnvs());

describe("article parse cache (issue 6)", () => {
  it("answers every unchanged file from a warm cache, without parsing, exactly as parsing does", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const expected = await uncached(content);
    const all = await names(content);

    const cold = await ArticleParseCache.open(content, { write: true });
    const coldRead = await cold.readAll(all);
    expect(cold.counts).toMatchObject({ parsed: all.length, cached: 0 });
    expect((await bucketFiles(content)).length).toBeGreaterThan(0);

    const warm = await ArticleParseCache.open(content);
    const warmRead = await warm.readAll(all);
    expect(warm.counts).toMatchObject({ parsed: 0, cached: all.length });
    expect(warmRead).toStrictEqual(coldRead);
    // Light facts too, the bad file's diagnostic included.
    const facts = await (await ArticleParseCache.open(content)).scan(all);
    expect(facts.find((f) => f.name === "broken-front-matter.md")?.problem?.message).toMatch(/not valid YAML/);

    expect(await readArticles(content)).toStrictEqual(expected);
  });

  it("serves the cached value, not the file, while the file's stat signature is unchanged", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    await readArticles(content);
    await rewriteBuckets(content, (entry, payload) => {
      if (entry.name !== SEED || !payload) return { entry, payload };
      const value = deserialize(payload) as { data: { title: string }; body: string };
      return { entry, payload: serialize({ ...value, data: { ...value.data, title: "FROM THE CACHE" } }) };
    });
    const articles = await readArticles(content);
    expect(articles.find((a) => a.file.endsWith(SEED))?.data.title).toBe("FROM THE CACHE");
  });

  it("sees a hand edit of the same size through mtime and ctime", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const file = path.join(content, "articles", SEED);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // A window of 0: the entry is trusted on its stat signature alone, the case under test.
    const first = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0 });
    await first.readAll(await names(content));
    const [racy] = await entriesNamed(content, SEED);
    expect(racy?.racy).toBe(false);

    const text = await readFile(file, "utf8");
    const edited = text.replace('title: "Northern', 'title: "Southern');
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    const before = await stat(file);
    await writeFile(file, edited);
    expect((await stat(file)).size).toBe(before.size);

    const second = await ArticleParseCache.open(content, { write: true });
    const read = await second.readAll(await names(content));
    expect(second.counts.parsed).toBe(1);
    expect(titleOf(read, SEED)).toMatch(/^Southern California police/);
  });

  it("checks a racy entry against the file's text, for file systems whose clock ticks slower than an edit", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    await readArticles(content);
    const file = path.join(content, "articles", SEED);
    await writeFile(file, (await readFile(file, "utf8")).replace('title: "Northern', 'title: "Southern'));
    // As if the edit had left size, timestamps and inode as they were: only the text can tell.
    const now = await stat(file, { bigint: true });
    await rewriteBuckets(content, (entry, payload) =>
      entry.name === SEED
        ? { entry: { ...entry, racy: true, signature: { size: now.size, mtimeNs: now.mtimeNs, ctimeNs: now.ctimeNs, ino: now.ino } }, payload }
        : { entry, payload },
    );
    const cache = await ArticleParseCache.open(content);
    expect(titleOf(await cache.readAll(await names(content)), SEED)).toMatch(/^Southern California police/);
    expect(cache.counts.parsed).toBe(1);
  });

  it("keeps a racy entry settled once its file has aged past the window, so that builds stop reading the file", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const all = await names(content);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // A window of a minute: every entry is made racy, and stays so while the window lasts.
    const first = await ArticleParseCache.open(content, { write: true, racyWindowMs: 60_000 });
    await first.readAll(all);
    expect((await entriesNamed(content, SEED))[0]?.racy).toBe(true);
    const within = await ArticleParseCache.open(content, { write: true, racyWindowMs: 60_000 });
    await within.scan(all);
    expect(within.counts).toMatchObject({ cached: all.length, parsed: 0, bucketsWritten: 0 });
    expect((await entriesNamed(content, SEED))[0]?.racy).toBe(true);

    // The files are older than a 20 ms window now: a scan that writes settles every entry, payloads kept.
    const expected = await (await ArticleParseCache.open(content, { enabled: false })).readAll(all);
    const after = await ArticleParseCache.open(content, { write: true, racyWindowMs: 20 });
    await after.scan(all);
    expect(after.counts).toMatchObject({ cached: all.length, parsed: 0 });
    expect(after.counts.bucketsWritten).toBeGreaterThan(0);
    expect((await entriesNamed(content, SEED))[0]?.racy).toBe(false);
    const warm = await ArticleParseCache.open(content);
    expect(await warm.readAll(all)).toStrictEqual(expected);
    expect(warm.counts).toMatchObject({ cached: all.length, parsed: 0 });
  });

  it("kept by a watching process, takes an entry the scan before checked for a file its watcher saw unchanged", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const all = await names(content);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // A window of 0: no entry is racy, so each may be trusted.
    const first = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0 });
    await first.scan(all);
    expect([...first.checked].sort()).toEqual(all);
    // A same-size edit that a stat would see.
    const file = path.join(content, "articles", SEED);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writeFile(file, (await readFile(file, "utf8")).replace('title: "Northern', 'title: "Southern'));

    // A watcher that saw nothing: the entry is taken as it is, the file not looked at (no stat, no parse).
    const vouched = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0, trust: { checked: first.checked, unchanged: () => true } });
    await vouched.scan(all);
    expect(vouched.counts).toMatchObject({ cached: all.length, parsed: 0 });
    // One that saw the edit: that file is checked, found changed and parsed.
    const told = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0, trust: { checked: first.checked, unchanged: (name) => name !== SEED } });
    expect(titleOf(await told.readAll(all), SEED)).toMatch(/^Southern California police/);
    expect(told.counts.parsed).toBe(1);
    // A file the scan before did not check is looked at, whatever the watcher says.
    await writeFile(file, (await readFile(file, "utf8")).replace('title: "Southern', 'title: "Western'));
    const unchecked = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0, trust: { checked: new Set(all.filter((n) => n !== SEED)), unchanged: () => true } });
    expect(titleOf(await unchecked.readAll(all), SEED)).toMatch(/^Western California police/);
    expect(unchecked.counts.parsed).toBe(1);
  });

  it("never takes a racy entry on a watcher's word", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const all = await names(content);
    const first = await ArticleParseCache.open(content, { write: true, racyWindowMs: 60_000 });
    await first.scan(all);
    expect((await entriesNamed(content, SEED))[0]?.racy).toBe(true);
    const file = path.join(content, "articles", SEED);
    await writeFile(file, (await readFile(file, "utf8")).replace('title: "Northern', 'title: "Southern'));
    const vouched = await ArticleParseCache.open(content, { write: true, racyWindowMs: 60_000, trust: { checked: first.checked, unchanged: () => true } });
    expect(titleOf(await vouched.readAll(all), SEED)).toMatch(/^Southern California police/);
    expect(vouched.counts.parsed).toBe(1);
  });

  it("falls back to parsing when a bucket is corrupt or cut short, and rewrites it", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const expected = await uncached(content);
    await readArticles(content);
    const [first, second, ...rest] = await bucketFiles(content);
    await writeFile(first!, "not a cache at all");
    const bytes = await readFile(second!);
    await writeFile(second!, bytes.subarray(0, bytes.length - 7));
    for (const file of rest) {
      const flipped = Buffer.from(await readFile(file));
      flipped[flipped.length - 3]! ^= 0xff;
      await writeFile(file, flipped);
    }
    const cache = await ArticleParseCache.open(content, { write: true });
    await cache.readAll(await names(content));
    expect(cache.counts.parsed).toBe((await names(content)).length);
    expect(await readArticles(content)).toStrictEqual(expected);
    const warm = await ArticleParseCache.open(content);
    await warm.readAll(await names(content));
    expect(warm.counts.parsed).toBe(0);
  });

  it("reads a few articles of a full bucket by their own bytes, and parses one whose bytes are damaged", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const seed = await readFile(path.join(content, "articles", SEED), "utf8");
    // Eight files in one bucket (the first two hex digits of the sha1 of their names): a build that reads one
    // of them reads its own bytes, not the bucket's.
    const same = (await names(content)).map((n) => createHash("sha1").update(n).digest("hex").slice(0, 2));
    const crowd: string[] = [];
    for (let i = 0; crowd.length < 8; i++) {
      const name = `crowd-${i}.md`;
      if (createHash("sha1").update(name).digest("hex").slice(0, 2) === "00" && !same.includes("00")) crowd.push(name);
    }
    for (const name of crowd) await writeFile(path.join(content, "articles", name), seed);
    const first = await ArticleParseCache.open(content, { write: true, racyWindowMs: 0 });
    const expected = (await first.readAll(crowd))[3];
    expect(expected?.article?.data.title).toMatch(/^Northern California police/);

    const warm = await ArticleParseCache.open(content, { racyWindowMs: 0 });
    expect(await warm.readAll([crowd[3]!])).toStrictEqual([expected]);
    expect(warm.counts).toMatchObject({ cached: 1, parsed: 0 });

    const file = path.join(content, ARTICLE_CACHE_DIR, "00.v8");
    const bucket = (await CacheBucket.open(file, (await articleCacheKey())!))!;
    const entry = bucket.entries.find((e) => e.name === crowd[3])!;
    const at = bucket.position(entry)!;
    await bucket.close();
    const bytes = Buffer.from(await readFile(file));
    bytes[at + 5]! ^= 0xff;
    await writeFile(file, bytes);
    const damaged = await ArticleParseCache.open(content, { racyWindowMs: 0 });
    expect(await damaged.readAll([crowd[3]!])).toStrictEqual([expected]);
    expect(damaged.counts).toMatchObject({ cached: 0, parsed: 1 });
  });

  it("ignores a cache written under another version key", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    await readArticles(content);
    await rewriteBuckets(content, (entry, payload) => ({ entry, payload }), "an-older-parser");
    const cache = await ArticleParseCache.open(content);
    await cache.readAll(await names(content));
    expect(cache.counts).toMatchObject({ parsed: (await names(content)).length, cached: 0 });
  });

  it("never fails when the cache cannot be written", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const expected = await uncached(content);
    await writeFile(path.join(content, ".broadsheet"), "a file where the cache folder would go");
    expect(await readArticles(content)).toStrictEqual(expected);
  });

  it("words the problem of a bad file as parsing does, from the cache too", async () => {
    const content = await contentFrom(BAD_FIXTURE);
    const all = await names(content);
    const show = (name: string) => `content/articles/${name}`;
    const texts = await Promise.all(all.map(async (n) => ({ file: show(n), text: await readFile(path.join(content, "articles", n), "utf8") })));
    const reference = selectArticleFiles(texts).diagnostics.filter((d) => d.message.endsWith("left out of the site") && !d.message.startsWith("claims"));
    await (await ArticleParseCache.open(content, { write: true, show })).scan(all);
    const warm = await ArticleParseCache.open(content, { show });
    const problems = (await warm.scan(all)).flatMap((s) => (s.problem ? [{ ...s.problem, message: `${s.problem.message}; the article is left out of the site` }] : []));
    expect(warm.counts.parsed).toBe(0);
    expect(problems).toStrictEqual(reference);
  });

  it("records written files on worker threads exactly as parsing on this thread would", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    const seed = await readFile(path.join(content, "articles", SEED), "utf8");
    // Enough files for the record step to start parse workers (ParsePool.threadsFor).
    const written = Array.from({ length: 1_200 }, (_, i) => `copy-${String(i).padStart(4, "0")}.md`);
    for (const name of written) {
      await writeFile(path.join(content, "articles", name), seed.replace(/^slug: .*$/m, `slug: ${name.slice(0, -3)}`));
    }
    const expected = await uncached(content);
    const writer = await ArticleParseCache.open(content, { write: true });
    await writer.record(written, []);
    expect(writer.counts).toMatchObject({ parsed: written.length, parsedOnWorkers: os.availableParallelism() > 1 ? written.length : 0 });
    const warm = await ArticleParseCache.open(content);
    const read = await warm.readAll(await names(content));
    expect(warm.counts.cached).toBe(written.length);
    expect(warm.counts.parsed).toBe((await names(content)).length - written.length);
    expect(await readArticles(content)).toStrictEqual(expected);
    expect(read.filter((r) => written.includes(r.name)).every((r) => r.article?.data.slug === r.name.slice(0, -3))).toBe(true);
  });

  it("forgets a file that is gone, and parses a new file under its name", async () => {
    const content = await contentFrom(SITE_FIXTURE);
    await readArticles(content);
    const file = path.join(content, "articles", SEED);
    const text = await readFile(file, "utf8");
    await rm(file);
    await readArticles(content);
    expect(await entriesNamed(content, SEED)).toEqual([]);
    await writeFile(file, text.replace('title: "Northern', 'title: "Southern'));
    expect((await readArticles(content)).find((a) => a.file.endsWith(SEED))?.data.title).toMatch(/^Southern/);
  });
});

function titleOf(read: readonly ReadArticle[], name: string): string | undefined {
  return read.find((r) => r.name === name)?.article?.data.title;
}

async function entriesNamed(content: string, name: string) {
  const key = (await articleCacheKey())!;
  const found = [];
  for (const file of await bucketFiles(content)) {
    const bucket = await CacheBucket.open(file, key);
    found.push(...(bucket?.entries.filter((e) => e.name === name) ?? []));
    await bucket?.close();
  }
  return found;
}
