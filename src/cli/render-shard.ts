// The two steps of a sharded render that run in their own processes (started by render-shards.ts
// through render-shard-process.js): preparing the shards' data, and rendering one shard. The prepare step
// ends with its process, which gives its memory back before the shards render; a render step's process may
// render its lane's next shard, once the last one's pages are collected.

import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serialize } from "node:v8";
import createDebug from "debug";
import { encodeArchiveCore } from "../archive/index.ts";
import { loadSite, type BodySource, type SiteSource } from "../site/load-site.ts";
import { loadSitePatch, openArchiveCore, type OpenedCore } from "../site/load-site-patch.ts";
import type { PageLists } from "../site/page-lists.ts";
import { incrementalChanges, pageDigests, type PageChanges, type PageDigests } from "../site/page-digests.ts";
import type { RenderRequest } from "../site/render-request.ts";
import { onPageRendered } from "../site/page-progress.ts";
import { ownsSingletons } from "../site/render-lists.ts";
import { preparedFiles, shardDataFiles, shardRecords, sharedSkeleton } from "../site/shard-data.ts";
import { readArchiveCore, readPageDigests } from "./build-manifest.ts";
import { describeEleventyError } from "./render-site.ts";
import { runEleventy } from "./run-eleventy.ts";
import { mapFromText, mapToText } from "./string-map-file.ts";

const debug = createDebug("broadsheet:render");

/** Most pages one shard renders: Eleventy's memory grows with the pages of a run (issue 6). */
export const PAGES_PER_SHARD = 10_000;

export type ShardStep =
  | {
      readonly step: "prepare";
      readonly contentDir: string;
      readonly dir: string;
      readonly shards?: number;
      /** The output folder of the previous build, when its page digests may be compared (an incremental build). */
      readonly previousOut?: string;
      /** Where to render the changed pages of an incremental build right away, in this process. */
      readonly stagingDir?: string;
      readonly pathPrefix?: string;
      /** The build's code fingerprint: given, the archive core is written too (src/archive/archive-core.ts). */
      readonly code?: string;
    }
  | { readonly step: "render"; readonly contentDir: string; readonly outDir: string; readonly pathPrefix: string };

/** What a spare step process (started with WAIT_FOR_STEP) is sent: its step, and the environment to run it in. */
export interface StepGiven {
  readonly step: ShardStep;
  readonly env: Readonly<Record<string, string>>;
}

/** What a step's process reports before it exits: shards prepared, or pages rendered. */
export type ShardMessage = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: string };
/**
 * Sent while a step runs: pages a shard rendered since the last report (the build's progress line); the
 * shards the prepare step is about to write (the page digests and archive core are written); a shard whose
 * data is written, which may start rendering while the others are prepared.
 */
export type ShardProgress = { readonly pages: number } | { readonly planned: number } | { readonly ready: number };

/** A previous build's archive core and page digests, being opened (openPreviousRecord): by a prepare step's process before its step came, or by the step. */
export interface PreviousRecord {
  readonly out: string;
  readonly code: string;
  readonly opened: Promise<{ readonly core: OpenedCore | undefined; readonly digests: PageDigests | undefined }>;
}

/**
 * Starts reading and opening the archive core and page digests of the site in `out`, made by the code
 * `code`. A prepare step's process started while the build's sync stage runs does it then (render-shards.ts
 * startPrepareStep), on the core the sync stage leaves idle.
 */
export function openPreviousRecord(out: string, code: string): PreviousRecord {
  // A core that cannot be opened is no core: the step then loads the whole archive.
  const opened = Promise.all([readArchiveCore(out), readPageDigests(out)])
    .then(([bytes, digests]) => ({ core: bytes && digests && openArchiveCore(bytes, code), digests }))
    .catch(() => ({ core: undefined, digests: undefined }));
  return { out, code, opened };
}

/**
 * `early` holds what the process opened before its step came; the step takes it out, so that nothing else
 * keeps it (at 100,000 articles ~1.3 GB) once the step has no use for it.
 */
export async function runShardStep(step: ShardStep, early?: { record?: PreviousRecord }): Promise<ShardMessage> {
  try {
    return { ok: true, count: step.step === "prepare" ? await prepareShards(step, early) : await renderShard(step) };
  } catch (error) {
    return { ok: false, error: describeEleventyError(error) };
  }
}

