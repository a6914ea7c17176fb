// The search index, in shards (#6): Pagefind's memory grows with the pages of one index (2.8 GiB for 10,000
// pages, out of memory near 34,000), so large archives are split into shards of at most `shardSize` articles,
// merged by the browser (Pagefind's mergeIndex). A shard whose pages have the same digests as in the previous
// build (src/site/page-digests.ts) is reused instead of being indexed again. The others are indexed
// `concurrency` at a time, each in a Pagefind process of its own (src/cli/pagefind-process.ts): a process
// builds one index at a time, mostly on one thread. A shard's bundle depends only on its pages and their
// order, so it is the same whichever process builds it and whatever runs beside it.
//
// Only article pages carry data-pagefind-body, so only they are read: Pagefind would otherwise parse every
// entity, archive and feed page just to find that they have nothing to index. Each is sent as its record page
// (search-record-page.ts): the same record from half the bytes.
//
// Layout: the first shard is the usual /pagefind/ bundle (with the UI files); the others are /pagefind-2/,
// /pagefind-3/, …; /pagefind-shards.json lists them, relative to /pagefind/ ({"merge": ["../pagefind-2/"]}).
// The list sits beside the bundles, not in the first one: a patch rewrites it, and in /pagefind/ it made every
// patch stage that bundle's ~2,100 files again (#6).

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import createDebug from "debug";
import { SiteBuildError } from "../errors.ts";
import type { SearchDelta, SearchShard } from "./build-manifest.ts";
import { type PagefindApi, pagefindProcess } from "./pagefind-process.ts";
import { filesUnder } from "./files-under.ts";
import { searchRecordPage } from "./search-record-page.ts";

const debug = createDebug("broadsheet:search");

/** Where article pages are written (paths.article in src/site/urls.ts: /articles/<slug>/). */
const ARTICLE_PAGES = "articles";
/**
 * Articles per shard: Pagefind peaked at 1.3 GiB on 2,500 articles of 600 words, 3.5 GiB on 10,000 (bench).
 * Its time per page does not depend on the shard size (1,250 to 5,000: the same within 5%).
 */
export const DEFAULT_SHARD_SIZE = 2_500;
/**
 * Shards indexed at once, each by its own process: a process adds pages on one core (0.2 GiB), then builds
 * and writes its bundle on 1 to 1.5 (up to 0.85 GiB on 2,500 articles). 10,000 articles on 2 cores: one at a
 * time 52 s, two 33 s, two whose bundles may be written at once 25 s (#6).
 */
export const DEFAULT_CONCURRENCY = Math.min(2, os.availableParallelism());
const IN_FLIGHT = 32;
/** Part of each shard's hash: a shard written by another Pagefind version is not reused. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as { version: string }).version;

export interface IndexSearchOptions {
  /** Where bundles are written: the site being built, or the staging folder of an incremental build. */
  readonly siteDir: string;
  /**
   * Every article page, by path relative to the site ("articles/x/index.html"), with the digest that
   * decides its bytes (src/site/page-digests.ts): a shard is reused while its pages' digests hold.
   */
  readonly pages?: ReadonlyMap<string, string>;
  /** The bytes of a page (default: read from siteDir). */
  readonly read?: (page: string) => Promise<Uint8Array>;
  /** Fingerprint of the code and settings that render the pages (a page's bytes = f(code, digest)). */
  readonly code?: string;
  /** The shards of the previous build, and how to put one of them in place unchanged. */
  readonly previous?: { readonly shards: readonly SearchShard[]; reuse(dir: string): Promise<void> };
  readonly shardSize?: number;
  /** Shards indexed at once, each by its own Pagefind process (default: DEFAULT_CONCURRENCY, 2). */
  readonly concurrency?: number;
  /** Called as pages are indexed or reused. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface IndexSearchResult {
  readonly shards: SearchShard[];
  /** Folders of the shards indexed in this build (the rest were reused). */
  readonly indexed: string[];
}

