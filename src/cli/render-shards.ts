// Sharded render (issue 6): Eleventy keeps every page it renders in memory until its run ends, so one
// run over a large archive outgrows memory (2.5 GiB for the 23,000 pages of 10,000 articles). A large
// build instead runs, each in its own process: one step that reads the archive once and writes each
// shard's data (src/site/shard-data.ts), then one Eleventy run per shard, at most one per core at a
// time, all writing into the same output folder. Which pages a shard writes is decided in
// src/site/render-lists.ts; every page is rendered from the same index, so the output is
// byte-identical to an unsharded run.

import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { compiledEntry } from "../compiled-entry.ts";
import { isProcessRunning } from "../is-process-running.ts";
import { OWNER_SHARD } from "../site/render-lists.ts";
import { preparedFiles, RENDER_SHARD_ENV, type ShardJob, WAIT_FOR_STEP } from "../site/shard-data.ts";
import type { PageChanges } from "../site/page-digests.ts";
import type { ShardMessage, ShardProgress, ShardStep, StepGiven } from "./render-shard.ts";
import { mapFromText, mapToText } from "./string-map-file.ts";

const debug = createDebug("broadsheet:render");
const ENTRY = new URL("./render-shard-process.js", import.meta.url);

/** Hidden override: "1" renders in one in-process Eleventy run; N ≥ 2 forces N shards. */
export const RENDER_SHARDS_ENV = "BROADSHEET_RENDER_SHARDS";
/**
 * From this many articles on, a build renders in shards. Measured at 10,000 articles on 2 cores (whole
 * build, search included): one in-process Eleventy run peaked at 4.0 GiB for the process tree, 4 shards
 * at 2.9 GiB (issue 6 asks ≤ 3 GiB), for 29 % more CPU time (each shard starts Eleventy and the
 * Markdown pipeline and loads its slice of the index). Below a few thousand articles memory is no
 * concern and one run is faster.
 */
export const SHARD_THRESHOLD = 5_000;

export interface ShardedRenderOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  /** Progress: called with 0 before the first shard starts, then as the shards render pages, with the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ShardedRender {
  readonly shards: number;
  /** Pages written, over all shards (public/ copies not counted). */
  readonly pages: number;
}

/** A sharded render whose data is prepared (in its own process), ready to render into a folder. */
export interface PreparedShards {
  readonly shards: number;
  /** Every page's digest (src/site/page-digests.ts). */
  readonly digests: Map<string, string>;
  /** Set when the build is incremental: these pages are rendered already, into PrepareOptions.stagingDir. */
  readonly changes?: PageChanges;
  /**
   * The file that holds the archive core, encoded (encodeArchiveCore), when PrepareOptions.code was given: in
   * the prepared data's folder, which close() removes.
   */
  readonly coreFile?: string;
  render(outDir: string, onProgress?: ShardedRenderOptions["onProgress"]): Promise<number>;
  /** Removes the prepared data. */
  close(): Promise<void>;
}

export interface PrepareOptions {
  readonly contentDir: string;
  readonly pathPrefix: string;
  /** The previous build's output folder, whose page digests are valid for this build's code. */
  readonly previousOut?: string;
  /** With previousOut: where to render the changed pages at once, when few changed (see PreparedShards.changes). */
  readonly stagingDir?: string;
  /** The build's code fingerprint, to stamp the archive core with (none is made without it). */
  readonly code?: string;
  /**
   * With previousOut: sha256 of each article file's text by "articles/<name>", from the sync stage, for a
   * patch from the previous build's archive core (files it lacks are read).
   */
  readonly textHashes?: ReadonlyMap<string, string>;
  /** A prepare step's process started ahead for previousOut (startPrepareStep): used when it still runs. */
  readonly started?: Promise<ChildProcess | undefined>;
}

/**
 * Renders the site in shards when the archive is large (or RENDER_SHARDS_ENV asks for it). Returns
 * undefined, having done nothing, when one in-process Eleventy run should render it instead.
 */
export async function renderInShards(options: ShardedRenderOptions, env: NodeJS.ProcessEnv = process.env): Promise<ShardedRender | undefined> {
  const prepared = await prepareShardedRender(options, env);
  if (!prepared) return undefined;
  try {
    return { shards: prepared.shards, pages: await prepared.render(options.outDir, options.onProgress) };
  } finally {
    await prepared.close();
  }
}

