// The version key of the article parse cache: a cached parse is only as good as the code that made it, so
// the key hashes that code — src/front-matter (parser and schema), src/errors.ts (how a problem is worded),
// this folder (the cache's format and workers) — and package-lock.json (gray-matter, js-yaml, zod). Any
// change to them invalidates every entry; FORMAT is for changes the hash cannot see.

import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FORMAT = 1;
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = ["src/front-matter", "src/article-cache", "src/errors.ts", "package-lock.json"];

/**
 * undefined when the sources cannot be read (an unusual install): the cache is then not used. Read once per
 * process: the key is that of the code the process runs, which it loaded once (#6).
 */
export function articleCacheKey(): Promise<string | undefined> {
  return (key ??= keyOfSources());
}

let key: Promise<string | undefined> | undefined;

async function keyOfSources(): Promise<string | undefined> {
  try {
    const hash = createHash("sha256").update(`article-cache ${FORMAT}`);
    for (const source of SOURCES) {
      const full = path.join(PROJECT_ROOT, source);
      const files = source.includes(".")
        ? [""]
        : (await readdir(full, { recursive: true })).filter((f) => /\.(ts|js)$/.test(f)).sort();
      for (const file of files) hash.update(`\0${source}/${file}\0`).update(await readFile(path.join(full, file)));
    }
    return `${FORMAT}-${hash.digest("hex").slice(0, 24)}`;
  } catch {
    return undefined;
  }
}
