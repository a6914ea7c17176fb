// Parses batches of content/articles files for the cache on worker threads. A cold build's sync stage
// records every article it wrote, and parsing them one after the other on the main thread, with the
// extraction workers already stopped, left all cores but one idle (issue 6: 90 s at 100,000 articles).

import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Fresh, ParseForCacheOptions } from "./parse-for-cache.ts";

/** Files per worker below which a worker (about 0.3 s to start) costs more than it saves. */
const FILES_PER_THREAD = 500;

export interface ParseJob {
  readonly file: string;
  readonly name: string;
  readonly shown: string;
}

export class ParsePool {
  readonly #workers: Worker[];
  readonly #options: Readonly<ParseForCacheOptions>;
  readonly #pending = new Map<number, { resolve: (r: (Fresh | undefined)[]) => void; reject: (e: unknown) => void }>();
  #nextId = 0;
  #next = 0;
  #failure: unknown;

  /** Worker threads worth starting for `files` files: 0 or 1 mean "parse on the main thread". */
  static threadsFor(files: number): number {
    return Math.min(os.availableParallelism(), Math.floor(files / FILES_PER_THREAD));
  }

  constructor(threads: number, options: Readonly<ParseForCacheOptions>) {
    this.#options = options;
    this.#workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL("./parse-worker.js", import.meta.url));
      worker.on("message", ({ id, results }: { id: number; results: (Fresh | null)[] }) => {
        this.#pending.get(id)?.resolve(results.map((r) => (r ? { entry: r.entry, payload: r.payload && asBuffer(r.payload) } : undefined)));
        this.#pending.delete(id);
      });
      worker.on("error", (error) => this.#fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.#fail(new Error(`parse worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  /** The fresh entries for `jobs`, in order (undefined for a file that cannot be cached); one worker per call. */
  parse(jobs: readonly ParseJob[]): Promise<(Fresh | undefined)[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    const worker = this.#workers[this.#next++ % this.#workers.length]!;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, jobs, options: this.#options });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #fail(error: unknown): void {
    this.#failure ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

/** A payload comes back from a worker as a Uint8Array (structured clone); the cache writes Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
