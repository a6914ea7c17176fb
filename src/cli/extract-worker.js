// Worker-thread entry (plain JS: a worker cannot start from .ts on Node 20 without a loader).
// It registers tsx itself, then runs the TypeScript extractor over its share of the batch.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { extractEntities } = await import("../enrich/index.ts");
const results = [];
let sinceReport = 0;
for (const input of workerData) {
  results.push(extractEntities(input));
  if (++sinceReport === 100) {
    parentPort.postMessage({ progress: sinceReport });
    sinceReport = 0;
  }
}
if (sinceReport) parentPort.postMessage({ progress: sinceReport });
parentPort.postMessage({ results });
