// Pagefind processes that run side by side (#6). The pagefind module keeps one service process per module
// instance (lib/index.js, `persistentService`), and that process handles one message at a time
// (pagefind/src/service/mod.rs: "TODO: Handle incoming messages concurrently"): two indexes sent to it are
// built one after the other. Node loads a module once per URL, query included
// (https://nodejs.org/api/esm.html#urls), so the module imported under `?process=<slot>` is an instance of
// its own, which starts a process of its own.

import type * as Pagefind from "pagefind";

export type PagefindApi = typeof Pagefind;

/**
 * The pagefind module of `slot`: its process starts with the first createIndex and ends with close(); a
 * later createIndex starts a new one. Two callers must not use one slot at once (close() ends both).
 */
export async function pagefindProcess(slot: number): Promise<PagefindApi> {
  return (await import(`${import.meta.resolve("pagefind")}?process=${slot}`)) as PagefindApi;
}

/**
 * Starts the process of `slot` ahead of its next index: a process that builds again (build --watch) calls it
 * while it waits, and the next change's search update skips the ~40 ms of starting Pagefind at 10,000 articles
 * (#6). The process ends with the next index's close(), or with this one.
 */
export async function startPagefindProcess(slot = 0): Promise<void> {
  const pagefind = await pagefindProcess(slot);
  const { index } = await pagefind.createIndex({ keepIndexUrl: false });
  await index?.deleteIndex();
}
