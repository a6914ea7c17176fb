#!/usr/bin/env -S node --max-semi-space-size=64
// The larger young generation (as in package.json's scripts) promotes less of a build's short-lived data:
// one edit of 10,000 articles took about 1 s less (#6).
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
