// A build that cannot finish leaves the previous output exactly as it was (#7): the site is written to a
// sibling temporary folder and swapped in with two renames only once everything succeeded.

import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

const TMP = ".tmp-";
const OLD = ".old-";

// While a write runs: its temporary folder → the output folder it will replace; the temporary folders whose
// writer found that output still right (#6: a build with nothing changed writes nothing); and what writers
// asked to run around the swap (the build manifest is dropped before it and written after it).
const targets = new Map<string, string>();
const kept = new Set<string>();
const swapHooks = new Map<string, SwapHooks>();

export interface SwapHooks {
  readonly before?: () => Promise<void>;
  readonly after?: () => Promise<void>;
}

/** The output folder that `tmp` will replace, while writeSiteAtomically is writing it. */
export function targetOfTemporary(tmp: string): string | undefined {
  return targets.get(tmp);
}

/** Tells writeSiteAtomically that the output folder is still right: `tmp` is dropped instead of swapped in. */
export function keepPreviousOutput(tmp: string): void {
  if (targets.has(tmp)) kept.add(tmp);
}

/** Runs `before` just before `tmp` replaces its output folder, and `after` once it has. */
export function whenSwapped(tmp: string, hooks: SwapHooks): void {
  if (targets.has(tmp)) swapHooks.set(tmp, hooks);
}

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
  targets.set(tmp, out);
  try {
    await write(tmp);
  } catch (error) {
    targets.delete(tmp);
    kept.delete(tmp);
    swapHooks.delete(tmp);
    await rm(tmp, { recursive: true, force: true });
    // Eleventy rejects on its first error while other page writes are still in flight and may
    // recreate the folder: remove it once more after they settle.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  targets.delete(tmp);
  const hooks = swapHooks.get(tmp);
  swapHooks.delete(tmp);
  if (kept.delete(tmp)) {
    await rm(tmp, { recursive: true, force: true });
    return;
  }
  await hooks?.before?.();
  const old = `${out}${OLD}${process.pid}`;
  const hadOut = await stat(out).then(() => true, () => false);
  if (hadOut) await rename(out, old);
  await rename(tmp, out);
  await hooks?.after?.();
  if (hadOut) await rm(old, { recursive: true, force: true });
}
