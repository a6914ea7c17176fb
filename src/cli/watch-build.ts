// `broadsheet build --watch`: builds, then builds again whenever something in the content folder changes —
// a raw article dropped in, edited or removed, a hand edit to content/articles, entities.yaml, _data/. Each
// build is the same incremental build as `broadsheet build` (the site replaced only when it succeeded), run
// in this process: the sync stage, the extractor's gazetteer, Eleventy and the last build's archive core stay
// loaded, so that at 10,000 articles an edit is on the site ~1.5 s after it was saved, where a fresh
// `broadsheet build` takes ~3 s (#6). A failed build is reported like a one-off one and the last good site
// stays; the next change builds again.

import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SiteBuildError } from "../errors.ts";
import { checkBuildFolders, keepLastBuild, runBuild, type BuildOptions, type RepeatedBuild } from "./build-command.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import { pagefindProcess, startPagefindProcess } from "./pagefind-process.ts";
import { reportFailure } from "./report-failure.ts";
import type { Reporter } from "./reporter.ts";
import { recordSyncInProcess, syncArticlesInProcess, warmSyncInProcess } from "./sync-in-process.ts";
import { syncArticlesInWorker } from "./sync-in-worker.ts";

const WATCH_FIX = "Check that the content folder exists and is readable, then start the build again.";

/**
 * A build starts once the folder has been quiet this long: saving a raw file and its sidecar, or a copied
 * batch, is one build. Counted from the last change, not in steps from the first: waiting in steps of 100 ms
 * took 100–200 ms of each build's ~2 s at 10,000 articles (#6).
 */
const WATCH_QUIET_MS = 50;
/** …but not longer than this after the first change: a file written without end still gets built. */
const WATCH_SETTLE_LIMIT_MS = 1_000;
/**
 * A new sidecar whose raw article is not there yet waits this long more for it: the pair is then one build even
 * when the editor (or a loaded machine) leaves more than the quiet time between the two files (#6, CI).
 */
const LONE_SIDECAR_WAIT_MS = 1_000;

export interface WatchOptions {
  readonly debug: boolean;
  /** Aborted (Ctrl+C): no build starts after it, and the one under way finishes. */
  readonly signal: AbortSignal;
  /** Called after each build, failed or not (`broadsheet serve` reloads the browser). */
  readonly onBuilt?: () => void;
}

