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

export async function generatorFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of GENERATOR_DIRS) {
    const files = (await readdir(path.join(PROJECT_ROOT, dir), { recursive: true })).filter((f) => f.endsWith(".ts")).sort();
    for (const file of files) hash.update(`${dir}/${file}`).update(await readFile(path.join(PROJECT_ROOT, dir, file)));
  }
  // Versions of the data packages the extractor reads (name lists, gazetteers, compromise's lexicon).
  const lock = JSON.parse(await readFile(path.join(PROJECT_ROOT, "package-lock.json"), "utf8").catch(() => "{}")) as {
    packages?: Record<string, { version?: string }>;
  };
  const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    hash.update(`${name}@${lock.packages?.[`node_modules/${name}`]?.version ?? "?"}`);
  }
  return `${EXTRACTOR_VERSION}+${hash.digest("hex").slice(0, 12)}`;
}
