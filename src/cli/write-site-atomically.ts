// A build that cannot finish leaves the previous output exactly as it was (#7): the site is written to a
// sibling temporary folder and swapped in with two renames only once everything succeeded.

import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

const TMP = ".tmp-";
const OLD = ".old-";

/** Removes what a killed build left behind, and restores the last good site if a swap was cut short. */
export async function recoverInterruptedBuild(out: string): Promise<void> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  const siblings = await readdir(dir).catch(() => [] as string[]);
  const outExists = await stat(out).then(() => true, () => false);
  for (const name of siblings) {
    if (name.startsWith(base + TMP)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  const old = siblings.filter((n) => n.startsWith(base + OLD)).sort();
  if (!outExists && old.length > 0) await rename(path.join(dir, old[old.length - 1]!), out);
  for (const name of await readdir(dir)) {
    if (name.startsWith(base + OLD)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Runs `write(tmpDir)`, then puts tmpDir in place of `out`. On any failure `out` is untouched; a build killed
 * mid-way leaves only the temporary folder, which the next build removes.
 */
export async function writeSiteAtomically(out: string, write: (tmpDir: string) => Promise<void>): Promise<void> {
  await recoverInterruptedBuild(out);
  const tmp = `${out}${TMP}${process.pid}`;
  try {
    await write(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    // Eleventy rejects on its first error while other page writes are still in flight and may
    // recreate the folder: remove it once more after they settle.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const old = `${out}${OLD}${process.pid}`;
  const hadOut = await stat(out).then(() => true, () => false);
  if (hadOut) await rename(out, old);
  await rename(tmp, out);
  if (hadOut) await rm(old, { recursive: true, force: true });
}