/** Resolves when the signal stops it; the exit code of the last build (0, or 1 when it failed). */
export async function watchBuild(options: BuildOptions, reporter: Reporter, watching: WatchOptions): Promise<number> {
  // Every build of this process renders and enriches with the code it loaded at its start: their fingerprints
  // are taken now, not at a later build, which an edit of that code meanwhile would make look built (#6).
  void takeCodeFingerprints().catch(() => {});
  const { contentDir } = options;
  const display = path.relative(process.cwd(), contentDir) || ".";
  await checkBuildFolders(options);
  const changed = new Set<string>();
  let lastChange = 0;
  let wake: (() => void) | undefined;
  let failedWatch: Error | undefined;
  let watcher: ContentWatcher;
  try {
    watcher = watchContent(
      contentDir,
      (rel) => {
        if (ignored(rel)) return;
        changed.add(rel);
        lastChange = performance.now();
        wake?.();
      },
      (error) => {
        failedWatch = error;
        wake?.();
      },
    );
  } catch (error) {
    throw new SiteBuildError(`cannot watch the folder for changes (${(error as Error).message})`, { file: display, fix: WATCH_FIX });
  }
  const stopped = new Promise<void>((resolve) => {
    if (watching.signal.aborted) resolve();
    else watching.signal.addEventListener("abort", () => resolve(), { once: true });
  });

  // The first build takes over the sync worker the launcher started; later ones sync on this thread.
  const repeated: RepeatedBuild = { startSync: syncArticlesInWorker };
  let code = 0;
  let lastPlan: ArticlePlan | undefined;
  try {
    for (let first = true; !watching.signal.aborted; first = false) {
      if (!first) {
        // Wait for a change, then for the changes to settle.
        while (changed.size === 0 && !watching.signal.aborted && !failedWatch) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
        if (watching.signal.aborted) break;
        if (failedWatch) throw new SiteBuildError(`stopped watching the folder (${failedWatch.message})`, { file: display, fix: WATCH_FIX });
        await untilQuiet(() => lastChange, stopped);
        // The last build's own writes are no change; their events can come late, on a loaded machine.
        await forgetOwnWrites(contentDir, changed, lastPlan);
        const heard = lastChange;
        if (await onlyLoneSidecars(contentDir, changed)) {
          // Woken by the next change (unless it came while the sidecars were looked at), or not after the wait.
          if (lastChange === heard) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped, delay(LONE_SIDECAR_WAIT_MS)]);
          await untilQuiet(() => lastChange, stopped);
          await forgetOwnWrites(contentDir, changed, lastPlan);
        }
        if (watching.signal.aborted) break;
        if (changed.size === 0) continue;
        reporter.info(`${display}/: ${describeChanges(changed)} changed; building`);
        repeated.changes = new Set(changed);
        changed.clear();
      }
      // Its own writes are dropped from the changes before the next build starts (above), however late they come.
      lastPlan = undefined;
      try {
        lastPlan = await runBuild(options, reporter, repeated);
        reporter.flush();
        code = reporter.errorCount > 0 ? 1 : 0;
      } catch (error) {
        reporter.flush();
        code = reportFailure(error, watching.debug);
        if (code === 2) return code; // a usage error does not go away with the next change
      }
      // Each build tells its own problems: the next one's, not these again.
      reporter.clear();
      watching.onBuilt?.();
      // The build's work after its site was in place, then what the next build would otherwise load first
      // (a change meanwhile is noticed, and waits for it). After a later build the site is reported first.
      const ready = async () => {
        const failed = await repeated.tail;
        repeated.tail = undefined;
        if (failed) code = reportFailure(failed, watching.debug);
        // A failed recording costs the next build a few parses: caches only.
        await recordSyncInProcess().catch(() => {});
        await keepLastBuild(options, repeated);
        // Search is the last step of a change's build: its Pagefind process started now, not then.
        if (options.search) await startPagefindProcess().catch(() => {});
      };
      if (first) {
        repeated.startSync = syncArticlesInProcess;
        await warmSyncInProcess(contentDir, reporter).catch(() => {});
        await ready();
      }
      reporter.info(`watching ${display}/ for changes (Ctrl+C to stop)`);
      if (!first) await ready();
    }
    return code;
  } finally {
    watcher.close();
    if (options.search) await pagefindProcess(0).then((pagefind) => pagefind.close(), () => {});
  }
}

/** The fingerprints of the code this process runs (each read once per process, then kept). */
async function takeCodeFingerprints(): Promise<void> {
  const [{ takeRenderCode }, { generatorFingerprint }, { articleCacheKey }] = await Promise.all([
    import("./render-site.ts"),
    import("./generator-fingerprint.ts"),
    import("../article-cache/article-cache-key.ts"),
  ]);
  await Promise.all([takeRenderCode(), generatorFingerprint(), articleCacheKey()]);
}

/** The folders of the content folder that a build reads (read-content-folder.ts: flat), and the folder itself. */
const WATCHED = ["raw", "articles", "_data"];

interface ContentWatcher {
  close(): void;
}

/**
 * Calls `onChange` with the content-relative path ("raw/x.txt") of every change in the content folder and its
 * folders a build reads. One watcher per folder, not a recursive one: Node 20's recursive watcher on Linux
 * walks a folder again on every change in it, ~0.2 s of this thread for the 20,000 files of raw/ (#6). A
 * folder created or replaced later (raw/ made after the start) is watched from then on.
 */
