// Runs the extractor over a batch of articles. Small batches stay on this thread; large imports are split
// over worker threads (one per spare core), since extraction is the costliest step of an import (#6).

import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Extraction, ExtractionInput } from "../types.ts";

/** Below this many articles, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;

export async function extractBatch(
  inputs: readonly ExtractionInput[],
  onProgress: (done: number) => void = () => {},
): Promise<Extraction[]> {
  const threads = Math.min(os.availableParallelism(), Math.ceil(inputs.length / WORKER_THRESHOLD));
  if (inputs.length === 0) return [];
  if (threads <= 1) {
    // Loaded only when there is something to extract: the gazetteers take about a second to load.
    const { extractEntities } = await import("../enrich/index.ts");
    return inputs.map((input, i) => {
      const result = extractEntities(input);
      onProgress(i + 1);
      return result;
    });
  }
  const chunk = Math.ceil(inputs.length / threads);
  let done = 0;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) =>
      runWorker(inputs.slice(t * chunk, (t + 1) * chunk), (n) => {
        done += n;
        onProgress(done);
      }),
    ),
  );
  return parts.flat();
}

function runWorker(inputs: readonly ExtractionInput[], onProgress: (n: number) => void): Promise<Extraction[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./extract-worker.js", import.meta.url), { workerData: inputs });
    worker.on("message", (message: { progress?: number; results?: Extraction[] }) => {
      if (message.progress) onProgress(message.progress);
      if (message.results) resolve(message.results);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`extraction worker stopped with exit code ${code}`));
    });
  });
}
