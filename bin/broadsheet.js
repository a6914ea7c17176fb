#!/usr/bin/env node
// Node's default young generation: a larger one (64 MiB semi-spaces, sessions 4–25) promoted less, but each
// page of memory a process first touches costs this kind of machine ~12 µs, and a one-off build touched
// 28,000 more of them: 0.4 s of 4.5 s at 10,000 articles; cold and watched builds the same either way (#6).
// A build's sync worker starts first, from its compiled bundle, while the CLI loads (#6).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import createDebug from "debug";
import { currentBundle } from "../src/bundle-recipe.js";
import { startSyncEarly, stopUnadoptedSync } from "../src/cli/early-sync.js";
import { useTypeScriptLoader } from "../src/typescript-loader.js";

// A reader that stops reading (`broadsheet build 2>&1 | head`) must not stop the build: what it would have
// read is dropped, and the build runs to its end and exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}
startSyncEarly(process.argv.slice(2));
// The CLI from its compiled bundle when one matches the sources (src/compiled-entry.ts): no tsx, whose
// loader took ~0.75 s of a one-edit build (#6). Otherwise from source through tsx (Node 20 cannot load
// TypeScript by itself), and the bundle is made meanwhile for the next run.
const entry = new URL("../src/cli/main.ts", import.meta.url);
const bundle = currentBundle(fileURLToPath(entry));
createDebug("broadsheet:compile")("the CLI starts from %s", bundle ? path.basename(bundle) : "its sources, through tsx");
let compiling;
let main;
if (bundle) ({ main } = await import(pathToFileURL(bundle).href));
else {
  await useTypeScriptLoader();
  ({ main } = await import("../src/cli/main.ts"));
  compiling = import("../src/compiled-entry.ts").then(({ compiledEntry }) => compiledEntry(entry)).catch(() => {});
}
process.exitCode = await main(process.argv.slice(2));
await Promise.all([stopUnadoptedSync(), compiling]);
