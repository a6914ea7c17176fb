// A build that cannot finish leaves the previous output exactly as it was (#7): the site is written to a
// sibling temporary folder and swapped in with two renames only once everything succeeded. An incremental
// build (#6) writes only the pages that change into that folder and then moves them in one by one, keeping
// what they replace in an undo folder with a journal, so that a build killed mid-way is rolled back.

import { existsSync, mkdirSync, renameSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import createDebug from "debug";
import { filesUnder } from "./files-under.ts";

const debug = createDebug("broadsheet:output");

const TMP = ".tmp-";
const OLD = ".old-";
const UNDO = ".undo-";
const JOURNAL = ".journal.json";

/** What a writer asks to run around the swap (the build manifest is dropped before it and written after it). */
export interface SwapHooks {
  readonly before?: () => Promise<void>;
  readonly after?: () => Promise<void>;
}

export interface SwapOptions {
  /**
   * Given, the work after the commit point (the `after` hook, removing what the swap replaced) is handed to it
   * instead of awaited: the new site already stands, and a process that builds again (build --watch) reports
   * it at once and finishes that work before its next build (#6). Its promise is handed over unhandled.
   */
  readonly defer?: (tail: Promise<void>) => void;
}

/** Removes what a killed build left behind, and restores the last good site if a swap was cut short. */
export async function recoverInterruptedBuild(out: string): Promise<void> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(base + UNDO)) await rollBack(out, path.join(dir, name));
  }
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
 * Runs `write(tmpDir)`, then puts tmpDir in place of `out`, with the hooks `write` returned around the swap.
 * On any failure `out` is untouched; a build killed mid-way leaves only the temporary folder, which the next
 * build removes.
 */
export async function writeSiteAtomically(out: string, write: (tmpDir: string) => Promise<SwapHooks | void>, options: SwapOptions = {}): Promise<void> {
  await recoverInterruptedBuild(out);
  const tmp = `${out}${TMP}${process.pid}`;
  let hooks: SwapHooks | void;
  try {
    hooks = await write(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    // Eleventy rejects on its first error while other page writes are still in flight and may
    // recreate the folder: remove it until it stays gone (on a loaded machine they take a while).
    for (let quiet = 0, checks = 0; quiet < 2 && checks < 20; checks++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!(await stat(tmp).then(() => true, () => false))) quiet++;
      else {
        quiet = 0;
        await rm(tmp, { recursive: true, force: true });
      }
    }
    throw error;
  }
  await hooks?.before?.();
  const old = `${out}${OLD}${process.pid}`;
  const hadOut = await stat(out).then(() => true, () => false);
  if (hadOut) await rename(out, old);
  await rename(tmp, out);
  await finish(options, async () => {
    await hooks?.after?.();
    if (hadOut) await rm(old, { recursive: true, force: true });
  });
}

/** Runs the work after a commit point, or hands it to options.defer. */
async function finish(options: SwapOptions, tail: () => Promise<void>): Promise<void> {
  // Deferred, it starts once the build has reported its site: its first steps are synchronous (an archive
  // core encoded, 0.3 s at 10,000 articles), and run at once they held back the report (#6).
  if (options.defer) options.defer(new Promise<void>((resolve) => setImmediate(resolve)).then(tail));
  else await tail();
}

export interface SitePatch extends SwapHooks {
  /** Paths in the output folder to delete (files, or whole search bundles), relative to it. */
  readonly remove: readonly string[];
  /** Top-level folders of the staging folder that replace their namesake as a whole (search bundles); its other files replace files one by one. */
  readonly wholeFolders: (name: string) => boolean;
}

interface Journal {
  /** Relative paths moved from the staging folder into the output folder (files or whole folders). */
  readonly put: readonly string[];
  readonly remove: readonly string[];
  readonly staging: string;
  /**
   * The undo folder keeps what the k-th path of put and remove replaced as a file named k, not at its path:
   * no folder to make per page (~45 ms of a 200-page patch, #6). Absent in journals of earlier versions.
   */
  readonly flat?: true;
}

/**
 * Runs `write(stagingDir)`, which writes only what changes and says what to delete (or returns undefined to
 * give up: nothing changes, and false is returned), then applies that to `out`: each path is moved in with a rename, what it replaces is kept in an undo folder until the end,
 * and a journal written first lets recoverInterruptedBuild undo a patch that was cut short. On a failure
 * in `write`, `out` is untouched. The patch's hooks run as for writeSiteAtomically.
 */
