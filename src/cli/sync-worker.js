// Worker-thread entry of the sync stage (plain JS: a worker cannot start from .ts on Node 20 without a
// loader). It registers tsx, runs the stage once and reports to the build (sync-in-worker.ts). Started from
// its compiled bundle (src/compiled-entry.ts), register() does nothing: the TypeScript is compiled in.
import { register } from "tsx/esm/api";

register();
const { serveSyncWorker } = await import("./sync-in-worker.ts");
await serveSyncWorker();
