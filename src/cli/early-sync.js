// The sync stage's worker, started by the CLI's launcher (bin/broadsheet.js) before tsx and the CLI's own
// modules load (#6): ~0.3 s of an edit's critical path. Plain JavaScript, and only when the command is a
// plain `build` and the worker's compiled bundle is current. The worker reads and plans, but writes nothing
// until the build has checked its options and adopts it (takeEarlySync in sync-in-worker.ts); a worker
// nobody adopts is stopped.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import createDebug from "debug";
import { currentBundle } from "../bundle-recipe.js";

const debug = createDebug("broadsheet:sync");

const KEY = Symbol.for("broadsheet.earlySync");

/** @typedef {import("./early-sync.d.ts").EarlySync} EarlySync (declared once, beside this file) */

/**
 * Starts the sync worker for `broadsheet build [--content DIR] [--out DIR] [--path-prefix P] [--no-search] [--watch]`;
 * any other command line (help, errors, unknown options) is left to the CLI.
 * @param {readonly string[]} argv
 */
export function startSyncEarly(argv) {
  const contentDir = buildContentDir(argv);
  if (contentDir === undefined) return;
  const bundle = currentBundle(fileURLToPath(new URL("./sync-worker.js", import.meta.url)));
  if (!bundle) return;
  /** @type {Worker} */
  let worker;
  try {
    worker = new Worker(bundle, { workerData: { contentDir, gated: true } });
  } catch {
    return; // the build starts its own
  }
  debug("sync worker started by the launcher for %s", contentDir);
  // Until adopted it must not keep the process alive.
  worker.unref();
  /** @type {EarlySync["events"]} */
  const events = [];
  /** @type {(kind: "message" | "error" | "exit") => (value: unknown) => void} */
  const keep = (kind) => (value) => events.push({ kind, value });
  const listeners = /** @type {const} */ ([
    ["message", keep("message")],
    ["error", keep("error")],
    ["exit", keep("exit")],
  ]);
  for (const [event, listener] of listeners) worker.on(event, listener);
  // Only these listeners go: the worker's own (which keep its message port running) must stay.
  const detach = () => {
    for (const [event, listener] of listeners) worker.off(event, listener);
  };
  /** @type {EarlySync} */
  const early = { contentDir, worker, events, detach };
  /** @type {Record<symbol, unknown>} */ (globalThis)[KEY] = early;
}

/** Stops the early worker if the CLI did not adopt it. */
export async function stopUnadoptedSync() {
  const holder = /** @type {Record<symbol, EarlySync | undefined>} */ (globalThis);
  const early = holder[KEY];
  delete holder[KEY];
  if (early) await early.worker.terminate();
}

/**
 * The content folder of a plain build command line, resolved as the build resolves it; undefined otherwise.
 * @param {readonly string[]} argv
 */
function buildContentDir(argv) {
  if (argv[0] !== "build") return undefined;
  let content = "content";
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-search" || arg === "--watch") continue;
    if (arg === "--content" || arg === "--out" || arg === "--path-prefix") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-")) return undefined;
      if (arg === "--content") content = value;
      continue;
    }
    return undefined;
  }
  return path.resolve(content);
}