export async function patchSiteAtomically(out: string, write: (stagingDir: string) => Promise<SitePatch | undefined>, options: SwapOptions = {}): Promise<boolean> {
  await recoverInterruptedBuild(out);
  const staging = `${out}${TMP}${process.pid}`;
  let patch: SitePatch | undefined;
  try {
    await mkdir(staging, { recursive: true });
    patch = await write(staging);
  } finally {
    if (!patch) await rm(staging, { recursive: true, force: true });
  }
  if (!patch) return false;
  const started = performance.now();
  const put: string[] = [];
  for (const entry of await readdir(staging, { withFileTypes: true })) {
    if (entry.isDirectory() && patch.wholeFolders(entry.name)) put.push(entry.name);
    else if (entry.isDirectory()) put.push(...filesUnder(staging, entry.name));
    else put.push(entry.name);
  }
  await patch.before?.();
  const undo = `${out}${UNDO}${process.pid}`;
  await mkdir(undo, { recursive: true });
  const journal: Journal = { put, remove: patch.remove, staging: path.basename(staging), flat: true };
  await writeFile(path.join(undo, JOURNAL), JSON.stringify(journal));
  try {
    // Synchronous: each move is a few quick system calls, and through the thread pool their round trips
    // cost more than the calls (a patch of 400 files: 96–154 → 43–72 ms, #6).
    const folders = new Set<string>();
    put.forEach((rel, k) => {
      const target = path.join(out, rel);
      // A page replaced: its folder is there.
      if (moveIfPresent(target, path.join(undo, String(k)))) folders.add(path.dirname(target));
      else makeFolder(path.dirname(target), folders);
      renameSync(path.join(staging, rel), target);
    });
    patch.remove.forEach((rel, k) => moveIfPresent(path.join(out, rel), path.join(undo, String(put.length + k))));
  } catch (error) {
    await rollBack(out, undo);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // Committed: from here on the new site stands even if the clean-up below is cut short.
  await rm(path.join(undo, JOURNAL));
  const committed = performance.now();
  debug("patch of %d paths committed in %dms", put.length, Math.round(committed - started));
  await finish(options, async () => {
    await patch.after?.();
    await rm(undo, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
    for (const rel of patch.remove) await removeEmptyParents(out, rel);
    debug("patch recorded and cleaned up in %dms", Math.round(performance.now() - committed));
  });
  return true;
}

/** Undoes a patch that did not reach its commit point; drops the undo folder of one that did. */
async function rollBack(out: string, undo: string): Promise<void> {
  let journal: Journal | undefined;
  try {
    journal = JSON.parse(await readFile(path.join(undo, JOURNAL), "utf8")) as Journal;
  } catch {
    journal = undefined; // no journal: the patch was committed
  }
  if (journal) {
    const staging = path.join(path.dirname(out), journal.staging);
    const flat = journal.flat === true;
    for (const [k, rel] of [...journal.put, ...journal.remove].entries()) {
      const saved = path.join(undo, flat ? String(k) : rel);
      if (await exists(saved)) {
        await rm(path.join(out, rel), { recursive: true, force: true });
        await rename(saved, path.join(out, rel));
      } else if (journal.put.includes(rel) && !(await exists(path.join(staging, rel)))) {
        // It was new, and moved in: take it out again.
        await rm(path.join(out, rel), { recursive: true, force: true });
        await removeEmptyParents(out, rel);
      }
    }
  }
  await rm(undo, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Moves `from` to `to` (in an existing folder) when it is there; whether it was. */
function moveIfPresent(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  renameSync(from, to);
  return true;
}

function makeFolder(folder: string, folders: Set<string>): void {
  if (folders.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  folders.add(folder);
}

/** Removes the folders above root/rel that the removal left empty. */
async function removeEmptyParents(root: string, rel: string): Promise<void> {
  let dir = path.dirname(rel);
  while (dir !== "." && dir !== "/" && dir !== "") {
    try {
      await rmdir(path.join(root, dir));
    } catch {
      return; // not empty (or gone): stop
    }
    dir = path.dirname(dir);
  }
}
