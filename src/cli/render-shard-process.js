// Child-process entry of one render shard (plain JS: Node 20 cannot start from .ts without a loader).
// It registers tsx, renders its shard, and reports to the build over IPC.
import { register } from "tsx/esm/api";

register();
const { renderShard } = await import("./render-shard.ts");
const message = await renderShard(JSON.parse(process.argv[2]));
process.send(message, () => process.exit(message.ok ? 0 : 1));
