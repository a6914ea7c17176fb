// Child-process entry of one step of a sharded render (plain JS: Node 20 cannot start from .ts without
// a loader). It registers tsx, runs its step, and reports to the build over IPC. Started from its compiled
// bundle (src/compiled-entry.ts), register() does nothing: the TypeScript is compiled in.
//
// Started with WAIT_FOR_STEP instead of a step, it loads the renderer and waits for the step (and the
// environment to run it in) as its first message: a spare the build starts ahead (render-shards.ts). Given
// also a previous site's folder and a code fingerprint, it opens that site's archive core meanwhile. A spare
// that rendered a shard waits for the next one, with its code loaded and warm, until the build lets it go
// (disconnects); any other step ends its process, which gives its memory back.
import { register } from "tsx/esm/api";

register();
const { openPreviousRecord, runShardStep } = await import("./render-shard.ts");
const { WAIT_FOR_STEP } = await import("../site/shard-data.ts");
const sent = (message) => new Promise((resolve) => process.send(message, resolve));
if (process.argv[2] === WAIT_FOR_STEP) {
  const { preloadRenderer } = await import("./run-eleventy.ts");
  // A spare whose build is gone, or that the build let go, has nothing left to wait for.
  process.on("disconnect", () => process.exit(0));
  const early = {};
  const [out, code] = process.argv.slice(3);
  if (out !== undefined && code !== undefined) early.record = openPreviousRecord(out, code);
  preloadRenderer();
  for (;;) {
    const given = await new Promise((resolve) => process.once("message", resolve));
    Object.assign(process.env, given.env);
    const message = await runShardStep(given.step, early);
    await sent(message);
    if (!message.ok || given.step.step !== "render") process.exit(message.ok ? 0 : 1);
    // The shard's pages and data are garbage now: collected before the next shard's data is read, so that
    // the two are never held at once.
    globalThis.gc?.();
  }
} else {
  const message = await runShardStep(JSON.parse(process.argv[2]), {});
  await sent(message);
  process.exit(message.ok ? 0 : 1);
}
