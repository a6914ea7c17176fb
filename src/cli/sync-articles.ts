// Ingest + enrich stage of a build: content/raw → content/articles, writing only files whose bytes change.
// content/articles is read through the parse cache (issue 6): an unchanged file is not parsed again, and
// every file this stage sees or writes is recorded, so that the render stage after it parses nothing. Raw
// files are hashed through the raw hash cache: an unchanged one is not even read.

import { renameSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import createDebug from "debug";
import { ARTICLE_CACHE_ENV, ArticleParseCache, RawHashCache, type HeaderMemo } from "../article-cache/index.ts";
import { FrontMatterError } from "../errors.ts";
import { createBatchExtractor } from "./extract-batch.ts";
import { generatorFingerprint } from "./generator-fingerprint.ts";
import { planArticleFiles, type ArticlePlan } from "./plan-article-files.ts";
import { readContentFolder } from "./read-content-folder.ts";
import type { Reporter } from "./reporter.ts";

const debug = createDebug("broadsheet:sync");
const ARTICLES = "articles/";

/** What the sync stage tells the user: problems, and the progress of enrichment. */
export type SyncReporter = Pick<Reporter, "add" | "stage" | "tick">;

/** What a process that syncs again and again (build --watch) keeps from one sync to the next. */
export interface KeptSync {
  /** The parse cache's bucket headers: a scan reads only the buckets that changed. */
  readonly headers: HeaderMemo;
  /** The raw hash cache of the content folder, kept open: not read back from disk each time. */
  rawHashes?: { readonly contentDir: string; readonly root: string; readonly cache: RawHashCache } | undefined;
  /**
   * Whether a file of the content folder ("raw/x.txt", "articles/x.md") is unchanged since the last sync
   * began, as the process's watcher saw it; undefined checks every file (RawHashCache.startBuild,
   * ArticleParseCacheOptions.trust).
   */
  unchanged?: ((file: string) => boolean) | undefined;
  /** The files of content/articles whose parse-cache entries the last sync checked, with its folder. */
  articles?: { readonly contentDir: string; readonly checked: ReadonlySet<string> } | undefined;
  /**
   * Records the last sync's caches: left to the process, which runs it once the site is in place (the
   * recording's ~40–120 ms at 10,000 articles otherwise share this thread with the build, #6). A sync runs
   * the one before it first.
   */
  record?: (() => Promise<void>) | undefined;
}

/**
 * Brings content/articles up to date with content/raw. `onPlanned` gets the plan once the articles are
 * written, before the caches are recorded (the build goes on meanwhile, sync-in-worker.ts). Nothing is
 * written to the content folder before `ready` settles (a worker started before the build checked its
 * options, early-sync.js); it reads and plans meanwhile. `kept`: what a process that syncs again and again
 * keeps from one sync to the next.
 */
export async function syncArticles(
  contentDir: string,
  reporter: SyncReporter,
  onPlanned?: (plan: ArticlePlan) => void,
  ready?: Promise<void>,
  kept?: KeptSync,
): Promise<ArticlePlan> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const display = path.relative(process.cwd(), contentDir) || ".";
  const show = (rel: string) => path.join(display, rel);
  const folder = await readContentFolder(contentDir, display);
  reporter.add(folder.diagnostics);
  let writable: Promise<unknown> | undefined;
  // The last sync's recording first: this one reads what it records.
  const previous = kept?.record;
  if (kept) kept.record = undefined;
  // Caches only: one that could not be recorded costs this sync a few parses.
  await previous?.().catch(() => {});
  const mayWrite = () => (writable ??= (async () => {
    await ready;
    await mkdir(path.join(contentDir, "articles"), { recursive: true });
  })());
  if (!ready) await mayWrite();
  const unchanged = kept?.unchanged;
  const checked = kept?.articles?.contentDir === contentDir ? kept.articles.checked : undefined;
  const cache = await ArticleParseCache.open(contentDir, {
    write: true,
    show: (name) => show(ARTICLES + name),
    ...(kept ? { headers: kept.headers } : {}),
    ...(unchanged && checked ? { trust: { checked, unchanged: (name: string) => unchanged(ARTICLES + name) } } : {}),
  });
  const name = (rel: string) => rel.slice(ARTICLES.length);
  const [scanned, rawCache] = await Promise.all([
    cache.scan(folder.markdown.map(name)).then((all) => all.map((s) => ({ ...s, name: ARTICLES + s.name }))),
    openRawHashes(contentDir, folder.root, kept),
  ]);
  const scannedAt = performance.now();
  const extractorVersion = await generatorFingerprint();
  const plan = await planArticleFiles(
    folder.raw,
    {
      scanned,
      read: async (rel) => {
        const read = await cache.read(name(rel));
        if (!read.problem) return read.article;
        // Only when the file changed between the scan and now, and its cached parse is gone.
        const { file, line, message, fix } = read.problem;
        throw new FrontMatterError(`changed while the build was reading it, and ${message}`, {
          file,
          ...(line === undefined ? {} : { line }),
          fix: fix ?? "Fix the file and build again.",
        });
      },
    },
    {
      extractorVersion,
      show,
      readRaw: async (files) => rawCache.read(files),
      hashRaw: async (files) => rawCache.hash(files),
      extractor: (total) => {
        reporter.stage("enrich", total);
        return createBatchExtractor(total, (done) => reporter.tick(done), extractorVersion);
      },
      recordWritten: cache.remembers,
      write: async (file, text, record) => {
        await mayWrite();
        // Write beside, then rename: a killed build never leaves a half-written article. Synchronous: for a
        // small file that costs less CPU than the thread pool's round trips (issue 6). The parse cache is told
        // what was written, so that it need not parse the file again.
        const target = path.join(contentDir, file);
        const tmp = `${target}.tmp-${process.pid}`;
        writeFileSync(tmp, text);
        renameSync(tmp, target);
        if (record) cache.remember(name(file), record);
      },
    },
  );
  reporter.add(plan.diagnostics);
  await mayWrite();
  for (const file of plan.deletes) await rm(path.join(contentDir, file), { force: true });
  if (kept) {
    // What this sync wrote or removed was checked before it changed: the next sync looks at it again (its own
    // writes are no change to the watcher, and their entries are only right once recorded, which may fail).
    for (const file of [...plan.writes, ...plan.deletes]) cache.checked.delete(name(file));
    kept.articles = { contentDir, checked: cache.checked };
  }
  const planned = performance.now();
  onPlanned?.(plan);
  const record = async () => {
    const recording = performance.now();
    await Promise.all([cache.record(plan.writes.map(name), plan.deletes.map(name)), rawCache.save(new Set(folder.raw.map((r) => r.file)))]);
    debug("caches recorded in %dms", Math.round(performance.now() - recording));
  };
  if (kept) kept.record = record;
  else await record();
  const used = process.cpuUsage(cpu);
  debug(
    "sync stage: %dms (articles scanned in %dms, planned and written in %dms, %s), %d CPU-ms, heap %d MiB; raw files: %d hashes from the cache, %d read",
    Math.round(performance.now() - started),
    Math.round(scannedAt - started),
    Math.round(planned - scannedAt),
    kept ? "caches recorded later" : `caches recorded in ${Math.round(performance.now() - planned)}ms`,
    Math.round((used.user + used.system) / 1000),
    Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    rawCache.counts.cached,
    rawCache.counts.read,
  );
  return plan;
}

/** The raw hash cache, the one `kept` holds open when it is of this folder, started for this build. */
async function openRawHashes(contentDir: string, root: string, kept: KeptSync | undefined): Promise<RawHashCache> {
  const enabled = process.env[ARTICLE_CACHE_ENV] !== "0";
  const held = kept?.rawHashes?.contentDir === contentDir && kept.rawHashes.root === root && enabled ? kept.rawHashes.cache : undefined;
  const cache = held ?? (await RawHashCache.open(root, contentDir, { enabled }));
  cache.startBuild(held ? kept?.unchanged : undefined);
  if (kept && enabled) kept.rawHashes = { contentDir, root, cache };
  return cache;
}
