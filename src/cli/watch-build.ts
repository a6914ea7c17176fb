// `broadsheet build --watch`: builds, then builds again whenever something in the content folder changes —
// a raw article dropped in, edited or removed, a hand edit to content/articles, entities.yaml, _data/. Each
// build is the same incremental build as `broadsheet build` (the site replaced only when it succeeded), run
// in this process: the sync stage, the extractor's gazetteer and Eleventy stay loaded, so that an edit at
// 10,000 articles is on the site in well under the ~3.5 s of a fresh `broadsheet build` (#6). A failed
// build is reported like a one-off one and the last good site stays; the next change builds again.

import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runBuild, type BuildOptions } from "./build-command.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import { reportFailure } from "./report-failure.ts";
import type { Reporter } from "./reporter.ts";
import { syncArticlesInProcess } from "./sync-in-process.ts";
import { syncArticlesInWorker } from "./sync-in-worker.ts";

/** Changes closer together than this are one build: saving a raw file and its sidecar, a copied batch. */
export const WATCH_SETTLE_MS = 100;

export interface WatchOptions {
  readonly debug: boolean;
  /** Aborted (Ctrl+C): no build starts after it, and the one under way finishes. */
  readonly signal: AbortSignal;
  /** Called when a build has ended, with its plan (undefined when it failed); for tests and the bench. */
  readonly onBuilt?: (plan: ArticlePlan | undefined) => void;
}

/** Resolves when the signal stops it; the exit code of the last build (0, or 1 when it failed). */
export async function watchBuild(options: BuildOptions, reporter: Reporter, watching: WatchOptions): Promise<number> {
  const { contentDir } = options;
  const display = path.relative(process.cwd(), contentDir) || ".";
  const changed = new Set<string>();
  let wake: (() => void) | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(contentDir, { recursive: true }, (_event, name) => {
      const rel = name === null ? "" : String(name);
      if (ignored(rel)) return;
      changed.add(rel);
      wake?.();
    });
  } catch (error) {
    throw new Error(`cannot watch ${display}/ for changes (${(error as Error).message})`);
  }
  const stopped = new Promise<void>((resolve) => {
    if (watching.signal.aborted) resolve();
    else watching.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  let failedWatch: Error | undefined;
  watcher.on("error", (error) => {
    failedWatch = error;
    wake?.();
  });

  let code = 0;
  try {
    for (let first = true; !watching.signal.aborted; first = false) {
      if (!first) {
        // Wait for a change, then for the changes to settle.
        while (changed.size === 0 && !watching.signal.aborted && !failedWatch) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
        if (watching.signal.aborted) break;
        if (failedWatch) throw new Error(`stopped watching ${display}/ (${failedWatch.message})`);
        for (let size = -1; size !== changed.size; ) {
          size = changed.size;
          await Promise.race([delay(WATCH_SETTLE_MS), stopped]);
        }
        if (watching.signal.aborted) break;
        reporter.info(`${display}/: ${describeChanges(changed)} changed; building`);
        changed.clear();
      }
      let plan: ArticlePlan | undefined;
      const errorsBefore = reporter.errorCount;
      try {
        // The first build takes over the sync worker the launcher started; later ones sync on this thread.
        plan = await runBuild(options, reporter, first ? syncArticlesInWorker : syncArticlesInProcess);
        reporter.flush();
        code = reporter.errorCount > errorsBefore ? 1 : 0;
      } catch (error) {
        reporter.flush();
        code = reportFailure(error, watching.debug);
        if (code === 2) return code; // a usage error does not go away with the next change
      }
      await forgetOwnWrites(contentDir, changed, plan);
      watching.onBuilt?.(plan);
      reporter.info(`watching ${display}/ for changes (Ctrl+C to stop)`);
    }
    return code;
  } finally {
    watcher.close();
  }
}

/** What a build writes into the content folder itself: its caches, and files being written (renamed into place). */
function ignored(rel: string): boolean {
  const first = rel.split(path.sep, 1)[0]!;
  return first === ".broadsheet" || /\.tmp-\d+/.test(rel);
}

/**
 * Drops from `changed` the events of the build's own writes into content/articles: files whose text is what
 * the build left there, or that it removed. A hand edit made meanwhile has other bytes and stays.
 */
async function forgetOwnWrites(contentDir: string, changed: Set<string>, plan: ArticlePlan | undefined): Promise<void> {
  if (!plan) return;
  const deleted = new Set(plan.deletes.map((file) => path.normalize(file)));
  for (const rel of [...changed]) {
    const key = rel.split(path.sep).join("/");
    const expected = plan.textSha256.get(key);
    if (expected === undefined) {
      if (deleted.has(path.normalize(rel))) changed.delete(rel);
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
