// Sharded render (issue 6): Eleventy keeps every page it renders in memory until its run ends, and
// renders on one thread, so one run over a large archive outgrows memory (≈ 70 KB a page) and leaves
// cores idle. A large build instead loads the archive once here, writes it for the shards
// (src/site/shard-data.ts), and runs one Eleventy per shard, each in its own process, at most one per
// core at a time, all writing into the same output folder. Which pages a shard writes is decided in
// src/site/render-lists.ts; every page is rendered from the whole index, so the output is byte-identical
// to an unsharded run.

import { fork } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serialize } from "node:v8";
import createDebug from "debug";
import { loadSite, type BodySource } from "../site/load-site.ts";
import { renderLists } from "../site/render-lists.ts";
import { RENDER_SHARD_ENV, shardDataFiles, shardSnapshot, type ShardJob, type SiteSnapshot } from "../site/shard-data.ts";
import type { ShardMessage, ShardTarget } from "./render-shard.ts";

const debug = createDebug("broadsheet:render");
const ENTRY = new URL("./render-shard-process.js", import.meta.url);

/** Hidden override: "1" renders in one in-process Eleventy run; N ≥ 2 forces N shards. */
export const RENDER_SHARDS_ENV = "BROADSHEET_RENDER_SHARDS";
/** Below this many articles, one in-process Eleventy run beats starting shard processes. */
export const SHARD_THRESHOLD = 2000;
/** Most pages one shard holds (memory grows with the pages of a run). */
export const PAGES_PER_SHARD = 10_000;

export interface ShardedRenderOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  /** Progress: called with 0 before the first shard starts, then after each shard, with the total. */
  readonly onShards?: (done: number, total: number) => void;
}

export interface ShardedRender {
  readonly shards: number;
  /** Pages written, over all shards (public/ copies not counted). */
  readonly pages: number;
}

/**
 * Renders the site in shards when the archive is large (or RENDER_SHARDS_ENV asks for it). Returns
 * undefined, having done nothing, when one in-process Eleventy run should render it instead.
 */
export async function renderInShards(options: ShardedRenderOptions, env: NodeJS.ProcessEnv = process.env): Promise<ShardedRender | undefined> {
  const forced = forcedShards(env);
  if (forced === 1) return undefined;
  if (forced === undefined && (await countArticleFiles(options.contentDir)) < SHARD_THRESHOLD) return undefined;

  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-shards-"));
  try {
    const count = await prepareShards(options.contentDir, dir, forced);
    return { shards: count, pages: await runShards(dir, count, options) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads the site, writes every shard's data into `dir`, and returns the number of shards. The site is
 * dropped on return: this process holds nothing large while the shards run. */
async function prepareShards(contentDir: string, dir: string, forced: number | undefined): Promise<number> {
  const started = performance.now();
  const site = await loadSite(contentDir);
  const count = forced ?? shardCount(countPages(site), os.availableParallelism());
  await writeShardData(dir, site, count);
  debug("%d shards of %d articles prepared in %dms", count, site.index.articles.length, Math.round(performance.now() - started));
  return count;
}

function forcedShards(env: NodeJS.ProcessEnv): number | undefined {
  const value = env[RENDER_SHARDS_ENV];
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${RENDER_SHARDS_ENV}=${value} is not a number of shards; use a whole number ≥ 1, or unset it`);
  return n;
}

/** Enough shards to stay under PAGES_PER_SHARD each, rounded up to keep every core busy to the end. */
export function shardCount(pages: number, parallelism: number): number {
  const needed = Math.max(1, Math.ceil(pages / PAGES_PER_SHARD));
  const cores = Math.max(1, parallelism);
  return Math.ceil(needed / cores) * cores;
}

function countPages(site: { readonly index: SiteSnapshot["index"]; readonly pages: SiteSnapshot["pages"] }): number {
  const { pages } = site;
  return site.index.articles.length + pages.home.length + pages.entity.length + pages.entityFeeds.length + pages.typeIndex.length + pages.months.length;
}

async function countArticleFiles(contentDir: string): Promise<number> {
  try {
    return (await readdir(path.join(contentDir, "articles"))).filter((name) => name.endsWith(".md")).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

async function writeShardData(dir: string, site: Awaited<ReturnType<typeof loadSite>>, count: number): Promise<void> {
  const bySlug = new Map<string, BodySource>(site.bodies.map((b) => [b.key, b]));
  for (let shard = 0; shard < count; shard++) {
    const files = shardDataFiles(dir, shard);
    const bodies = renderLists(site.index, site.pages, { shard, count }).articles.map((a) => bySlug.get(a.slug)).filter((b) => b !== undefined);
    await writeFile(files.site, serialize(shardSnapshot(site.index, site.pages, { shard, count })));
    await writeFile(files.bodies, serialize(bodies));
  }
}

/** Runs every shard, at most one per core at once; the first failure stops the others. */
async function runShards(dir: string, count: number, options: ShardedRenderOptions): Promise<number> {
  const parallel = Math.min(os.availableParallelism(), count);
  const abort = new AbortController();
  const target: ShardTarget = { contentDir: options.contentDir, outDir: options.outDir, pathPrefix: options.pathPrefix };
  let next = 0;
  let done = 0;
  let pages = 0;
  options.onShards?.(0, count);
  const lane = async (): Promise<void> => {
    while (next < count && !abort.signal.aborted) {
      const shard = next++;
      // Each shard's Markdown renders on its own Eleventy thread: the shards already fill the cores.
      const job: ShardJob = { shard, count, dir, threads: parallel < os.availableParallelism() ? 1 : 0 };
      const started = performance.now();
      const written = await runShard(job, target, abort.signal);
      pages += written;
      debug("shard %d of %d rendered in %dms", shard + 1, count, Math.round(performance.now() - started));
      options.onShards?.(++done, count);
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, lane));
    return pages;
  } catch (error) {
    abort.abort();
    throw error;
  }
}

/** Resolves to the number of pages the shard wrote. */
function runShard(job: ShardJob, target: ShardTarget, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [JSON.stringify(target)], {
      env: { ...process.env, [RENDER_SHARD_ENV]: JSON.stringify(job) },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      signal,
    });
    let message: ShardMessage | undefined;
    let stderr = "";
    child.on("message", (m: ShardMessage) => (message = m));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on("error", (error) => {
      if (error.name !== "AbortError") reject(error);
    });
    child.on("exit", (code, signalName) => {
      if (code === 0 && message?.ok) return resolve(message.pages);
      if (signal.aborted) return reject(new Error("stopped: another shard failed"));
      const tail = stderr.trim().split("\n").slice(-3).join(" ");
      reject(new Error(message?.ok === false ? message.error : `shard ${job.shard + 1} of ${job.count} stopped (${signalName ?? `exit code ${code}`})${tail ? `: ${tail}` : ""}`));
    });
  });
}
