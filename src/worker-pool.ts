// A fixed set of worker threads that answer requests. Each request carries an id; its worker answers
// `{ id, results }` and may report `{ progress: n }` on the way. A worker that fails or exits early fails
// every pending request and every later one, so the caller sees the failure instead of a hang. Used by
// the extraction pool (src/cli/extract-batch.ts) and the parse-cache pool (src/article-cache/parse-pool.ts).
// Workers start from the entry's compiled bundle (compiled-entry.ts), so requests wait for it.

import { Worker } from "node:worker_threads";
import { compiledEntry } from "./compiled-entry.ts";

export interface WorkerPoolOptions {
  /** Names the workers in the error when one stops ("extraction worker"). */
  readonly name: string;
  readonly onProgress?: (n: number) => void;
  /** Given to every worker as `workerData` (default: none). */
  readonly workerData?: unknown;
}

export class WorkerPool<Request extends object, Results> {
  readonly #workers: Promise<Worker[]>;
  readonly #size: number;
  readonly #pending = new Map<number, { resolve: (results: Results) => void; reject: (error: unknown) => void }>();
  #nextId = 0;
  #failure: unknown;

  constructor(entry: URL, threads: number, options: WorkerPoolOptions) {
    this.#size = threads;
    this.#workers = compiledEntry(entry).then((compiled) =>
      Array.from({ length: threads }, () => {
        const worker = new Worker(compiled, options.workerData === undefined ? {} : { workerData: options.workerData });
        worker.on("message", (message: { id?: number; progress?: number; results?: Results }) => {
          if (message.progress) options.onProgress?.(message.progress);
          if (message.id !== undefined) {
            this.#pending.get(message.id)?.resolve(message.results as Results);
            this.#pending.delete(message.id);
          }
        });
        worker.on("error", (error) => this.#fail(error));
        worker.on("exit", (code) => {
          if (code !== 0) this.#fail(new Error(`${options.name} stopped with exit code ${code}`));
        });
        return worker;
      }),
    ).catch((error: unknown) => {
      this.#fail(error);
      return [];
    });
  }

  get size(): number {
    return this.#size;
  }

  /** Sends `request` to worker number `worker` (modulo the pool's size). */
  run(worker: number, request: Request): Promise<Results> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      void this.#workers.then((workers) => workers[worker % workers.length]?.postMessage({ ...request, id }));
    });
  }

  async close(): Promise<void> {
    await Promise.all((await this.#workers).map((w) => w.terminate()));
  }

  #fail(error: unknown): void {
    this.#failure ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
