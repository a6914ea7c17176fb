// The sync stage on this thread, for a process that builds again and again (build --watch): its modules,
// caches and gazetteer stay loaded from one build to the next, where a worker thread would load them anew
// each time (~0.9 s of an edit at 10,000 articles, #6).

import { HeaderMemo } from "../article-cache/index.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import type { SyncReporter } from "./sync-articles.ts";
import type { SyncStage } from "./sync-in-worker.ts";

/** The parse cache's bucket headers, kept from one build to the next: a scan reads only the buckets that changed. */
const headers = new HeaderMemo();

export function syncArticlesInProcess(contentDir: string, reporter: SyncReporter): SyncStage {
  let resolvePlan!: (plan: ArticlePlan) => void;
  let rejectPlan!: (error: unknown) => void;
  const plan = new Promise<ArticlePlan>((resolve, reject) => {
    resolvePlan = resolve;
    rejectPlan = reject;
  });
  const finished = import("./sync-articles.ts")
    .then(({ syncArticles }) => syncArticles(contentDir, reporter, resolvePlan, undefined, headers))
    .then(resolvePlan, (error: unknown) => {
      rejectPlan(error);
      throw error;
    });
  // Each is awaited by the caller in its time; neither may count as unhandled meanwhile.
  plan.catch(() => {});
  finished.catch(() => {});
  return { plan, finished: finished.then(() => {}) };
}

/**
 * Loads what syncArticlesInProcess needs to enrich an article (the extractor's gazetteer tables, ~0.5–1 s), so
 * that the first change after a start does not wait for it. For idle time: it keeps this thread busy meanwhile.
 */
export async function warmSyncInProcess(): Promise<void> {
  const [{ generatorFingerprint }, { loadGazetteer }] = await Promise.all([import("./generator-fingerprint.ts"), import("./extract-batch.ts"), import("./sync-articles.ts")]);
  await loadGazetteer(await generatorFingerprint());
}