export async function indexSearchShards(options: IndexSearchOptions): Promise<IndexSearchResult> {
  const siteDir = path.resolve(options.siteDir);
  const read = options.read ?? ((page: string) => readFile(path.join(siteDir, page)));
  // Without digests (a site indexed on its own), a page's bytes are its digest.
  const digests = options.pages ?? (await hashArticlePages(siteDir));
  const pages = [...digests.keys()].sort();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const count = Math.max(1, Math.ceil(pages.length / (options.shardSize ?? DEFAULT_SHARD_SIZE)));
  const groups: string[][] = Array.from({ length: count }, () => []);
  // By a hash of the path, not by position: adding an article then changes one shard, not all that follow it.
  for (const page of pages) groups[count === 1 ? 0 : shardOf(page, count)]!.push(page);

  const shards: SearchShard[] = [];
  const toIndex: { readonly dir: string; readonly pages: readonly string[] }[] = [];
  let done = 0;
  for (const [i, group] of groups.entries()) {
    const dir = i === 0 ? "pagefind" : `pagefind-${i + 1}`;
    const digest = createHash("sha256").update(`pagefind ${PAGEFIND_VERSION}, shard ${i + 1} of ${count}, ${options.code ?? ""}\n`);
    for (const page of group) digest.update(`${page}\0${digests.get(page)}\n`);
    const shard: SearchShard = { dir, pagesSha256: digest.digest("hex"), pages: group.length };
    shards.push(shard);
    const before = options.previous?.shards.find((s) => s.dir === dir && s.pagesSha256 === shard.pagesSha256);
    if (before && options.previous) {
      await options.previous.reuse(dir);
      done += group.length;
      options.onProgress?.(done, pages.length);
      continue;
    }
    toIndex.push({ dir, pages: group });
  }
  const started = performance.now();
  // A shard's record pages are read while the shards before it are written: read between two rounds, they
  // left both Pagefind processes idle (~1 s a round at 10,000 articles, #6). One round ahead at most.
  const records: RecordPages[] = [];
  const recordsOf = (n: number): RecordPages => (records[n] ??= recordPages(toIndex[n]!.pages, read));
  // Each process writes its bundle as soon as its pages are in, even while the other writes: taking turns
  // left a core idle (10,000 articles: 30.5 s → 24.8 s, 4 pairs alternating, #6), for ~0.4 GiB more at the
  // build's peak (1.8 → 2.3 GiB, under the 3 GiB the issue allows).
  await indexBundles(toIndex.length, concurrency, async (n, pagefind) => {
    const { dir, pages: group } = toIndex[n]!;
    const added = () => {
      if (n + concurrency < toIndex.length) recordsOf(n + concurrency).readAll();
    };
    await indexBundle(pagefind, path.join(siteDir, dir), group, recordsOf(n), { onAdded: () => options.onProgress?.(++done, pages.length), added });
  });
  const indexed = toIndex.map((b) => b.dir);
  debug("%d of %d shards indexed in %dms", indexed.length, count, Math.round(performance.now() - started));
  await writeShardList(siteDir, shards, []);
  return { shards, indexed };
}

/** The delta bundles, older first: a larger one folded from the recent one, and the recent one. */
export const DELTA_BUNDLES = ["pagefind-delta", "pagefind-recent"] as const;
/** Past this many pages, the recent bundle is folded into the delta bundle (indexed again with its pages). */
export const DEFAULT_RECENT_LIMIT = 25;
/** Past this many pages in the delta bundle, an update re-indexes the main shards instead (compaction). */
export const DEFAULT_DELTA_LIMIT = 500;

