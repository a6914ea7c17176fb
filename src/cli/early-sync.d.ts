// Types of early-sync.js (plain JavaScript, loaded by bin/broadsheet.js before tsx).
import type { Worker } from "node:worker_threads";

/** A sync worker the launcher started, and what it said before the build adopted it. */
export interface EarlySync {
  readonly contentDir: string;
  readonly worker: Worker;
  readonly events: readonly { readonly kind: "message" | "error" | "exit"; readonly value: unknown }[];
  /** Removes the listeners that kept its events. */
  readonly detach: () => void;
}
export declare function startSyncEarly(argv: readonly string[]): void;
export declare function stopUnadoptedSync(): Promise<void>;
