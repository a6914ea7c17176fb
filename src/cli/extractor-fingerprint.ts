// The cache key of enrichment: the extractor's declared version plus a hash of its code and of the
// gazetteers it loads, so a change to src/enrich re-enriches every article even if nobody bumped
// EXTRACTOR_VERSION (stale entities would otherwise survive in front matter indefinitely).

import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXTRACTOR_VERSION } from "../enrich/extractor-version.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export async function extractorFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const enrichDir = path.join(PROJECT_ROOT, "src/enrich");
  const files = (await readdir(enrichDir, { recursive: true })).filter((f) => f.endsWith(".ts")).sort();
  for (const file of files) hash.update(file).update(await readFile(path.join(enrichDir, file)));
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