export interface UpdateSearchOptions {
  /** Staging folder of the patch: the bundles written here replace theirs in the site as a whole. */
  readonly stagingDir: string;
  /** The site being patched. */
  readonly siteDir: string;
  /** Every article page now, with its digest (as for indexSearchShards). */
  readonly pages: ReadonlyMap<string, string>;
  readonly read: (page: string) => Promise<Uint8Array>;
  readonly code: string;
  readonly previous: { readonly shards: readonly SearchShard[]; readonly deltas: readonly SearchDelta[] };
  /**
   * Article pages rendered again in this build (those whose search record page is the same as in the site
   * keep their record), and article pages gone.
   */
  readonly changed: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  readonly recentLimit?: number;
  readonly deltaLimit?: number;
  readonly shardSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SearchUpdate {
  readonly shards: SearchShard[];
  /** The delta bundles now, older first. */
  readonly deltas: SearchDelta[];
  /** Bundles of the site to delete. */
  readonly remove: string[];
}

/**
 * Brings the search index of a patched site up to date without re-indexing a main shard for each change
 * (#6: Pagefind takes seconds per thousand pages). Two levels, so that a patch indexes few pages: the changed
 * pages go into the small recent bundle, indexed again whole (~0.1 s); past `recentLimit` pages it is folded
 * into the delta bundle (both indexed as one, ~1 s at 500 pages); past `deltaLimit`, the main shards that
 * hold changed pages are indexed again and both are dropped. Each delta lists the pages whose results from
 * the bundles before it are out of date, for the search page to drop (public/js/search.js).
 */
export async function updateSearchIndex(options: UpdateSearchOptions): Promise<SearchUpdate> {
  const { previous } = options;
  const [older, recent] = levelsOf(previous.deltas);
  const recentPages = new Set(recent.pages);
  const recentStale = new Set(recent.stale);
  const changed = await searchChanged(options.changed, options.read, options.siteDir);
  for (const page of changed) {
    if (options.pages.has(page)) recentPages.add(page);
    recentStale.add(pageDir(page));
  }
  for (const page of options.removed) {
    recentPages.delete(page);
    recentStale.add(pageDir(page));
  }
  const had = previous.deltas.filter((d) => d.pages.length > 0).map((d) => d.dir);
  // A bundle not kept with pages goes (a level left with only stale pages has no bundle).
  const gone = (kept: readonly SearchDelta[]) => had.filter((dir) => !kept.some((d) => d.dir === dir && d.pages.length > 0));
  const progress = { done: 0, onAdded: () => options.onProgress?.(++progress.done, progress.total), total: 0 };

  if (recentPages.size <= (options.recentLimit ?? DEFAULT_RECENT_LIMIT)) {
    const deltas = [older, { dir: recent.dir, pages: [...recentPages].sort(), stale: [...recentStale].sort() }].filter((d) => d.pages.length > 0 || d.stale.length > 0);
    if (changed.length > 0 || options.removed.size > 0) await indexDelta(options, deltas.at(-1)!, progress);
    return finish(options, previous.shards, deltas, gone(deltas));
  }
  // The recent bundle is full: fold it into the delta bundle, pages gone since left out.
  const folded = [...new Set([...older.pages, ...recentPages])].filter((page) => options.pages.has(page)).sort();
  if (folded.length <= (options.deltaLimit ?? DEFAULT_DELTA_LIMIT)) {
    const delta: SearchDelta = { dir: older.dir, pages: folded, stale: [...new Set([...older.stale, ...recentStale])].sort() };
    await indexDelta(options, delta, progress);
    return finish(options, previous.shards, [delta], gone([delta]));
  }
  // Compaction: the main shards with changed pages indexed again, the deltas dropped.
  const result = await indexSearchShards({
    siteDir: options.stagingDir,
    pages: options.pages,
    read: options.read,
    code: options.code,
    previous: { shards: previous.shards, reuse: async () => {} },
    ...(options.shardSize === undefined ? {} : { shardSize: options.shardSize }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await writeShardList(options.stagingDir, result.shards, []);
  const removedShards = previous.shards.filter((s) => !result.shards.some((t) => t.dir === s.dir)).map((s) => s.dir);
  return { shards: result.shards, deltas: [], remove: [...removedShards, ...had] };
}

/** The previous deltas as the two levels, each maybe empty. */
function levelsOf(deltas: readonly SearchDelta[]): [SearchDelta, SearchDelta] {
  const level = (dir: string): SearchDelta => deltas.find((d) => d.dir === dir) ?? { dir, pages: [], stale: [] };
  return [level(DELTA_BUNDLES[0]), level(DELTA_BUNDLES[1])];
}

/** Indexes the pages of one delta bundle into the staging folder (none: nothing to write). */
async function indexDelta(options: UpdateSearchOptions, delta: SearchDelta, progress: { total: number; onAdded: () => void }): Promise<void> {
  if (delta.pages.length === 0) return;
  progress.total += delta.pages.length;
  await indexBundles(1, 1, (_, pagefind) =>
    indexBundle(pagefind, path.join(options.stagingDir, delta.dir), delta.pages, recordPages(delta.pages, options.read), { onAdded: progress.onAdded }),
  );
}

/** Stages the new shard list; returns the update. */
async function finish(options: UpdateSearchOptions, shards: readonly SearchShard[], deltas: SearchDelta[], remove: string[]): Promise<SearchUpdate> {
  await writeShardList(options.stagingDir, shards, deltas);
  return { shards: [...shards], deltas, remove };
}

/**
 * The pages of `changed` whose search record changes: new pages, and those whose search record page differs
 * from the page in the site (search-record-page.ts). The others were re-rendered for their links only.
 */
async function searchChanged(changed: ReadonlySet<string>, read: (page: string) => Promise<Uint8Array>, siteDir: string): Promise<string[]> {
  const decoder = new TextDecoder();
  const differs = await Promise.all(
    [...changed].map(async (page) => {
      const before = await readFile(path.join(siteDir, page)).catch(() => undefined);
      return !before || searchRecordPage(decoder.decode(await read(page))) !== searchRecordPage(decoder.decode(before));
    }),
  );
  return [...changed].filter((_, i) => differs[i]);
}

/** "articles/x/index.html" → "articles/x/": the page's path as search results give it (without a prefix). */
function pageDir(page: string): string {
  return page.replace(/index\.html$/, "");
}

/**
 * Runs `index(0)` … `index(count - 1)`, `concurrency` at a time, each with a Pagefind process that ends with
 * it (its memory is given back before the next bundle starts). After a failure no bundle is started, the
 * processes still running are ended, and the first error is thrown.
 */
async function indexBundles(count: number, concurrency: number, index: (n: number, pagefind: PagefindApi) => Promise<void>): Promise<void> {
  const slots = Math.max(1, Math.min(concurrency, count));
  const open: PagefindApi[] = [];
  let next = 0;
  // The first error, not those of the processes ended because of it ("Pagefind backend closed").
  let failure: { readonly error: unknown } | undefined;
  const slot = async (n: number) => {
    const pagefind = await pagefindProcess(n);
    open.push(pagefind);
    while (!failure && next < count) {
      try {
        await index(next++, pagefind);
      } catch (error) {
        if (failure) return;
        failure = { error };
        await Promise.all(open.filter((p) => p !== pagefind).map((p) => p.close()));
      } finally {
        await pagefind.close();
      }
    }
  };
  await Promise.all(Array.from({ length: count === 0 ? 0 : slots }, (_, n) => slot(n)));
  if (failure) throw failure.error;
}

/** Record pages read ahead of the one being sent, at most. */
const READ_AHEAD = 64;

/** The record pages (search-record-page.ts) of a bundle's pages, by position; a failed read is reported by indexBundle. */
interface RecordPages {
  /** Page `j`'s record page, with the next READ_AHEAD pages read meanwhile. */
  get(j: number): Promise<Buffer>;
  /** Reads every page in the background, in order, READ_AHEAD at a time (the bundle before is being written). */
  readAll(): void;
}

/**
 * The record pages of `pages`, read in order as they are needed. All read at once, the main thread turned two
 * shards' 5,000 pages into records before sending either process its first, while both waited (~2 core-s of a
 * 10,000-article build, #6). Kept as bytes until sent: outside the JS heap, and half the size of strings with
 * curly quotes.
 */
function recordPages(pages: readonly string[], read: (page: string) => Promise<Uint8Array>): RecordPages {
  const decoder = new TextDecoder();
  const records: Promise<Buffer>[] = [];
  let wanted = 0;
  let reading = 0;
  const start = () => {
    const page = pages[records.length]!;
    reading += 1;
    const record = read(page).then((bytes) => Buffer.from(searchRecordPage(decoder.decode(bytes))));
    records.push(record);
    void record.catch(() => undefined).finally(() => {
      reading -= 1;
      pump();
    });
  };
  const pump = () => {
    while (records.length < wanted && reading < READ_AHEAD) start();
  };
  const want = (count: number) => {
    wanted = Math.max(wanted, Math.min(count, pages.length));
    pump();
  };
  return {
    get(j) {
      while (records.length <= j) start();
      want(j + 1 + READ_AHEAD);
      return records[j]!;
    },
    readAll: () => want(pages.length),
  };
}

/**
 * One Pagefind bundle of `pages`, whose record pages `records` gives, written to `dir` (the caller closes
 * Pagefind, whose process starts while they are read). `onAdded` is called for each page added, `added`
 * once all are, before the bundle is written.
 */
async function indexBundle(
  pagefind: PagefindApi,
  dir: string,
  pages: readonly string[],
  records: RecordPages,
  calls: { readonly onAdded?: () => void; readonly added?: () => void } = {},
): Promise<void> {
  const fail = (what: string, errors: readonly string[]) =>
    new SiteBuildError(`Pagefind could not ${what}: ${errors.join("; ")}`, {
      file: dir,
      fix: "Check that the site was written completely, then build again; run with --debug for details.",
    });
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  if (!index) throw fail("start", errors);
  // Sent in order, each as soon as it is read (Pagefind's output depends on the order), with several requests
  // in flight: one at a time, the round trips to Pagefind's process dominate.
  const inFlight: Promise<void>[] = [];
  let failure: { readonly error: unknown } | undefined;
  for (let j = 0; j < pages.length; j++) {
    const content = (await records.get(j)).toString("utf8");
    if (failure) throw failure.error;
    const sent = index.addHTMLFile({ sourcePath: pages[j]!, content }).then((added) => {
      if (added.errors.length > 0) throw fail(`index ${pages[j]}`, added.errors);
      calls.onAdded?.();
    });
    inFlight.push(sent.catch((error: unknown) => void (failure ??= { error })));
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  calls.added?.();
  const added = performance.now();
  const written = await index.writeFiles({ outputPath: dir });
  if (written.errors.length > 0) throw fail(`write ${path.basename(dir)}/`, written.errors);
  await index.deleteIndex();
  debug("%s: %d pages added in %dms, written in %dms", path.basename(dir), pages.length, Math.round(added - started), Math.round(performance.now() - added));
}

/** The shard list's place in the site: what public/js/search.js fetches. */
export const SHARD_LIST = "pagefind-shards.json";

/**
 * The shard list: the other main bundles, and the delta bundles, older first, each with the pages whose
 * results from the bundles before it are stale. Replaced, never written in place: a copy of the site made
 * with hard links keeps its own.
 */
async function writeShardList(siteDir: string, shards: readonly SearchShard[], deltas: readonly SearchDelta[]): Promise<void> {
  const file = path.join(siteDir, SHARD_LIST);
  const list = {
    merge: shards.slice(1).map((s) => `../${s.dir}/`),
    ...(deltas.length > 0 ? { deltas: deltas.map((d) => ({ ...(d.pages.length > 0 ? { bundle: `../${d.dir}/` } : {}), stale: d.stale })) } : {}),
  };
  await rm(file, { force: true });
  await writeFile(file, `${JSON.stringify(list)}\n`);
}

/** Whether a path relative to the site is an article page, which Pagefind indexes. */
export function isArticlePage(page: string): boolean {
  return page.startsWith(`${ARTICLE_PAGES}/`) && page.endsWith(".html");
}

/** Whether a top-level folder of the site is a search bundle. */
export function isSearchBundle(dir: string): boolean {
  return /^pagefind(?:-\d+|-delta|-recent)?$/.test(dir);
}

/** Article pages of a written site, each with the sha256 of its bytes. */
async function hashArticlePages(siteDir: string): Promise<Map<string, string>> {
  const pages = existsSync(path.join(siteDir, ARTICLE_PAGES)) ? filesUnder(siteDir, ARTICLE_PAGES).filter(isArticlePage) : [];
  const hashed = new Map<string, string>();
  for (const page of pages) hashed.set(page, createHash("sha256").update(await readFile(path.join(siteDir, page))).digest("hex"));
  return hashed;
}

function shardOf(page: string, count: number): number {
  return createHash("sha256").update(page).digest().readUInt32BE(0) % count;
}
