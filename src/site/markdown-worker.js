// Worker-thread entry for article-bodies.ts (plain JS: a worker cannot start from .ts on Node 20
// without a loader). Renders article bodies with the same pipeline as the main thread, in batches. Started
// from its compiled bundle (src/compiled-entry.ts), register() does nothing.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { renderArticleBody } = await import("../markdown/index.ts");
const BATCH = 50;
let batch = [];
for (const job of workerData) {
  batch.push({ key: job.key, html: renderArticleBody(job.markdown, { entityLinks: job.entityLinks, path: job.path }) });
  if (batch.length === BATCH) {
    parentPort.postMessage(batch);
    batch = [];
  }
}
if (batch.length > 0) parentPort.postMessage(batch);
