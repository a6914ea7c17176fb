// Reads a file together with the stat signature that describes exactly the text read. A signature taken
// before and after the read that differ mean the file changed while being read: no signature then, so
// nothing is cached for it (a cached parse must never stand for bytes other than the ones parsed).

import type { BigIntStats } from "node:fs";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";

/** What a stat says about a file: while none of it changes, neither do the file's bytes (but see racy). */
export interface FileSignature {
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
  readonly ino: bigint;
}

export function fileSignature(stats: BigIntStats): FileSignature {
  return { size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs, ino: stats.ino };
}

export function sameSignature(a: FileSignature, b: FileSignature): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;
}

/** True when the file changed after `since` (ms since the epoch). */
export function isRacy(signature: FileSignature, since: number): boolean {
  const newest = signature.mtimeNs > signature.ctimeNs ? signature.mtimeNs : signature.ctimeNs;
  return Number(newest / 1_000_000n) >= since;
}

export async function readStableText(file: string): Promise<{ readonly text: string; readonly signature: FileSignature | undefined }> {
  const handle = await open(file, "r");
  try {
    const before = fileSignature(await handle.stat({ bigint: true }));
    const text = await handle.readFile("utf8");
    const after = fileSignature(await handle.stat({ bigint: true }));
    return { text, signature: sameSignature(before, after) ? after : undefined };
  } finally {
    await handle.close();
  }
}

/** readStableText's bytes, read synchronously: a small file costs less so than through the thread pool. */
export function readStableBytes(file: string): { readonly bytes: Buffer; readonly signature: FileSignature | undefined } {
  const fd = openSync(file, "r");
  try {
    const before = fileSignature(fstatSync(fd, { bigint: true }));
    const bytes = readFileSync(fd);
    const after = fileSignature(fstatSync(fd, { bigint: true }));
    return { bytes, signature: sameSignature(before, after) ? after : undefined };
  } finally {
    closeSync(fd);
  }
}
