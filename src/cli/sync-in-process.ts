// The sync stage on this thread, for a process that builds again and again (build --watch): its modules,
// caches and gazetteer stay loaded from one build to the next, where a worker thread would load them anew
// each time (~0.9 s of an edit at 10,000 articles, #6).

import type { ArticlePlan } from "./plan-article-files.ts";
import type { SyncReporter } from "./sync-articles.ts";
import type { SyncStage } from "./sync-in-worker.ts";

export function syncArticlesInProcess(contentDir: string, reporter: SyncReporter): SyncStage {
  let resolvePlan!: (plan: ArticlePlan) => void;
  let rejectPlan!: (error: unknown) => void;
  const plan = new Promise<ArticlePlan>((resolve, reject) => {
    resolvePlan = resolve;
    rejectPlan = reject;
  });
  const finished = import("./sync-articles.ts")
    .then(({ syncArticles }) => syncArticles(contentDir, reporter, resolvePlan))
    .then(resolvePlan, (error: unknown) => {
      rejectPlan(error);
      throw error;
    });
  // Each is awaited by the caller in its time; neither may count as unhandled meanwhile.
  plan.catch(() => {});
  finished.catch(() => {});
  return { plan, finished: finished.then(() => {}) };
}
