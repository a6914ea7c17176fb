// Runs the extractor over the articles of a build, chunk by chunk. Small builds stay on this thread; large
// imports start one worker thread per core once and feed them every chunk, since extraction is the costliest
// step of an import and a worker takes a second or two to load the gazetteers (#6).

import os from "node:os";
import type { Extraction, ExtractionInput } from "../types.ts";
import { WorkerPool } from "../worker-pool.ts";

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
  return threads <= 1 ? inThread(advance) : onWorkers(threads, advance);
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

/** One worker thread per core, loaded once, each given an equal part of every chunk. */
function onWorkers(threads: number, advance: (n: number) => void): BatchExtractor {
  const pool = new WorkerPool<{ inputs: readonly ExtractionInput[] }, Extraction[]>(new URL("./extract-worker.js", import.meta.url), threads, {
    name: "extraction worker",
    onProgress: advance,
  });
  return {
    async extract(inputs) {
      if (inputs.length === 0) return [];
      const size = Math.ceil(inputs.length / pool.size);
      const parts = await Promise.all(
        Array.from({ length: pool.size }, (_, w) => {
          const part = inputs.slice(w * size, (w + 1) * size);
          return part.length === 0 ? Promise.resolve([]) : pool.run(w, { inputs: part });
        }),
      );
      return parts.flat();
    },
    close: () => pool.close(),
  };
}
