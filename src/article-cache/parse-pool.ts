// Parses batches of content/articles files for the cache on worker threads. A cold build's sync stage
// records every article it wrote, and parsing them one after the other on the main thread, with the
// extraction workers already stopped, left all cores but one idle (issue 6: 90 s at 100,000 articles).

import os from "node:os";
import { WorkerPool } from "../worker-pool.ts";
import type { Fresh, ParseForCacheOptions } from "./parse-for-cache.ts";

/** Files per worker below which a worker (about 0.3 s to start) costs more than it saves. */
const FILES_PER_THREAD = 500;

export interface ParseJob {
  readonly file: string;
  readonly name: string;
  readonly shown: string;
}

export class ParsePool {
  readonly #pool: WorkerPool<{ jobs: readonly ParseJob[]; options: Readonly<ParseForCacheOptions> }, (Fresh | null)[]>;
  readonly #options: Readonly<ParseForCacheOptions>;
  #next = 0;

  /** Worker threads worth starting for `files` files: 0 or 1 mean "parse on the main thread". */
  static threadsFor(files: number): number {
    return Math.min(os.availableParallelism(), Math.floor(files / FILES_PER_THREAD));
  }

  constructor(threads: number, options: Readonly<ParseForCacheOptions>) {
    this.#options = options;
    this.#pool = new WorkerPool(new URL("./parse-worker.js", import.meta.url), threads, { name: "parse worker" });
  }

  /** The fresh entries for `jobs`, in order (undefined for a file that cannot be cached); one worker per call. */
  async parse(jobs: readonly ParseJob[]): Promise<(Fresh | undefined)[]> {
    const results = await this.#pool.run(this.#next++, { jobs, options: this.#options });
    return results.map((r) => (r ? { entry: r.entry, payload: r.payload && asBuffer(r.payload) } : undefined));
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/** A payload comes back from a worker as a Uint8Array (structured clone); the cache writes Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
