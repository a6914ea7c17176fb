// An entry compiled once into one plain ES module (#6): each worker's (parse-worker.js, sync-worker.js, …),
// the CLI's (bin/broadsheet.js) and .eleventy.ts (run-eleventy.ts). Node 20 cannot load TypeScript by
// itself, and through tsx every module is resolved and compiled on its loader's thread: ~0.5 s before a
// worker does any work, ~0.75 s of a one-edit build for the CLI. The bundle holds the entry's own code
// (packages stay imports), with the entry's own call to register tsx a no-op, and is reused while every
// file it was made from is unchanged. Anything that goes wrong only costs that start-up: the entry itself
// is used.

import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import createDebug from "debug";
import { BUNDLE_CACHE_DIR, bundleFiles, currentBundle, hashSources, type BundleRecipe } from "./bundle-recipe.js";

const debug = createDebug("broadsheet:compile");
const NO_LOADER = "broadsheet-no-loader";
/** A bundle replaced this long ago is removed by the next compile of its entry. */
const OLD_BUNDLE_MS = 10 * 60_000;
/** `import.meta.url` as code, not inside a string. */
const META_URL = /(?<![\w"'`.])import\.meta\.url(?![\w"'`])/g;

/** Bundles under way in this process: esbuild's service process is stopped when none is left. */
let bundling = 0;


/**
 * The URL to start `entry` from: its bundle, made now if no bundle matches the sources, or `entry` itself
 * when bundling fails. `cacheDir` is for tests.
 */
export async function compiledEntry(entry: URL, cacheDir: string = BUNDLE_CACHE_DIR): Promise<URL> {
  try {
    return pathToFileURL(await compile(fileURLToPath(entry), cacheDir));
  } catch (error) {
    debug("%s runs through tsx: %o", entry.pathname, error);
    return entry;
  }
}

async function compile(entry: string, cacheDir: string): Promise<string> {
  const current = currentBundle(entry, cacheDir);
  if (current) return current;
  const { name, recipe: recipeFile, bundle: bundleOf } = bundleFiles(entry, cacheDir);

  const started = performance.now();
  const { build, stop, version } = await import("esbuild");
  // The recipe hashes the bytes the bundle was made from, not the files as they are after it.
  const read = new Map<string, Buffer>();
  bundling++;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
    banner: { js: `// Compiled from ${path.basename(entry)} by src/compiled-entry.ts (esbuild ${version}); do not edit.` },
    plugins: [
      {
        name: "broadsheet-entry",
        setup(on) {
          // Inside the bundle everything is compiled already: the entry's own call to register tsx does
          // nothing. Other modules keep theirs (typescript-loader.js, for what loads TypeScript from source).
          on.onResolve({ filter: /^tsx\/esm\/api$/ }, ({ importer }) => (importer === entry ? { path: "tsx", namespace: NO_LOADER } : undefined));
          on.onLoad({ filter: /.*/, namespace: NO_LOADER }, () => ({ contents: "export function register() {}", loader: "js" }));
          // Each module keeps its own import.meta.url, so that the files it finds beside itself (workers,
          // data, the project root) are found from the bundle too.
          on.onLoad({ filter: /\.[jt]s$/ }, async ({ path: file }) => {
            const bytes = await readFile(file);
            read.set(file, bytes);
            const contents = bytes.toString("utf8").replace(META_URL, JSON.stringify(pathToFileURL(file).href));
            return { contents, loader: file.endsWith(".ts") ? "ts" : "js" };
          });
        },
      },
    ],
  }).finally(() => {
    // esbuild keeps a service process running until stopped: a long build must not carry it to the end.
    if (--bundling === 0) void stop();
  });
  const inputs = [...read.keys()].sort();
  const hash = hashSources(inputs, (file) => read.get(file)!, version);
  const bundle = bundleOf(hash);
  mkdirSync(cacheDir, { recursive: true });
  removeOldBundles(cacheDir, name, path.basename(bundle));
  writeAtomically(bundle, result.outputFiles[0]!.contents);
  writeAtomically(recipeFile, JSON.stringify({ inputs, hash } satisfies BundleRecipe));
  debug("%s compiled from %d files in %dms", path.basename(entry), inputs.length, Math.round(performance.now() - started));
  return bundle;
}

/**
 * Removes the entry's other bundles once they are old enough that no build still starts from them: another
 * process may be running one made from the sources as they were a moment ago.
 */
function removeOldBundles(cacheDir: string, name: string, keep: string): void {
  for (const file of readdirSync(cacheDir)) {
    if (file === keep || !file.startsWith(`${name}-`) || !file.endsWith(".mjs")) continue;
    const full = path.join(cacheDir, file);
    try {
      if (Date.now() - statSync(full).mtimeMs > OLD_BUNDLE_MS) rmSync(full, { force: true });
    } catch {
      // Gone already.
    }
  }
}

function writeAtomically(file: string, contents: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}
