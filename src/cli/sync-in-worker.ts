// The sync stage (sync-articles.ts) on a worker thread. The build's main thread meanwhile loads the render
// stage, fingerprints the code and opens the previous build's archive core (build-command.ts): on two
// cores they overlap (#6).

import { parentPort, Worker, workerData } from "node:worker_threads";
import { compiledEntry } from "../compiled-entry.ts";
import { restoreError, serializeError, type SerializedError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import type { SyncReporter } from "./sync-articles.ts";

type SyncMessage =
  | { readonly kind: "add"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "stage"; readonly name: string; readonly total: number }
  | { readonly kind: "tick"; readonly done: number }
  | { readonly kind: "done"; readonly plan: ArticlePlan }
  | { readonly kind: "failed"; readonly error: SerializedError };

/** syncArticles, run on a worker thread; its messages and errors arrive as if it had run here. */
export function syncArticlesInWorker(contentDir: string, reporter: SyncReporter): Promise<ArticlePlan> {
  return compiledEntry(new URL("./sync-worker.js", import.meta.url)).then((entry) => startSync(entry, contentDir, reporter));
}

function startSync(entry: URL, contentDir: string, reporter: SyncReporter): Promise<ArticlePlan> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: { contentDir } });
    let settled = false;
    const settle = (done: () => void) => {
      settled = true;
      done();
      void worker.terminate();
    };
    worker.on("message", (message: SyncMessage) => {
      if (message.kind === "add") reporter.add(message.diagnostics);
      else if (message.kind === "stage") reporter.stage(message.name, message.total);
      else if (message.kind === "tick") reporter.tick(message.done);
      else if (message.kind === "done") settle(() => resolve(message.plan));
      else settle(() => reject(restoreError(message.error)));
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`the sync stage's worker thread stopped with exit code ${code}`));
    });
  });
}

/** The worker's side: runs the stage for the content folder it was given and reports back. */
export async function serveSyncWorker(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("serveSyncWorker runs on a worker thread");
  const send = (message: SyncMessage) => port.postMessage(message);
  const reporter: SyncReporter = {
    add: (diagnostics) => send({ kind: "add", diagnostics: [...diagnostics] }),
    stage: (name, total) => send({ kind: "stage", name, total }),
    tick: (done) => send({ kind: "tick", done }),
  };
  try {
    // Imported here: the build's main thread, which imports this module too, never runs the stage itself.
    const { syncArticles } = await import("./sync-articles.ts");
    send({ kind: "done", plan: await syncArticles((workerData as { contentDir: string }).contentDir, reporter) });
  } catch (error) {
    send({ kind: "failed", error: serializeError(error) });
  }
}
