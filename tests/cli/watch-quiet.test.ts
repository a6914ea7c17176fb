// #6: build --watch starts a build once the content folder is quiet. A change whose event waits while the
// thread is busy (a build's tail, a GC) is part of the same quiet spell: CI saw a raw article and its sidecar,
// saved back to back, built twice.
import { watch, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { untilQuiet } from "../../src/cli/watch-build.ts";

it("takes in the events that came while the thread was busy before it calls the folder quiet", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-quiet-"));
  const seen = new Set<string>();
  let lastChange = 0;
  const watcher = watch(dir, (_event, name) => {
    seen.add(String(name));
    lastChange = performance.now();
  });
  try {
    writeFileSync(path.join(dir, "story.json"), "{}");
    while (!seen.has("story.json")) await new Promise((resolve) => setTimeout(resolve, 5));
    // The text saved right after its sidecar, while this thread is busy past the quiet time.
    writeFileSync(path.join(dir, "story.txt"), "A headline\n\nA paragraph.\n");
    const busyUntil = performance.now() + 150;
    while (performance.now() < busyUntil) {
      // busy
    }
    await untilQuiet(() => lastChange, new Promise<void>(() => {}));
    expect([...seen].sort()).toEqual(["story.json", "story.txt"]);
  } finally {
    watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
});