function watchContent(contentDir: string, onChange: (rel: string) => void, onError: (error: Error) => void): ContentWatcher {
  const folders = new Map<string, FSWatcher>();
  const attach = (sub: string) => {
    folders.get(sub)?.close();
    folders.delete(sub);
    try {
      const folder = watch(path.join(contentDir, sub), (_event, name) => onChange(name === null ? sub : `${sub}/${name}`));
      // Removed (or replaced): the content folder's own watcher sees it come back.
      folder.on("error", () => {
        folder.close();
        if (folders.get(sub) === folder) folders.delete(sub);
      });
      folders.set(sub, folder);
    } catch {
      // Not there (yet).
    }
  };
  const top = watch(contentDir, (_event, name) => {
    const rel = name === null ? "" : String(name);
    if (WATCHED.includes(rel)) attach(rel);
    onChange(rel);
  });
  top.on("error", onError);
  for (const sub of WATCHED) attach(sub);
  return {
    close() {
      top.close();
      for (const folder of folders.values()) folder.close();
    },
  };
}

/** What a build writes into the content folder itself: its caches, and files being written (renamed into place). */
function ignored(rel: string): boolean {
  return rel === ".broadsheet" || /\.tmp-\d+/.test(rel);
}

/**
 * Drops from `changed` the events of the build's own writes into content/articles: files whose text is what
 * the build left there, or that it removed. A hand edit made meanwhile has other bytes and stays.
 */
async function forgetOwnWrites(contentDir: string, changed: Set<string>, plan: ArticlePlan | undefined): Promise<void> {
  if (!plan) return;
  const deleted = new Set(plan.deletes);
  for (const rel of [...changed]) {
    // The folder itself, made by the first build (a folder removed is a change, and stays one).
    if (rel === "articles") {
      if (await stat(path.join(contentDir, rel)).then((s) => s.isDirectory(), () => false)) changed.delete(rel);
      continue;
    }
    const expected = plan.textSha256.get(rel);
    if (expected === undefined) {
      if (deleted.has(rel)) changed.delete(rel);
      continue;
    }
    const text = await readFile(path.join(contentDir, rel), "utf8").catch(() => undefined);
    if (text !== undefined && createHash("sha256").update(text).digest("hex") === expected) changed.delete(rel);
  }
}

function describeChanges(changed: ReadonlySet<string>): string {
  const names = [...changed].filter((name) => name !== "");
  if (names.length === 0) return "something";
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more files`;
}

/**
 * Resolves once no change has come for WATCH_QUIET_MS (`lastChange`: when the last one came), or
 * WATCH_SETTLE_LIMIT_MS after it was called, or when `stopped` settles. Quiet counts only once this thread has
 * taken in the events waiting for it: busy a while (a build's tail, a GC), it may hear of a file only after
 * its quiet time ran out, and a raw article and its sidecar saved together were built twice (#6, CI).
 */
export async function untilQuiet(lastChange: () => number, stopped: Promise<void>): Promise<void> {
  const limit = performance.now() + WATCH_SETTLE_LIMIT_MS;
  let settled = false;
  void stopped.then(() => (settled = true));
  for (;;) {
    for (let now = performance.now(); now - lastChange() < WATCH_QUIET_MS && now < limit && !settled; now = performance.now()) {
      await Promise.race([delay(Math.min(WATCH_QUIET_MS - (now - lastChange()), limit - now)), stopped]);
    }
    const heard = lastChange();
    // An immediate runs after the event loop has polled for I/O: the events already there are taken in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (lastChange() === heard || performance.now() >= limit || settled) return;
  }
}

/** Whether every change is a sidecar (raw/x.json) whose raw article (raw/x.txt) does not exist: nothing to build yet. */
async function onlyLoneSidecars(contentDir: string, changed: ReadonlySet<string>): Promise<boolean> {
  if (changed.size === 0) return false;
  for (const rel of changed) {
    if (!/^raw\/[^/]+\.json$/.test(rel)) return false;
    const article = path.join(contentDir, rel.replace(/\.json$/, ".txt"));
    if (await stat(article).then(() => true, () => false)) return false;
  }
  return true;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
