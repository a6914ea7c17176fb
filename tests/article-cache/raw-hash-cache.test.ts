// Issue 6: the raw hash cache answers rawSha256 for unchanged raw files without reading them, and never for a
// file that changed: not for a same-size edit that puts the old mtime back (the ctime tells), not for a sidecar
// edit, not for a racy entry (a file changed too recently for its timestamps to be trusted).
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RawHashCache } from "../../src/article-cache/index.ts";
import { rawSha256 } from "../../src/ingest/index.ts";

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

const FILES = [{ file: "raw/a.txt" }, { file: "raw/b.txt", sidecar: "raw/b.json" }, { file: "raw/c.txt" }];

/** A content folder whose raw files were last changed an hour ago (so no entry is racy). */
async function content(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "broadsheet-raw-hash-")), "content");
  scratch.push(path.dirname(dir));
  await mkdir(path.join(dir, "raw"), { recursive: true });
  await writeFile(path.join(dir, "raw/a.txt"), "Headline A\n\nBody of a.\n");
  await writeFile(path.join(dir, "raw/b.txt"), "Headline B\n\nBody of b.\n");
  await writeFile(path.join(dir, "raw/b.json"), '{"title":"Sidecar B"}');
  await writeFile(path.join(dir, "raw/c.txt"), "Headline C\n\nBody of c.\n");
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of ["a.txt", "b.txt", "b.json", "c.txt"]) await utimes(path.join(dir, "raw", name), hourAgo, hourAgo);
  // The ctime is now: wait out the racy window's measure of it (a window of 0 below trusts anything older).
  await new Promise((resolve) => setTimeout(resolve, 30));
  return dir;
}

async function expectedHashes(dir: string): Promise<string[]> {
  return Promise.all(
    FILES.map(async (f) => {
      const bytes = await readFile(path.join(dir, f.file));
      return f.sidecar ? rawSha256({ bytes, sidecar: { file: f.sidecar, bytes: await readFile(path.join(dir, f.sidecar)) } }) : rawSha256({ bytes });
    }),
  );
}

async function hashed(dir: string, racyWindowMs = 0) {
  const cache = await RawHashCache.open(dir, dir, { racyWindowMs });
  const hashes = cache.hash(FILES);
  await cache.save(new Set(FILES.map((f) => f.file)));
  return { hashes, counts: { ...cache.counts } };
}

describe("raw hash cache (issue 6)", () => {
  it("hashes every file once, then answers from the cache without reading", async () => {
    const dir = await content();
    const first = await hashed(dir);
    expect(first.hashes).toEqual(await expectedHashes(dir));
    expect(first.counts).toEqual({ cached: 0, read: 3 });
    const second = await hashed(dir);
    expect(second.hashes).toEqual(first.hashes);
    expect(second.counts).toEqual({ cached: 3, read: 0 });
  });

  it("sees a same-size edit that puts the old mtime back, through the ctime", async () => {
    const dir = await content();
    await hashed(dir);
    const file = path.join(dir, "raw/a.txt");
    const before = await stat(file);
    await writeFile(file, "Headline A\n\nBody of A.\n");
    await utimes(file, before.atime, before.mtime);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const again = await hashed(dir);
    expect(again.hashes).toEqual(await expectedHashes(dir));
    expect(again.counts).toEqual({ cached: 2, read: 1 });
  });

  it("sees a sidecar edit of the same size", async () => {
    const dir = await content();
    const first = await hashed(dir);
    await writeFile(path.join(dir, "raw/b.json"), '{"title":"Sidecar C"}');
    const again = await hashed(dir);
    expect(again.hashes[1]).not.toBe(first.hashes[1]);
    expect(again.hashes).toEqual(await expectedHashes(dir));
  });

  it("kept open by a watching process, takes the entries it checked in the build before for files the watcher saw unchanged", async () => {
    const dir = await content();
    const cache = await RawHashCache.open(dir, dir, { racyWindowMs: 0 });
    cache.startBuild();
    const first = cache.hash(FILES);
    await writeFile(path.join(dir, "raw/a.txt"), "Headline A\n\nBody of a, edited.\n");
    await writeFile(path.join(dir, "raw/b.json"), '{"title":"Sidecar B, edited"}');
    // The watcher reported a.txt only: b's entry is taken without a look at its sidecar.
    cache.startBuild((file) => file !== "raw/a.txt");
    const second = cache.hash(FILES);
    expect(cache.counts).toEqual({ cached: 2, read: 1 });
    expect(second[0]).toBe((await expectedHashes(dir))[0]);
    expect(second.slice(1)).toEqual(first.slice(1));
    // Reported now: hashed again.
    cache.startBuild((file) => file !== "raw/b.json");
    expect(cache.hash(FILES)).toEqual(await expectedHashes(dir));
    expect(cache.counts).toEqual({ cached: 2, read: 1 });
    // A sidecar that appeared is seen even when only the text is vouched for; without a watcher every file is checked.
    await writeFile(path.join(dir, "raw/c.json"), '{"title":"Sidecar C"}');
    cache.startBuild(() => true);
    cache.hash([FILES[0]!, FILES[1]!, { file: "raw/c.txt", sidecar: "raw/c.json" }]);
    expect(cache.counts).toEqual({ cached: 2, read: 1 });
    await writeFile(path.join(dir, "raw/a.txt"), "Headline A\n\nBody of a, edited again.\n");
    cache.startBuild();
    cache.hash(FILES);
    expect(cache.counts.read).toBe(2); // a.txt, and c.txt without its sidecar now
  });

  it("reads a file again while its entry is racy", async () => {
    const dir = await content();
    // A window of an hour and a half: the files' timestamps are too recent to vouch for their bytes.
    await hashed(dir, 5_400_000);
    const again = await hashed(dir, 5_400_000);
    expect(again.counts).toEqual({ cached: 0, read: 3 });
    expect(again.hashes).toEqual(await expectedHashes(dir));
  });

  it("forgets files no longer in content/raw, and survives a corrupt cache file", async () => {
    const dir = await content();
    const cache = await RawHashCache.open(dir, dir, { racyWindowMs: 0 });
    cache.hash(FILES);
    await cache.save(new Set(["raw/a.txt"]));
    const reopened = await RawHashCache.open(dir, dir, { racyWindowMs: 0 });
    reopened.hash(FILES);
    expect(reopened.counts).toEqual({ cached: 1, read: 2 });
    await writeFile(path.join(dir, ".broadsheet/raw-hashes.v8"), "not a cache");
    const corrupt = await RawHashCache.open(dir, dir, { racyWindowMs: 0 });
    expect(corrupt.hash(FILES)).toEqual(await expectedHashes(dir));
  });
});
