// A worker for tests/worker-pool.test.ts, shaped like src/cli/extract-worker.js: answers each request with
// its numbers doubled and reports progress; { exit: n } makes it stop with exit code n instead.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, numbers, exit }) => {
  if (exit !== undefined) process.exit(exit);
  parentPort.postMessage({ progress: numbers.length });
  parentPort.postMessage({ id, results: numbers.map((n) => n * 2) });
});