/** Enough shards to stay under PAGES_PER_SHARD each, rounded up to keep every core busy to the end. */
export function shardCount(pages: number, parallelism: number): number {
  const needed = Math.max(1, Math.ceil(pages / PAGES_PER_SHARD));
  const cores = Math.max(1, parallelism);
  return Math.ceil(needed / cores) * cores;
}

function countPages(articles: number, pages: PageLists): number {
  return articles + pages.home.length + pages.entity.length + pages.entityFeeds.length + pages.typeIndex.length + pages.months.length;
}

type PrepareStep = Extract<ShardStep, { step: "prepare" }>;

/**
 * Reads the site once and writes each shard's slice of it into `dir`, with the page digests; when the
 * previous site's digests show few changes, renders only the changed pages (from the previous build's
 * archive core when it has one). Returns the number of shards (0 when it rendered the changes).
 */
async function prepareShards(step: PrepareStep, early: { record?: PreviousRecord } | undefined): Promise<number> {
  if (await patchFromCore(step, early)) return 0;
  const started = performance.now();
  const { dir } = step;
  const files = preparedFiles(dir);
  const site = await loadSiteWritingCore(step.contentDir, step.code, files.core);
  const loaded = performance.now();
  const digests = pageDigests(site.index, site.pages, new Map(site.bodies.map((b) => [b.key, b.textSha256])));
  debug("site loaded in %dms, %d page digests in %dms; %s", Math.round(loaded - started), digests.size, Math.round(performance.now() - loaded), memoryNow());
  await writeFile(files.digests, mapToText(digests));
  const previous = step.previousOut === undefined ? undefined : await readPageDigests(step.previousOut);
  const changes = previous && incrementalChanges(previous, digests);
  if (changes && step.stagingDir !== undefined) {
    // Few pages: render them here, from the site already in memory, rather than hand it to another process.
    await renderChanges(step, step.stagingDir, site, changes);
    debug("%d of %d pages rendered in %dms", changes.render.size, digests.size, Math.round(performance.now() - started));
    return 0;
  }
  const count = step.shards ?? shardCount(countPages(site.index.articles.length, site.pages), os.availableParallelism());
  await sent({ planned: count });
  const bySlug = new Map<string, BodySource>(site.bodies.map((b) => [b.key, b]));
  const skeletons = new Set<string>();
  for (let shard = 0; shard < count; shard++) {
    const data = shardDataFiles(dir, shard);
    const records = shardRecords(site.index, site.pages, { shard, count });
    const bodies = records.articles.map((a) => bySlug.get(a.slug)).filter((b) => b !== undefined);
    // One skeleton file per kind, written by the first shard that needs it. Written synchronously: this
    // process has nothing else to do, and at 100,000 articles the asynchronous writes of these large
    // buffers took 64 s of the step's main thread (#6).
    if (!skeletons.has(data.skeleton)) {
      writeFileSync(data.skeleton, serialize(sharedSkeleton(site.index, site.pages, ownsSingletons({ shard, count }))));
      skeletons.add(data.skeleton);
    }
    writeFileSync(data.records, serialize(records));
    writeFileSync(data.bodies, serialize(bodies));
    await sent({ ready: shard });
  }
  debug("%d shards of %d articles prepared in %dms; %s", count, site.index.articles.length, Math.round(performance.now() - started), memoryNow());
  return count;
}

/**
 * Loads the site; given the build's code fingerprint, writes its archive core into `coreFile` and lets it
 * go: held while the shards' data are written, it took the step from 5.6 to 6.1 GB at 100,000 articles (#6).
 */
async function loadSiteWritingCore(contentDir: string, code: string | undefined, coreFile: string): Promise<Omit<SiteSource, "core">> {
  const { core, ...site } = await loadSite(contentDir, code === undefined ? {} : { core: code });
  if (core) writeParts(coreFile, encodeArchiveCore(core));
  return site;
}

/**
 * An incremental build from the previous build's archive core (load-site-patch.ts), as a build makes in its
 * own process for a smaller archive: at 100,000 articles it reads the core (~0.6 GB) instead of every
 * article file whole (33–38 s, #6). Writes the changed pages into the staging folder, and the page digests,
 * changes and updated core into the prepared data's folder; false, having written nothing, when there is no
 * usable core, a file changed while it was read, or so much changed that every page is rendered.
 */
