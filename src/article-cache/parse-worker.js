// Worker-thread entry of parse-pool.ts (plain JS: a worker cannot start from .ts on Node 20 without a loader).
// It registers tsx itself, then parses every batch of files it is sent; a file it cannot read or parse is
// answered with null (it is then simply not cached). Started from its compiled bundle (src/compiled-entry.ts),
// register() does nothing.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { parseForCache } = await import("./parse-for-cache.ts");
parentPort.on("message", async ({ id, jobs, options }) => {
  // All at once, as on the main thread: file reads overlap with parsing.
  const results = await Promise.all(
    jobs.map(({ file, name, shown }) => parseForCache(file, name, shown, options).then((p) => p.fresh ?? null, () => null)),
  );
  parentPort.postMessage({ id, results });
});
