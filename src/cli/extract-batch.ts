// Runs the extractor over the articles of a build, chunk by chunk. Small builds stay on this thread; large
// imports start one worker thread per core once and feed them every chunk, since extraction is the costliest
// step of an import and a worker takes a second or two to load the gazetteers (#6).

import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Extraction, ExtractionInput } from "../types.ts";

/** Below this many articles, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;

export interface BatchExtractor {
  extract(inputs: readonly ExtractionInput[]): Promise<Extraction[]>;
  close(): Promise<void>;
}

/** An extractor sized for `total` articles; `onProgress` gets the running count. */
export function createBatchExtractor(total: number, onProgress: (done: number) => void = () => {}): BatchExtractor {
  const threads = Math.min(os.availableParallelism(), Math.ceil(total / WORKER_THRESHOLD));
  let done = 0;
  const advance = (n: number) => onProgress((done += n));
  return threads <= 1 ? inThread(advance) : new WorkerPool(threads, advance);
}

function inThread(advance: (n: number) => void): BatchExtractor {
  return {
    async extract(inputs) {
      if (inputs.length === 0) return [];
      // Loaded only when there is something to extract: the gazetteers take about a second to load.
      const { extractEntities } = await import("../enrich/index.ts");
      return inputs.map((input) => {
        const result = extractEntities(input);
        advance(1);
        return result;
      });
    },
    async close() {},
  };
}

class WorkerPool implements BatchExtractor {
  readonly #workers: Worker[];
  readonly #advance: (n: number) => void;
  readonly #pending = new Map<number, { resolve: (r: Extraction[]) => void; reject: (e: unknown) => void }>();
  #nextId = 0;
  #failure: unknown;

  constructor(threads: number, advance: (n: number) => void) {
    this.#advance = advance;
    this.#workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL("./extract-worker.js", import.meta.url));
      worker.on("message", (message: { id?: number; progress?: number; results?: Extraction[] }) => {
        if (message.progress) this.#advance(message.progress);
        if (message.id !== undefined && message.results) {
          this.#pending.get(message.id)?.resolve(message.results);
          this.#pending.delete(message.id);
        }
      });
      worker.on("error", (error) => this.#fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.#fail(new Error(`extraction worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  async extract(inputs: readonly ExtractionInput[]): Promise<Extraction[]> {
    if (this.#failure) throw this.#failure;
    if (inputs.length === 0) return [];
    const size = Math.ceil(inputs.length / this.#workers.length);
    const parts = await Promise.all(
      this.#workers.map((worker, w) => {
        const part = inputs.slice(w * size, (w + 1) * size);
        if (part.length === 0) return Promise.resolve([] as Extraction[]);
        const id = this.#nextId++;
        return new Promise<Extraction[]>((resolve, reject) => {
          this.#pending.set(id, { resolve, reject });
          worker.postMessage({ id, inputs: part });
        });
      }),
    );
    return parts.flat();
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
