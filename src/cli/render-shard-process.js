// Child-process entry of one step of a sharded render (plain JS: Node 20 cannot start from .ts without
// a loader). It registers tsx, runs its step, and reports to the build over IPC. Started from its compiled
// bundle (src/compiled-entry.ts), register() does nothing: the TypeScript is compiled in.
//
// Started with WAIT_FOR_STEP instead of a step, it loads the renderer and waits for the step (and the
// environment to run it in) as its first message: a spare the build starts ahead (render-shards.ts). Given
// also a previous site's folder and a code fingerprint, it opens that site's archive core meanwhile.
import { register } from "tsx/esm/api";

register();
const { openPreviousRecord, runShardStep } = await import("./render-shard.ts");
const { WAIT_FOR_STEP } = await import("../site/shard-data.ts");
let step;
const early = {};
if (process.argv[2] === WAIT_FOR_STEP) {
  const { preloadRenderer } = await import("./run-eleventy.ts");
  // A spare whose build is gone has nothing left to wait for.
  process.on("disconnect", () => process.exit(0));
  const [out, code] = process.argv.slice(3);
  if (out !== undefined && code !== undefined) early.record = openPreviousRecord(out, code);
  preloadRenderer();
  const given = await new Promise((resolve) => process.once("message", resolve));
  Object.assign(process.env, given.env);
  step = given.step;
} else {
  step = JSON.parse(process.argv[2]);
}
const message = await runShardStep(step, early);
process.send(message, () => process.exit(message.ok ? 0 : 1));
