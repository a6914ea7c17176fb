// The sync stage (sync-articles.ts) on a worker thread. The build's main thread meanwhile loads the render
// stage, fingerprints the code and opens the previous build (build-command.ts), and once the articles are
// written it goes on while the worker records its caches: on two cores they overlap (#6).

import { parentPort, Worker, workerData } from "node:worker_threads";
import createDebug from "debug";
import { compiledEntry } from "../compiled-entry.ts";
import { restoreError, serializeError, type SerializedError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import type { EarlySync } from "./early-sync.js";
import type { ArticlePlan } from "./plan-article-files.ts";
import type { SyncReporter } from "./sync-articles.ts";

type SyncMessage =
  | { readonly kind: "add"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "stage"; readonly name: string; readonly total: number }
  | { readonly kind: "tick"; readonly done: number }
  | { readonly kind: "planned"; readonly plan: ArticlePlan }
  | { readonly kind: "done" }
  | { readonly kind: "failed"; readonly error: SerializedError };

/** The sync stage under way (on a worker thread, or on this one: sync-in-process.ts). */
export interface SyncStage {
  /** The stage's result, as soon as content/articles is up to date. */
  readonly plan: Promise<ArticlePlan>;
  /**
   * Settles when the worker has also recorded the parse and raw-hash caches, which it does while the build
   * goes on (#6: ~0.1 s of an edit); the build waits for it before it ends.
   */
  readonly finished: Promise<void>;
}

const EARLY = Symbol.for("broadsheet.earlySync");
const debug = createDebug("broadsheet:sync");

/**
 * The worker the launcher started for `contentDir`, taken over: it may now write (it waits for "go"). One
 * started for another folder is stopped.
 */
function takeEarlySync(contentDir: string): EarlySync | undefined {
  const holder = globalThis as { [EARLY]?: EarlySync };
  const early = holder[EARLY];
  delete holder[EARLY];
  if (!early) return undefined;
  early.detach();
  debug("the launcher's sync worker for %s %s", early.contentDir, early.contentDir === contentDir ? "goes on" : "is stopped");
  if (early.contentDir === contentDir) return early;
  void early.worker.terminate();
  return undefined;
}

/** syncArticles, run on a worker thread; its messages and errors arrive as if it had run here. */
export function syncArticlesInWorker(contentDir: string, reporter: SyncReporter): SyncStage {
  let resolvePlan!: (plan: ArticlePlan) => void;
  let rejectPlan!: (error: unknown) => void;
  const plan = new Promise<ArticlePlan>((resolve, reject) => {
    resolvePlan = resolve;
    rejectPlan = reject;
  });
  const early = takeEarlySync(contentDir);
  const started = early
    ? Promise.resolve(early)
    : compiledEntry(new URL("./sync-worker.js", import.meta.url)).then((entry) => ({ worker: new Worker(entry, { workerData: { contentDir } }), events: [] }));
  const finished = started.then(
    ({ worker, events }) =>
      new Promise<void>((resolve, reject) => {
        let settled = false;
        const settle = (error?: unknown) => {
          settled = true;
          // Either the plan came and this is the end, or the stage failed: the plan gets the error too.
          if (error === undefined) resolve();
          else {
            rejectPlan(error);
            reject(error);
          }
          void worker.terminate();
        };
        const onMessage = (message: SyncMessage) => {
          if (message.kind === "add") reporter.add(message.diagnostics);
          else if (message.kind === "stage") reporter.stage(message.name, message.total);
          else if (message.kind === "tick") reporter.tick(message.done);
          else if (message.kind === "planned") resolvePlan(message.plan);
          else if (message.kind === "done") settle();
          else settle(restoreError(message.error));
        };
        const onExit = (code: number) => {
          if (!settled) settle(new Error(`the sync stage's worker thread stopped with exit code ${code}`));
        };
        worker.on("message", onMessage);
        worker.on("error", settle);
        worker.on("exit", onExit);
        if (early) {
          // What it said before it was adopted, in order; then it may write.
          for (const event of events) {
            if (settled) break;
            if (event.kind === "message") onMessage(event.value as SyncMessage);
            else if (event.kind === "error") settle(event.value);
            else onExit(event.value as number);
          }
          worker.ref();
          if (!settled) worker.postMessage({ kind: "go" });
        }
      }),
  );
  // Each is awaited by the caller in its time; neither may count as unhandled meanwhile.
  plan.catch(() => {});
  finished.catch(() => {});
  return { plan, finished };
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
    const { contentDir, gated } = workerData as { contentDir: string; gated?: boolean };
    // Started by the launcher before the build checked its options: nothing is written until it says so.
    const ready = gated ? new Promise<void>((resolve) => port.on("message", (m: { kind?: string }) => m.kind === "go" && resolve())) : undefined;
    // Imported here: the build's main thread, which imports this module too, never runs the stage itself.
    const { syncArticles } = await import("./sync-articles.ts");
    await syncArticles(contentDir, reporter, (plan) => send({ kind: "planned", plan }), ready);
    send({ kind: "done" });
  } catch (error) {
    send({ kind: "failed", error: serializeError(error) });
  }
}
