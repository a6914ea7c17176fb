// The files under a folder of the output. Synchronous: Node 20's asynchronous recursive readdir took 1.1–1.4 s
// over the 26,000 files of a 10,000-article site, readdirSync 0.17–0.19 s (#6).

import { readdirSync } from "node:fs";
import path from "node:path";

/** Files under root/sub (all of root by default), as "/"-separated paths relative to root. */
export function filesUnder(root: string, sub = ""): string[] {
  return readdirSync(path.join(root, sub), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** How many files are under `dir`. */
export function countFilesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
