// Finds the raw articles and the Markdown articles of a content folder. Symlinks that leave the content
// folder are not followed (#7): a content folder must not be able to pull in /etc/passwd.

import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../types.ts";

export interface RawInput {
  /** Path relative to the content folder, with "/" ("raw/x.txt"). */
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly sidecar?: { readonly file: string; readonly bytes: Uint8Array };
}

export interface MarkdownInput {
  readonly file: string;
  readonly text: string;
}

export interface ContentFolder {
  readonly raw: RawInput[];
  readonly markdown: MarkdownInput[];
  readonly diagnostics: Diagnostic[];
}

export async function readContentFolder(contentDir: string, displayDir: string): Promise<ContentFolder> {
  const root = await realpath(contentDir);
  const diagnostics: Diagnostic[] = [];
  const show = (rel: string) => path.join(displayDir, rel);

  const rawNames = await listFiles(root, "raw", diagnostics, show);
  const rawSet = new Set(rawNames);
  const raw = await mapConcurrently(rawNames.filter((n) => n.endsWith(".txt")), async (rel): Promise<RawInput> => {
    const sidecarRel = rel.replace(/\.txt$/, ".json");
    const bytes = await readFile(path.join(root, rel));
    return {
      file: rel,
      bytes,
      ...(rawSet.has(sidecarRel) ? { sidecar: { file: sidecarRel, bytes: await readFile(path.join(root, sidecarRel)) } } : {}),
    };
  });

  const mdNames = (await listFiles(root, "articles", diagnostics, show)).filter((n) => n.endsWith(".md"));
  const markdown = await mapConcurrently(mdNames, async (rel): Promise<MarkdownInput> => ({ file: rel, text: await readFile(path.join(root, rel), "utf8") }));
  return { raw, markdown, diagnostics };
}

/** Regular files directly in `root/sub`, sorted, as "sub/name"; symlinks only when they stay inside root. */
async function listFiles(
  root: string,
  sub: string,
  diagnostics: Diagnostic[],
  show: (rel: string) => string,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(root, sub));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    const rel = `${sub}/${name}`;
    const full = path.join(root, rel);
    const stat = await lstat(full);
    if (stat.isSymbolicLink()) {
      const target = await realpath(full).catch(() => undefined);
      if (target === undefined || !(target === root || target.startsWith(root + path.sep))) {
        diagnostics.push({
          severity: "warning",
          file: show(rel),
          message: "is a symbolic link to a place outside the content folder, so it was not read",
          fix: "Copy the file into the content folder instead of linking to it.",
        });
        continue;
      }
      if (!(await lstat(target)).isFile()) continue;
    } else if (!stat.isFile()) continue;
    files.push(rel);
  }
  return files;
}

/** Like Promise.all over items.map(fn), with at most `limit` reads in flight; results keep the input order. */
async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