async function patchFromCore(step: PrepareStep, box: { record?: PreviousRecord } | undefined): Promise<boolean> {
  // Taken out of its box: the step's full preparation, should it follow, must not find it still held.
  const early = box?.record;
  if (box) delete box.record;
  const { previousOut, stagingDir, code } = step;
  if (previousOut === undefined || stagingDir === undefined || code === undefined) return false;
  const started = performance.now();
  const files = preparedFiles(step.dir);
  // What this process opened before its step came, when it is this step's previous build.
  const mine = early?.out === previousOut && early.code === code ? early : openPreviousRecord(previousOut, code);
  const [{ core, digests: previous }, textHashes] = await Promise.all([
    mine.opened,
    readFile(files.textHashes, "utf8").then(mapFromText, () => undefined),
  ]);
  if (!core || !previous) return false;
  const opened = performance.now();
  const loaded = await loadSitePatch({ contentDir: step.contentDir, core, previous, ...(textHashes ? { textHashes } : {}) });
  if (loaded === undefined || loaded === "full") return false;
  debug(
    "archive core %s in %dms, patch loaded in %dms; %s",
    mine === early ? "opened before the step came, waited for" : "opened",
    Math.round(opened - started),
    Math.round(performance.now() - opened),
    memoryNow(),
  );
  const rendering = performance.now();
  await renderChanges(step, stagingDir, loaded.site, loaded.changes);
  debug("%d of %d pages rendered in %dms", loaded.changes.render.size, loaded.digests.size, Math.round(performance.now() - rendering));
  await writeFile(files.digests, mapToText(loaded.digests));
  writeParts(files.core, loaded.core());
  debug("patch prepared from the archive core in %dms; %s", Math.round(performance.now() - started), memoryNow());
  return true;
}

/** Renders the changed pages of an incremental build into `stagingDir`, and leaves the changes for the build. */
async function renderChanges(step: PrepareStep, stagingDir: string, site: RenderRequest["site"], changes: PageChanges): Promise<void> {
  const request = { contentDir: path.resolve(step.contentDir), site, only: changes.render };
  await runEleventy({ contentDir: step.contentDir, outDir: stagingDir, pathPrefix: step.pathPrefix ?? "/", request });
  await writeFile(preparedFiles(step.dir).changes, JSON.stringify({ render: [...changes.render], removed: changes.removed }));
}

/** Writes `parts` one after another into `file`: joined first, the core at 100,000 articles would be held twice. */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, "w");
  try {
    for (const part of parts) {
      for (let at = 0; at < part.byteLength; ) at += writeSync(fd, part, at, part.byteLength - at);
    }
  } finally {
    closeSync(fd);
  }
}

/** Sends `message` to the build and waits until it is handed to the channel (this step's loop never yields). */
function sent(message: ShardProgress): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

/** The process's memory, for the debug log: at 100,000 articles the prepare step works close to its heap ceiling. */
function memoryNow(): string {
  const m = process.memoryUsage();
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return `heap ${mib(m.heapUsed)} of ${mib(m.heapTotal)} MiB, outside the heap ${mib(m.external + m.arrayBuffers)} MiB, RSS ${mib(m.rss)} MiB`;
}

/**
 * One Eleventy run over the real .eleventy.ts; the plugin finds its slice through RENDER_SHARD_ENV. Its
 * pages are counted to the build (ShardProgress) in batches, at most ten a second.
 */
async function renderShard(target: Extract<ShardStep, { step: "render" }>): Promise<number> {
  let unsent = 0;
  let sentAt = 0;
  const flush = () => {
    if (unsent > 0) process.send?.({ pages: unsent } satisfies ShardProgress);
    unsent = 0;
  };
  const stop = onPageRendered(() => {
    unsent++;
    const now = performance.now();
    if (now - sentAt < 100) return;
    sentAt = now;
    flush();
  });
  try {
    return await runEleventy({ contentDir: target.contentDir, outDir: target.outDir, pathPrefix: target.pathPrefix });
  } finally {
    stop();
    flush();
  }
}
