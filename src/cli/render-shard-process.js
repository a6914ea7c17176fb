// Child-process entry of one step of a sharded render (plain JS: Node 20 cannot start from .ts without
// a loader). It registers tsx, runs its step, and reports to the build over IPC. Started from its compiled
// bundle (src/compiled-entry.ts), register() does nothing: the TypeScript is compiled in.
import { register } from "tsx/esm/api";

register();
const { runShardStep } = await import("./render-shard.ts");
const message = await runShardStep(JSON.parse(process.argv[2]));
process.send(message, () => process.exit(message.ok ? 0 : 1));
