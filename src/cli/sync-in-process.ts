// The sync stage on this thread, for a process that builds again and again (build --watch): its modules,
// caches and gazetteer stay loaded from one build to the next, where a worker thread would load them anew
// each time (~0.9 s of an edit at 10,000 articles, #6).

import { HeaderMemo } from "../article-cache/index.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import type { KeptSync, SyncReporter } from "./sync-articles.ts";
import type { SyncStage } from "./sync-in-worker.ts";

/** Kept from one build to the next: the parse cache's bucket headers, the raw hash cache. */
const kept: KeptSync = { headers: new HeaderMemo() };
/**
 * More changes than this, and every raw file is checked: a watcher's queue that overflows (a large batch
 * copied in while a build keeps this thread busy) drops events without a word.
 */
const TRUSTED_CHANGES = 1_000;
/** And every so often anyway, so that a change a watcher missed is on the site within this time. */
const FULL_CHECK_MS = 5 * 60_000;
let lastFullCheck = 0;
/**
 * Whether the last sync ran to its end: one that failed before checking the raw files leaves the checks of the
 * one before it, which the changes since the failed one began do not cover.
 */
let lastSyncDone = false;

/**
 * `changes`: the paths in the content folder ("raw/x.txt") that the process's watcher saw change since the
 * last build began, when it watched all along; then the raw and article files it did not see change are not
 * checked again.
 */
export function syncArticlesInProcess(contentDir: string, reporter: SyncReporter, changes?: ReadonlySet<string>): SyncStage {
  const trusted =
    lastSyncDone && changes !== undefined && changes.size <= TRUSTED_CHANGES && !changes.has("") && !changes.has("raw") && !changes.has("articles") && Date.now() - lastFullCheck < FULL_CHECK_MS;
  if (!trusted) lastFullCheck = Date.now();
  lastSyncDone = false;
  kept.unchanged = trusted ? (file) => !changes.has(file) : undefined;
  let resolvePlan!: (plan: ArticlePlan) => void;
  let rejectPlan!: (error: unknown) => void;
  const plan = new Promise<ArticlePlan>((resolve, reject) => {
    resolvePlan = resolve;
    rejectPlan = reject;
  });
  const finished = import("./sync-articles.ts")
    .then(({ syncArticles }) => syncArticles(contentDir, reporter, resolvePlan, undefined, kept))
    .then((done) => {
      lastSyncDone = true;
      resolvePlan(done);
    }, (error: unknown) => {
      rejectPlan(error);
      throw error;
    });
  // Each is awaited by the caller in its time; neither may count as unhandled meanwhile.
  plan.catch(() => {});
  finished.catch(() => {});
  return { plan, finished: finished.then(() => {}) };
}

/** Records the caches of the last sync (KeptSync.record): for the time after its build's site is in place. */
export async function recordSyncInProcess(): Promise<void> {
  const record = kept.record;
  kept.record = undefined;
  await record?.();
}

/**
 * Readies syncArticlesInProcess for the first change after a start, for idle time (it keeps this thread busy
 * meanwhile): loads the extractor's gazetteer tables (~0.5–1 s), then runs one sync, which has nothing to do
 * unless something changed since the build before it. That sync checks every file, as the first one on this
 * thread must, and compiles the sync's code: the first change then cost ~0.35 s more than the later ones at
 * 10,000 articles (#6). What it finds is reported with the next build, which its change starts.
 */
export async function warmSyncInProcess(contentDir: string, reporter: SyncReporter): Promise<void> {
  const [{ generatorFingerprint }, { loadGazetteer }] = await Promise.all([import("./generator-fingerprint.ts"), import("./extract-batch.ts"), import("./sync-articles.ts")]);
  await loadGazetteer(await generatorFingerprint());
  await syncArticlesInProcess(contentDir, reporter).finished;
}
