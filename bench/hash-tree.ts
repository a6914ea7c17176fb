// sha256 of every file under a folder, by relative path: two builds are byte-identical when these match (#6).

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { filesUnder } from "../src/cli/files-under.ts";

export async function hashTree(dir: string): Promise<Map<string, string>> {
  const files = filesUnder(dir).sort();
  const hashes = new Map<string, string>();
  for (const file of files) hashes.set(file, createHash("sha256").update(await readFile(path.join(dir, file))).digest("hex"));
  return hashes;
}

export interface TreeDiff {
  readonly identical: boolean;
  readonly files: number;
  readonly changed: readonly string[];
  readonly onlyInFirst: readonly string[];
  readonly onlyInSecond: readonly string[];
}

export function diffTrees(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): TreeDiff {
  const changed = [...a].filter(([f, h]) => b.has(f) && b.get(f) !== h).map(([f]) => f);
  const onlyInFirst = [...a.keys()].filter((f) => !b.has(f));
  const onlyInSecond = [...b.keys()].filter((f) => !a.has(f));
  return {
    identical: changed.length === 0 && onlyInFirst.length === 0 && onlyInSecond.length === 0,
    files: a.size,
    changed,
    onlyInFirst,
    onlyInSecond,
  };
}
