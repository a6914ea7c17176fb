#!/usr/bin/env -S node --max-semi-space-size=64
// The larger young generation (as in package.json's scripts) promotes less of a build's short-lived data:
// one edit of 10,000 articles took about 1 s less (#6).
// A build's sync worker starts first, from its compiled bundle, while tsx and the CLI load (#6).
import { startSyncEarly, stopUnadoptedSync } from "../src/cli/early-sync.js";

startSyncEarly(process.argv.slice(2));
// Node 20 cannot load TypeScript by itself: register tsx, then hand over to the CLI.
const { register } = await import("tsx/esm/api");
register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
await stopUnadoptedSync();
