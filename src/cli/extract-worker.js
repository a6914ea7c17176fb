// Worker-thread entry (plain JS: a worker cannot start from .ts on Node 20 without a loader).
// It registers tsx itself, loads the TypeScript extractor once (its gazetteers from the cache, extract-batch.ts),
// then extracts and finishes (finish-article.ts) every chunk it is sent. Started from its compiled bundle
// (src/compiled-entry.ts), register() does nothing.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { loadGazetteer } = await import("./extract-batch.ts");
await loadGazetteer(workerData?.gazetteerKey);
const { extractEntities } = await import("../enrich/index.ts");
const { extractionInput, finishArticle } = await import("./finish-article.ts");
parentPort.on("message", ({ id, jobs, options }) => {
  const results = [];
  let sinceReport = 0;
  for (const job of jobs) {
    results.push(finishArticle(job, extractEntities(extractionInput(job.article)), options));
    if (++sinceReport === 100) {
      parentPort.postMessage({ progress: sinceReport });
      sinceReport = 0;
    }
  }
  if (sinceReport) parentPort.postMessage({ progress: sinceReport });
  parentPort.postMessage({ id, results });
});