/** Prepares a sharded render when the archive is large (or RENDER_SHARDS_ENV asks for it); else undefined. */
export async function prepareShardedRender(options: PrepareOptions, env: NodeJS.ProcessEnv = process.env): Promise<PreparedShards | undefined> {
  const forced = forcedShards(env);
  if (forced === 1) return undefined;
  const articles = await countArticleFiles(options.contentDir);
  if (forced === undefined && articles < SHARD_THRESHOLD) return undefined;

  await removeAbandonedShardData(os.tmpdir());
  const dir = await mkdtemp(path.join(os.tmpdir(), `${SHARD_DATA_PREFIX}${process.pid}-`));
  const stop = new AbortController();
  const data = new PreparedData();
  const spares = new SpareSteps(await stepEntryPath());
  let step: Promise<number> | undefined;
  const close = async () => {
    stop.abort();
    spares.close();
    await step?.catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const started = performance.now();
    const files = preparedFiles(dir);
    if (options.textHashes) await writeFile(files.textHashes, mapToText(options.textHashes));
    const prepare: ShardStep = {
      step: "prepare",
      contentDir: options.contentDir,
      dir,
      ...(forced === undefined ? {} : { shards: forced }),
      ...(options.previousOut === undefined ? {} : { previousOut: options.previousOut }),
      ...(options.stagingDir === undefined ? {} : { stagingDir: options.stagingDir, pathPrefix: options.pathPrefix }),
      ...(options.code === undefined ? {} : { code: options.code }),
    };
    const early = await options.started;
    const ready = early && early.exitCode === null && early.signalCode === null && early.connected ? early : undefined;
    step = runStep(prepare, {}, "preparing the shards", stop.signal, (m) => data.record(m), ready).then((r) => r.count);
    // Once shards are planned, the first of each lane loads its code while the prepare step writes their data.
    void data.planned.then((count) => spares.add(Math.min(count, os.availableParallelism())));
    const prepared = step.then(
      (count) => {
        debug("%d shards prepared in %dms", count, Math.round(performance.now() - started));
        data.end();
      },
      (error: unknown) => {
        data.end(error);
        throw error;
      },
    );
    prepared.catch(() => undefined); // awaited by render(), or surfaced through `step` below
    const ownerAlone = articles >= OWNER_ALONE_THRESHOLD;
    // A smaller archive's shards start rendering as their data is written, while the prepare step writes the
    // rest on one core; the other would wait (10,000 articles: the first shard starts ~3 s earlier, the build
    // ends ~2 s earlier). A larger one waits for the step: see OVERLAP_LIMIT.
    const count = articles >= OVERLAP_LIMIT ? await step : await Promise.race([data.planned, step]);
    // Written before the shards are planned.
    const digests = mapFromText(await readFile(files.digests, "utf8"));
    if (!digests) throw new Error(`the prepare step's page digests (${files.digests}) cannot be read`);
    const saved = await readFile(files.changes, "utf8").then(
      (text) => JSON.parse(text) as { render: string[]; removed: string[] },
      () => undefined,
    );
    const changes: PageChanges | undefined = saved && { render: new Set(saved.render), removed: saved.removed };
    const core = await stat(files.core).then(() => true, () => false);
    return {
      shards: count,
      digests,
      ...(changes ? { changes } : {}),
      ...(core ? { coreFile: files.core } : {}),
      render: async (outDir, onProgress) => {
        const target = { contentDir: options.contentDir, outDir, pathPrefix: options.pathPrefix, ...(onProgress ? { onProgress } : {}) };
        const pages = await runShards(dir, { count, pages: digests.size }, target, { ownerAlone, data, prepared, spares });
        await prepared;
        return pages;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * What the prepare step has written so far, from its messages: `planned` resolves with the number of
 * shards once it starts writing them; `ready(shard)` once that shard's data is written (or the step ended).
 */
class PreparedData {
  readonly planned: Promise<number>;
  #plan!: (count: number) => void;
  readonly #written = new Set<number>();
  readonly #waiting = new Map<number, { resolve(): void; reject(error: unknown): void }[]>();
  #ended: { readonly error?: unknown } | undefined;

  constructor() {
    this.planned = new Promise((resolve) => (this.#plan = resolve));
  }

  record(message: ShardProgress): void {
    debug("prepare step: %o", message);
    if ("planned" in message) this.#plan(message.planned);
    else if ("ready" in message) {
      this.#written.add(message.ready);
      for (const waiter of this.#waiting.get(message.ready) ?? []) waiter.resolve();
      this.#waiting.delete(message.ready);
    }
  }

  /** The step ended: every shard is written, or none will be (`error`). */
  end(error?: unknown): void {
    this.#ended = error === undefined ? {} : { error };
    for (const waiters of this.#waiting.values()) for (const w of waiters) (error === undefined ? w.resolve() : w.reject(error));
    this.#waiting.clear();
  }

  ready(shard: number): Promise<void> {
    if (this.#written.has(shard)) return Promise.resolve();
    if (this.#ended) return "error" in this.#ended ? Promise.reject(this.#ended.error) : Promise.resolve();
    return new Promise((resolve, reject) => {
      const list = this.#waiting.get(shard) ?? [];
      list.push({ resolve, reject });
      this.#waiting.set(shard, list);
    });
  }
}

/** The shards' data folders in the temporary folder: named after the build's process. */
const SHARD_DATA_PREFIX = "broadsheet-shards-";
const SHARD_DATA_NAME = new RegExp(`^${SHARD_DATA_PREFIX}(\\d+)-`);

/**
 * Removes the shards' data left in `tmp` by builds whose process is gone (killed before they could clean up:
 * ~0.4 GB at 10,000 articles each). A running build's data is never touched.
 */
export async function removeAbandonedShardData(tmp: string): Promise<void> {
  for (const name of await readdir(tmp).catch(() => [])) {
    const pid = SHARD_DATA_NAME.exec(name)?.[1];
    if (pid === undefined || isProcessRunning(Number(pid))) continue;
    await rm(path.join(tmp, name), { recursive: true, force: true });
  }
}

function forcedShards(env: NodeJS.ProcessEnv): number | undefined {
  const value = env[RENDER_SHARDS_ENV];
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${RENDER_SHARDS_ENV}=${value} is not a number of shards; use a whole number ≥ 1, or unset it`);
  return n;
}

/** The Markdown files in content/articles (what decides sharding, before any is read). */
export async function countArticleFiles(contentDir: string): Promise<number> {
  try {
    return (await readdir(path.join(contentDir, "articles"))).filter((name) => name.endsWith(".md")).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

/**
 * From this many articles on, the shard of the one-off pages runs on its own before the others. It holds
 * every article's entities and every entity's article list besides its own pages: at 100,000 articles it
 * peaked at 5.2 GB, and beside another shard (3.3 GB) took the build past 8 GiB (#6). Below, it runs
 * alongside the others, which is faster.
 */
const OWNER_ALONE_THRESHOLD = 50_000;

/**
 * Below this many articles, the first shard renders beside the prepare step. The two then hold about what
 * two shards side by side do (10,000 articles: prepare step 873 MiB + the shard of the one-off pages
 * 983 MiB, against that shard + another 695 MiB), but the prepare step grows faster than a shard (100,000:
 * 5.9 against 5.2 GB): past a few tens of thousands of articles the overlap would raise the build's peak.
 */
const OVERLAP_LIMIT = 20_000;

/** The shards in the order they run: each wave after the one before, its shards one per core at once. */
export function shardWaves(count: number, ownerAlone: boolean): number[][] {
  const all = Array.from({ length: count }, (_, i) => i);
  return ownerAlone && count > 1 ? [[OWNER_SHARD], all.filter((i) => i !== OWNER_SHARD)] : [all];
}

/**
 * Runs every shard, at most one per core at once, each once its data is written; while the prepare step
 * still runs, one at a time beside it. The first failure stops the others. `total.pages` is what the
 * progress counts up to: every page of the site (the page digests).
 */
async function runShards(
  dir: string,
  total: { count: number; pages: number },
  options: ShardedRenderOptions,
  prepare: { readonly ownerAlone: boolean; readonly data: PreparedData; readonly prepared: Promise<void>; readonly spares: SpareSteps },
): Promise<number> {
  const { count } = total;
  const abort = new AbortController();
  const render: ShardStep = { step: "render", contentDir: options.contentDir, outDir: options.outDir, pathPrefix: options.pathPrefix };
  let rendered = 0;
  let pages = 0;
  options.onProgress?.(0, total.pages);
  const onPages = (n: number) => options.onProgress?.((rendered = Math.min(rendered + n, total.pages)), total.pages);
  const run = async (shards: readonly number[], parallel: number): Promise<void> => {
    let next = 0;
    const lane = async (n: number): Promise<void> => {
      if (n > 0) await prepare.prepared;
      // The process that rendered this lane's last shard, kept for its next: its code is loaded and warm.
      let kept: ChildProcess | undefined;
      try {
        while (next < shards.length && !abort.signal.aborted) {
          const shard = shards[next++]!;
          await prepare.data.ready(shard);
          // Markdown renders on each shard's Eleventy thread when the shards already fill the cores.
          const job: ShardJob = { shard, count, dir, threads: parallel < os.availableParallelism() ? 1 : 0 };
          const startedAt = performance.now();
          const reused = kept && isAlive(kept) ? kept : undefined;
          const spare = reused ?? prepare.spares.take();
          kept = undefined;
          // Without a spare, this shard's process ends with it: one loads meanwhile for the lane's next.
          if (!spare && next < shards.length) prepare.spares.add(1);
          const env = { [RENDER_SHARD_ENV]: JSON.stringify(job) };
          const result = await runStep(render, env, `shard ${shard + 1} of ${count}`, abort.signal, (m) => {
            if ("pages" in m) onPages(m.pages);
          }, spare);
          kept = result.kept;
          pages += result.count;
          debug("shard %d of %d rendered in %dms%s", shard + 1, count, Math.round(performance.now() - startedAt), reused ? " (by this lane's process)" : spare ? " (by a spare)" : "");
        }
      } finally {
        if (kept?.connected) kept.disconnect();
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, shards.length) }, (_, n) => lane(n)));
  };
  try {
    for (const wave of shardWaves(count, prepare.ownerAlone)) await run(wave, wave.length === 1 ? 1 : os.availableParallelism());
    return pages;
  } catch (error) {
    abort.abort();
    throw error;
  }
}

/**
 * Heap ceiling of each step's process. Node's default (~4 GB here) is what the prepare step hit at 100,000
 * articles (#6); a ceiling, not a reservation: at 10,000 articles a shard uses about 1 GB.
 */
const STEP_HEAP_MIB = 6_144;
/**
 * Young generation of the prepare step (MiB per semi-space; Node's default is 16). It allocates much
 * short-lived data while it holds the whole index: a larger young generation promotes less of it, and
 * at 100,000 articles the step took 162 s instead of 191 s (#6), for about 0.4 GB more RSS. The render
 * shards keep the default: two run at once, and the 10,000-article build must stay under 3 GiB.
 */
const PREPARE_SEMI_SPACE_MIB = 64;

/** The steps' entry, compiled once per build (render-shard-process.js; itself when it cannot be compiled). */
let stepEntry: Promise<URL> | undefined;

/** The end of what each step's process wrote to its stderr, for the message when it fails. */
const stderrTails = new WeakMap<ChildProcess, string>();

/** A step's process, started from its compiled bundle (no tsx) with `args`: a step, or WAIT_FOR_STEP. */
function forkStep(entry: string, args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly prepare?: boolean; readonly signal?: AbortSignal } = {}): ChildProcess {
  const child = fork(entry, args, {
    env: { ...process.env, ...options.env },
    execArgv: [
      // A young-generation size the build was started with is not the shards': see PREPARE_SEMI_SPACE_MIB.
      ...process.execArgv.filter((flag) => !flag.startsWith("--max-semi-space-size")),
      `--max-old-space-size=${STEP_HEAP_MIB}`,
      ...(options.prepare ? [`--max-semi-space-size=${PREPARE_SEMI_SPACE_MIB}`] : []),
      // A spare that renders one shard after another collects the last one's pages before the next.
      "--expose-gc",
    ],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  stderrTails.set(child, "");
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderrTails.set(child, (stderrTails.get(child) + chunk).slice(-4000));
    // With DEBUG set, the step's own timings are shown (they are on its stderr).
    if (process.env.DEBUG) process.stderr.write(chunk);
  });
  return child;
}

/**
 * A prepare step's process started before its step is known: while the build's sync stage runs, it loads the
 * renderer and opens the archive core and page digests of the site in `previousOut`, made by the code `code`
 * (render-shard.ts openPreviousRecord), for the patch to come (~7 s of a one-off add at 100,000 articles, #6).
 * For PrepareOptions.started; whoever starts it ends it when no step took it.
 */
export async function startPrepareStep(previousOut: string, code: string): Promise<ChildProcess> {
  const child = forkStep(await stepEntryPath(), [WAIT_FOR_STEP, previousOut, code], { prepare: true });
  child.on("error", () => undefined); // not taken when it cannot start (prepareShardedRender checks)
  return child;
}

function stepEntryPath(): Promise<string> {
  return (stepEntry ??= compiledEntry(ENTRY)).then(fileURLToPath);
}

/**
 * Render steps' processes started ahead of their shards: each loads Eleventy and the templates (~0.3–0.6 s
 * of CPU before its first page) and waits to be given a shard, which it then starts rendering at once.
 * The first ones load while the prepare step writes the shards' data on one core (#6). A spare then renders
 * its lane's later shards too (render-shard-process.js): a process per shard cost each its start and its
 * warm-up again, and loaded beside the shards rendering (10,000 articles, three pairs alternating: 51.3–52.1
 * → 48.1–49.6 s, 90.1–91.4 → 84.5–87.5 CPU-s, tree peak 2.06–2.12 → 1.87–1.91 GiB).
 */
class SpareSteps {
  readonly #entry: string;
  readonly #waiting: ChildProcess[] = [];
  #closed = false;

  /** `entry`: the steps' entry (stepEntryPath). */
  constructor(entry: string) {
    this.#entry = entry;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  add(count: number): void {
    for (let i = 0; i < count && !this.#closed; i++) {
      const child = forkStep(this.#entry, [WAIT_FOR_STEP]);
      child.on("error", () => undefined); // a spare that cannot start is not taken (see take)
      this.#waiting.push(child);
    }
  }

  /** A spare still running, or undefined (the step then starts a process of its own). */
  take(): ChildProcess | undefined {
    for (let child = this.#waiting.shift(); child; child = this.#waiting.shift()) {
      if (isAlive(child)) return child;
    }
    return undefined;
  }

  /** Ends the spares no step took. */
  close(): void {
    this.#closed = true;
    for (const child of this.#waiting.splice(0)) child.kill();
  }
}

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.connected;
}

/**
 * Runs one step in its own process (`spare`, when one was started ahead); resolves to the count it
 * reports and, when it ran on a spare that stays for another render step, that spare (see
 * render-shard-process.js; whoever gets it lets it go with disconnect()). `onProgress` gets what the step
 * reports as it goes.
 */
async function runStep(
  step: ShardStep,
  env: Readonly<Record<string, string>>,
  name: string,
  signal: AbortSignal,
  onProgress?: (message: ShardProgress) => void,
  spare?: ChildProcess,
): Promise<{ readonly count: number; readonly kept?: ChildProcess }> {
  const child = spare ?? forkStep(await stepEntryPath(), [JSON.stringify(step)], { env, prepare: step.step === "prepare", signal });
  // Listeners of this step only: a kept spare's next step listens afresh.
  let detach = (): void => {};
  try {
    return await new Promise((resolve, reject) => {
      let message: ShardMessage | undefined;
      const end = () => child.kill();
      const onMessage = (m: ShardMessage | ShardProgress) => {
        if (!("ok" in m)) return onProgress?.(m);
        message = m;
        // Done once it says so: the prepare step's process took ~0.5 s more to exit (10,000 articles, #6),
        // which the second render lane waited for.
        if (m.ok) resolve({ count: m.count, ...(spare && step.step === "render" ? { kept: spare } : {}) });
      };
      const onError = (error: Error) => {
        if (error.name !== "AbortError") reject(error);
      };
      const onExit = (code: number | null, signalName: NodeJS.Signals | null) => {
        if (message?.ok) return;
        if (signal.aborted) return reject(new Error(`${name} stopped: another shard failed`));
        const tail = (stderrTails.get(child) ?? "").trim().split("\n").slice(-3).join(" ");
        reject(new Error(message?.ok === false ? message.error : `${name} stopped (${signalName ?? `exit code ${code}`})${tail ? `: ${tail}` : ""}`));
      };
      child.on("message", onMessage);
      child.on("error", onError);
      child.on("exit", onExit);
      detach = () => {
        child.off("message", onMessage);
        child.off("error", onError);
        child.off("exit", onExit);
        signal.removeEventListener("abort", end);
      };
      if (spare) {
        if (signal.aborted) end();
        signal.addEventListener("abort", end, { once: true });
        spare.send({ step, env } satisfies StepGiven);
      }
    });
  } finally {
    detach();
  }
}
