// Which compiled bundle of an entry is current (src/compiled-entry.ts makes them). Plain JavaScript: the CLI's
// launcher (bin/broadsheet.js) asks it before tsx is loaded, to start the sync worker at once (#6).

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where bundles are kept. */
export const BUNDLE_CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/broadsheet/code/", import.meta.url));

/**
 * The files of an entry's bundles in `cacheDir`: its recipe (the sources it was made from, with their hash)
 * and, for a hash, the bundle.
 * @param {string} entry
 * @param {string} cacheDir
 */
export function bundleFiles(entry, cacheDir) {
  const name = `${path.basename(entry, path.extname(entry))}-${createHash("sha256").update(entry).digest("hex").slice(0, 8)}`;
  return {
    name,
    recipe: path.join(cacheDir, `${name}.json`),
    /** @param {string} hash */
    bundle: (hash) => path.join(cacheDir, `${name}-${hash.slice(0, 16)}.mjs`),
  };
}

/**
 * The bundle of `entry` made from the sources as they are now, or undefined.
 * @param {string} entry
 * @param {string} [cacheDir]
 * @returns {string | undefined}
 */
export function currentBundle(entry, cacheDir = BUNDLE_CACHE_DIR) {
  const files = bundleFiles(entry, cacheDir);
  const recipe = readRecipe(files.recipe);
  if (!recipe || hashSources(recipe.inputs, (file) => readFileSync(file)) !== recipe.hash) return undefined;
  const bundle = files.bundle(recipe.hash);
  return existsSync(bundle) ? bundle : undefined;
}

/**
 * @param {string} file
 * @returns {{ inputs: string[]; hash: string } | undefined}
 */
export function readRecipe(file) {
  try {
    const recipe = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(recipe.inputs) && typeof recipe.hash === "string" ? recipe : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hash of the sources' paths and contents; a source that cannot be read gives a hash no recipe holds.
 * @param {readonly string[]} files
 * @param {(file: string) => Uint8Array} contentOf
 * @param {string} [esbuildVersion]
 */
export function hashSources(files, contentOf, esbuildVersion = esbuildVersionOf()) {
  const hash = createHash("sha256").update(`esbuild ${esbuildVersion}\0`);
  for (const file of files) {
    try {
      hash.update(`${file}\0`).update(contentOf(file)).update("\0");
    } catch {
      return "unreadable";
    }
  }
  return hash.digest("hex");
}

/** @type {string | undefined} */
let installedEsbuild;
/** The installed esbuild's version, read once per process. */
export function esbuildVersionOf() {
  if (installedEsbuild === undefined) {
    try {
      const manifest = fileURLToPath(import.meta.resolve("esbuild/package.json"));
      installedEsbuild = JSON.parse(readFileSync(manifest, "utf8")).version;
    } catch {
      installedEsbuild = "none";
    }
  }
  return /** @type {string} */ (installedEsbuild);
}
