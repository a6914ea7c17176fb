// The build manifest (#6): what the site in an output folder was built from. A build whose inputs give the same
// fingerprint keeps that site as it is (nothing rendered, nothing written, so a deploy uploads nothing), and the
// search index records its shards' page hashes so that a later build reuses the shards that did not change.
// It is kept beside the output, not in it (<dir>/.broadsheet/<out name>.json), so it is never deployed; it
// records the output folder's inode, so a folder replaced by other means is not mistaken for the one built.

import { createHash, type Hash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { mapFromText, mapToText } from "./string-map-file.ts";

const MANIFEST_VERSION = 3;

export interface SearchShard {
  /** Folder of the shard's Pagefind bundle, relative to the site ("pagefind", "pagefind/shard-2"). */
  readonly dir: string;
  /** sha256 over the paths and bytes of the pages the shard indexes. */
  readonly pagesSha256: string;
  readonly pages: number;
}

/** A bundle of pages indexed since the main search shards were written (index-search-shards.ts, updateSearchIndex). */
export interface SearchDelta {
  /** Folder of its bundle, relative to the site ("pagefind-delta"). */
  readonly dir: string;
  /** Article pages in the bundle, relative to the site ("articles/x/index.html"). */
  readonly pages: readonly string[];
  /** Pages whose results from the bundles before this one are out of date ("articles/x/"). */
  readonly stale: readonly string[];
}

export interface BuildManifest {
  readonly version: typeof MANIFEST_VERSION;
  /** sha256 over every input of the render stage (see fingerprintInputs). */
  readonly fingerprint: string;
  /** sha256 over the same inputs but the articles: while it holds, a page's digest decides its bytes. */
  readonly code: string;
  /** Files in the output folder. */
  readonly files: number;
  /** Inode of the output folder the manifest describes. */
  readonly folder?: number;
  readonly searchShards: readonly SearchShard[];
  /** The delta bundles, older first (at most two). */
  readonly searchDeltas?: readonly SearchDelta[];
}

export interface FingerprintOptions {
  readonly contentDir: string;
  /** Where templates/, public/, src/ and .eleventy.ts live. */
  readonly projectRoot: string;
  readonly pathPrefix: string;
  readonly search: boolean;
  /**
   * sha256 of the text of content/articles files, by path relative to the content folder ("articles/x.md"),
   * as the article parse cache already knows them: reading and hashing 10,000 files took 3 s of a one-edit
   * build (#6). Files missing from it are read.
   */
  readonly articleTextHashes?: ReadonlyMap<string, string>;
}

export interface Fingerprints {
  /** Every input. */
  readonly all: string;
  /** Every input but content/articles. */
  readonly code: string;
}

/**
 * Hashes what Eleventy and Pagefind read: the content folder except raw/ (ingest has already turned it into
 * articles/), the code and templates that render it, the locked dependency versions, and the build options.
 * `code` is fingerprintCode's result when the caller started it earlier.
 */
export async function fingerprintInputs(options: FingerprintOptions, code: Promise<string> = fingerprintCode(options)): Promise<Fingerprints> {
  const articles = createHash("sha256");
  for (const rel of await listFiles(path.join(options.contentDir, "articles"), hidden)) {
    if (hidden(rel)) continue;
    const file = `articles/${rel}`;
    const known = options.articleTextHashes?.get(file);
    const hash = known === undefined ? createHash("sha256").update(await readFile(path.join(options.contentDir, file))).digest("hex") : `text:${known}`;
    articles.update(`\ncontent/${file}\0${hash}`);
  }
  const codeDigest = await code;
  return { all: createHash("sha256").update(`${codeDigest}\n${articles.digest("hex")}`).digest("hex"), code: codeDigest };
}

/**
 * The `code` part of fingerprintInputs: every input but content/articles. The sync stage writes none of
 * it, so a build computes it while that stage runs (#6: 0.2–0.5 s of a build where nothing changed).
 */
export async function fingerprintCode(options: Omit<FingerprintOptions, "articleTextHashes">): Promise<string> {
  const code = createHash("sha256");
  code.update(JSON.stringify({ version: MANIFEST_VERSION, pathPrefix: options.pathPrefix, search: options.search }));
  // Read at every build: the site's settings and editorial files, and public/, which a build copies from disk.
  await hashFiles(code, options.contentDir, "content", hidden, (rel) => hidden(rel) || rel === "raw" || rel === "articles");
  await hashFiles(code, path.join(options.projectRoot, "public"), "public", hidden);
  code.update(`\n${await loadedCode(options.projectRoot)}`);
  return code.digest("hex");
}

/**
 * The code that renders — templates, sources, Eleventy's configuration, the locked dependencies — hashed once
 * per process: a process loads its modules once, so a process that builds again (build --watch, serve)
 * renders every build with the code it started with. Hashing the files anew would record an edit made since
 * as built, and the site would keep the old code's pages after a restart (#6).
 */
export function loadedCode(projectRoot: string): Promise<string> {
  let digest = loadedCodeDigests.get(projectRoot);
  if (!digest) {
    digest = (async () => {
      const code = createHash("sha256");
      for (const dir of ["templates", "src"]) await hashFiles(code, path.join(projectRoot, dir), dir, hidden);
      for (const file of [".eleventy.ts", "package-lock.json"]) {
        const bytes = await readFile(path.join(projectRoot, file)).catch(() => undefined);
        if (bytes) code.update(`\n${file}\0${createHash("sha256").update(bytes).digest("hex")}`);
      }
      return code.digest("hex");
    })();
    loadedCodeDigests.set(projectRoot, digest);
    digest.catch(() => loadedCodeDigests.delete(projectRoot));
  }
  return digest;
}

const loadedCodeDigests = new Map<string, Promise<string>>();

/** Each file under `root` (but those `skip` names), as its path under `label` and the sha256 of its bytes. */
async function hashFiles(code: Hash, root: string, label: string, skip: (rel: string) => boolean, prune?: (rel: string) => boolean): Promise<void> {
  for (const rel of await listFiles(root, prune)) {
    if (skip(rel)) continue;
    // Synchronous: a few hundred small files, each awaited read a round trip through the thread pool.
    code.update(`\n${label}/${rel}\0${createHash("sha256").update(readFileSync(path.join(root, rel))).digest("hex")}`);
  }
}

const hidden = (rel: string) => rel.split("/").some((part) => part.startsWith("."));

/** Where the manifest of the output folder `out` is kept. */
export function manifestPathFor(out: string): string {
  return path.join(path.dirname(out), ".broadsheet", `${path.basename(out)}.json`);
}

/** The manifest of the site in `out`, or undefined when there is none, it is from another version, or `out` is another folder. */
export async function readBuildManifest(out: string): Promise<BuildManifest | undefined> {
  try {
    const data = JSON.parse(await readFile(manifestPathFor(out), "utf8")) as Partial<BuildManifest>;
    if (data.version !== MANIFEST_VERSION || typeof data.fingerprint !== "string" || typeof data.code !== "string" || !Array.isArray(data.searchShards)) return undefined;
    if (data.folder !== (await stat(out)).ino) return undefined;
    return data as BuildManifest;
  } catch {
    return undefined;
  }
}

/** Records the manifest of the site now in `out` (call it once the site is in place). */
export async function writeBuildManifest(out: string, manifest: BuildManifest): Promise<void> {
  const file = manifestPathFor(out);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...manifest, folder: (await stat(out)).ino }, null, 1)}\n`);
}

/** Forgets the manifest of `out` (before its site is replaced, so that a build cut short leaves none). */
export async function removeBuildManifest(out: string): Promise<void> {
  await rm(manifestPathFor(out), { force: true });
  await rm(pageDigestsPathFor(out), { force: true });
  await rm(archiveCorePathFor(out), { force: true });
}

/** Where the page digests of the site in `out` are kept (beside its manifest). */
function pageDigestsPathFor(out: string): string {
  return manifestPathFor(out).replace(/\.json$/, ".pages.json");
}

/** The page digests recorded for `out`, if its manifest is valid (readBuildManifest) and they were recorded. */
export async function readPageDigests(out: string): Promise<Map<string, string> | undefined> {
  const text = await readFile(pageDigestsPathFor(out), "utf8").catch(() => undefined);
  return text === undefined ? undefined : mapFromText(text);
}

/** Where the archive core of the site in `out` is kept (src/archive/archive-core.ts, v8-serialised). */
function archiveCorePathFor(out: string): string {
  return manifestPathFor(out).replace(/\.json$/, ".core.v8");
}

/** The page digests and archive core of a site, written under temporary names until `place`. */
export interface StagedRecord {
  /** Puts them in place of the ones recorded for `out` (the site being in place), before its manifest. */
  place(): Promise<void>;
  /** Drops them (the site was not replaced). */
  discard(): Promise<void>;
}

/**
 * Starts writing the digest of every page (page-digests.ts) and the archive core (or, without one, forgets the
 * old) of the site that is to be in `out`: a one-off build stages them while its search index is updated, so
 * that only two renames are left after its site is in place (#6).
 */
export function stageRecord(out: string, digests: ReadonlyMap<string, string>, core: CoreRecord | undefined): StagedRecord {
  const pages = pageDigestsPathFor(out);
  const coreFile = archiveCorePathFor(out);
  const tmp = (file: string) => `${file}.tmp-${process.pid}`;
  if (core && "file" in core) {
    // Taken at once: the file is in a folder its maker removes when the build ends (render-shards.ts).
    mkdirSync(path.dirname(pages), { recursive: true });
    moveFile(core.file, tmp(coreFile));
  }
  const text = mapToText(digests);
  const written = (async () => {
    await mkdir(path.dirname(pages), { recursive: true });
    await Promise.all([writeFile(tmp(pages), text), core && !("file" in core) && writeFile(tmp(coreFile), core)]);
  })();
  written.catch(() => {}); // awaited by place or discard
  return {
    async place() {
      await written;
      await rename(tmp(pages), pages);
      await (core ? rename(tmp(coreFile), coreFile) : rm(coreFile, { force: true }));
    },
    async discard() {
      await written.catch(() => {});
      await Promise.all([rm(tmp(pages), { force: true }), rm(tmp(coreFile), { force: true })]);
    },
  };
}

/**
 * An archive core to record: its encoded parts (encodeArchiveCore), or a file that holds them, which
 * stageRecord moves (at 100,000 articles ~0.6 GB that the build's process need not read).
 */
export type CoreRecord = readonly Uint8Array[] | { readonly file: string };

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    // The temporary folder is on another file system.
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

/** The archive core recorded for `out`, as bytes, if there is one. */
export async function readArchiveCore(out: string): Promise<Buffer | undefined> {
  return readFile(archiveCorePathFor(out)).catch(() => undefined);
}

/**
 * Regular files under `root`, as sorted "/"-separated relative paths; none when root is missing. Folders
 * `prune` names (by relative path) are not entered: content/raw and content/articles hold 20,000 files at
 * 10,000 articles, which the code fingerprint does not read (#6).
 */
async function listFiles(root: string, prune: (rel: string) => boolean = () => false): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const rel = prefix + e.name;
      if (e.isDirectory()) {
        if (!prune(rel)) await walk(path.join(dir, e.name), `${rel}/`);
      } else if (e.isFile()) files.push(rel);
    }
  };
  await walk(root, "");
  return files.sort();
}
