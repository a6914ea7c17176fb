import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Every regular file under `root`, as POSIX paths relative to it, sorted (symlinks are not followed). */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}
