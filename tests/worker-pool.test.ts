// The worker pool (src/worker-pool.ts), whose workers start from a compiled entry (src/compiled-entry.ts):
// requests sent before the workers are up are answered, a worker that stops fails every request (none
// hangs), and an entry that cannot start fails them too.
import { afterEach, describe, expect, it } from "vitest";
import { WorkerPool } from "../src/worker-pool.ts";

type Request = { numbers?: number[]; exit?: number };
const ENTRY = new URL("./support/echo-worker.js", import.meta.url);
const pools: WorkerPool<Request, number[]>[] = [];
const pool = (entry: URL, threads: number, onProgress?: (n: number) => void) => {
  const made = new WorkerPool<Request, number[]>(entry, threads, { name: "echo worker", ...(onProgress ? { onProgress } : {}) });
  pools.push(made);
  return made;
};

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("WorkerPool", () => {
  it("answers requests sent at once, on every worker, with progress", async () => {
    let progress = 0;
    const echo = pool(ENTRY, 2, (n) => (progress += n));
    expect(echo.size).toBe(2);
    const answers = await Promise.all([echo.run(0, { numbers: [1, 2] }), echo.run(1, { numbers: [3] }), echo.run(2, { numbers: [] })]);
    expect(answers).toEqual([[2, 4], [6], []]);
    expect(progress).toBe(3);
  });

  it("fails the pending request and every later one when a worker stops", async () => {
    const echo = pool(ENTRY, 1);
    await expect(echo.run(0, { exit: 3 })).rejects.toThrow("echo worker stopped with exit code 3");
    await expect(echo.run(0, { numbers: [1] })).rejects.toThrow("exit code 3");
  });

  it("fails its requests when the entry cannot start", async () => {
    const missing = pool(new URL("./support/no-such-worker.js", import.meta.url), 1);
    await expect(missing.run(0, { numbers: [1] })).rejects.toThrow();
  });
});
