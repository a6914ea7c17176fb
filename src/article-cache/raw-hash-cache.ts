// The raw hash cache (issue 6): rawSha256 of each content/raw file and its sidecar, kept in
// <content>/.broadsheet/raw-hashes.v8 beside the article parse cache, so that a build does not read and hash
// every raw file to learn that none changed. An entry counts only while both stat signatures (size, mtime,
// ctime, inode) are the ones recorded and it is not racy: the rule of the article parse cache (StoredEntry.racy),
// so a same-size edit that reuses the mtime is still seen through the ctime. Anything else means reading and
// hashing, never a failed build. One small record per raw file, never their bytes (#6).

import { statSync, type BigIntStats } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import createDebug from "debug";
import type { RawFile } from "../cli/read-content-folder.ts";
import { rawSha256, type IngestInput } from "../ingest/index.ts";
import { fileSignature, isRacy, readStableBytes, sameSignature, type FileSignature } from "./read-stable-text.ts";

const debug = createDebug("broadsheet:cache");
/** Bump when the hash changes meaning (ingest's rawSha256): entries of another format are ignored. */
const FORMAT = "raw-hashes 1";
/** Where the cache lives, relative to the content folder. */
export const RAW_HASH_CACHE_FILE = ".broadsheet/raw-hashes.v8";

interface Entry {
  readonly signature: FileSignature;
  readonly sidecar: FileSignature | null;
  readonly sha256: string;
  readonly racy: boolean;
}

export interface RawHashCacheOptions {
  /** false reads and hashes every file and keeps nothing (default: true). */
  readonly enabled?: boolean;
  /** See ArticleParseCacheOptions.racyWindowMs (default: 2000). */
  readonly racyWindowMs?: number;
}

export class RawHashCache {
  /** Files answered from the cache, and files read. */
  readonly counts = { cached: 0, read: 0 };
  readonly #root: string;
  /** #root with its separator: a relative path appended is the file. */
  readonly #rootPrefix: string;
  readonly #file: string;
  readonly #entries: Map<string, Entry>;
  readonly #enabled: boolean;
  readonly #racyWindowMs: number;
  #changed = false;
  /** Files whose entry was checked against the file (or made from it) since the last startBuild(). */
  #checked = new Set<string>();
  /** Files whose entry was checked in the build before, and which `#unchanged` vouches for: taken without a stat. */
  #trusted: ReadonlySet<string> = new Set();
  #unchanged: (file: string) => boolean = () => false;

  private constructor(root: string, contentDir: string, entries: Map<string, Entry>, options: Readonly<RawHashCacheOptions>) {
    this.#root = root;
    this.#rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
    this.#file = path.join(contentDir, RAW_HASH_CACHE_FILE);
    this.#entries = entries;
    this.#enabled = options.enabled ?? true;
    this.#racyWindowMs = options.racyWindowMs ?? 2_000;
  }

  /** The cache of `contentDir`, reading raw files under `root` (the content folder with symlinks resolved). */
  static async open(root: string, contentDir: string, options: Readonly<RawHashCacheOptions> = {}): Promise<RawHashCache> {
    let entries = new Map<string, Entry>();
    if (options.enabled ?? true) {
      try {
        const stored = deserialize(await readFile(path.join(contentDir, RAW_HASH_CACHE_FILE))) as { format?: unknown; entries?: unknown };
        if (stored.format === FORMAT && stored.entries instanceof Map) entries = stored.entries as Map<string, Entry>;
      } catch {
        // No cache yet, or one this version cannot read: every file is hashed.
      }
    }
    return new RawHashCache(root, contentDir, entries, options);
  }

  /**
   * Starts a build of a process that keeps this cache open from one build to the next (build --watch). Given
   * `unchanged` — a watcher saw no change to the file (or its sidecar) since the last build began — an entry
   * that build checked still holds without a stat: 20,000 stats at 10,000 articles (#6). Without it, every
   * entry is checked.
   */
  startBuild(unchanged?: (file: string) => boolean): void {
    this.#trusted = unchanged ? this.#checked : new Set();
    this.#unchanged = unchanged ?? (() => false);
    this.#checked = new Set();
    this.counts.cached = 0;
    this.counts.read = 0;
  }

  /** rawSha256 of each file, in order: from the cache while both signatures hold, otherwise read and hashed. */
  hash(files: readonly RawFile[]): string[] {
    const hashes: string[] = [];
    const unknown: number[] = [];
    files.forEach((f, i) => {
      const entry = this.#enabled ? this.#entries.get(f.file) : undefined;
      if (entry && !entry.racy && (this.#vouched(f, entry) || this.#holds(f, entry))) {
        this.counts.cached++;
        this.#checked.add(f.file);
        hashes[i] = entry.sha256;
      } else unknown.push(i);
    });
    const read = this.read(unknown.map((i) => files[i]!));
    unknown.forEach((fileIndex, i) => (hashes[fileIndex] = rawSha256(read[i]!)));
    return hashes;
  }

  /**
   * The bytes of each file and its sidecar, in order; their hash is noted when the signatures taken around the
   * read agree. Throws the read error of a file that cannot be read.
   */
  read(files: readonly RawFile[]): IngestInput[] {
    return files.map(({ file, sidecar }) => {
      this.counts.read++;
      const startedAt = Date.now();
      const text = readStableBytes(path.join(this.#root, file));
      const side = sidecar === undefined ? undefined : readStableBytes(path.join(this.#root, sidecar));
      const input: IngestInput = { file, bytes: text.bytes, ...(side && sidecar !== undefined ? { sidecar: { file: sidecar, bytes: side.bytes } } : {}) };
      if (this.#enabled && text.signature && (!side || side.signature)) {
        const since = startedAt - this.#racyWindowMs;
        const racy = isRacy(text.signature, since) || (side?.signature !== undefined && isRacy(side.signature, since));
        const entry = { signature: text.signature, sidecar: side?.signature ?? null, sha256: rawSha256(input), racy };
        // An entry that only stopped being racy is not worth a write of its own (a build that changes nothing
        // writes nothing, #2); it goes along with the next write.
        this.#changed ||= !sameEntry(this.#entries.get(file), entry);
        this.#entries.set(file, entry);
        this.#checked.add(file);
      }
      return input;
    });
  }

  /** Writes the cache when it changed, keeping only the files `keep` names (those still in content/raw). */
  async save(keep: ReadonlySet<string>): Promise<void> {
    if (!this.#enabled) return;
    for (const name of this.#entries.keys()) {
      if (!keep.has(name)) {
        this.#entries.delete(name);
        this.#changed = true;
      }
    }
    if (!this.#changed) return;
    const tmp = `${this.#file}.tmp-${process.pid}`;
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      // Beside, then rename: a killed build leaves the old cache or the new one.
      await writeFile(tmp, serialize({ format: FORMAT, entries: this.#entries }));
      await rename(tmp, this.#file);
      this.#changed = false;
    } catch (error) {
      // A cache that cannot be written only costs hashing next time.
      debug("could not write %s (%s)", this.#file, (error as Error).message);
      await rm(tmp, { force: true }).catch(() => {});
    }
  }

  /** Whether the entry of a file checked in the build before holds because the watcher saw neither it nor its sidecar change. */
  #vouched(f: RawFile, entry: Entry): boolean {
    if (!this.#trusted.has(f.file) || !this.#unchanged(f.file)) return false;
    return f.sidecar === undefined ? entry.sidecar === null : entry.sidecar !== null && this.#unchanged(f.sidecar);
  }

  // A stat is a few microseconds synchronously, several times that through the thread pool: 20,000 per build.
  // The files are normalised paths relative to the root (read-content-folder.ts), so they are joined by hand,
  // without path.join's normalising (#6).
  #holds(f: RawFile, entry: Entry): boolean {
    const now = stat(this.#rootPrefix + f.file);
    if (!now || !sameSignature(entry.signature, now)) return false;
    if (f.sidecar === undefined || entry.sidecar === null) return f.sidecar === undefined && entry.sidecar === null;
    const side = stat(this.#rootPrefix + f.sidecar);
    return side !== undefined && sameSignature(entry.sidecar, side);
  }
}

function stat(file: string): FileSignature | undefined {
  const stats: BigIntStats | undefined = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats && fileSignature(stats);
}

function sameEntry(a: Entry | undefined, b: Entry): boolean {
  if (!a || a.sha256 !== b.sha256 || !sameSignature(a.signature, b.signature)) return false;
  return a.sidecar === null || b.sidecar === null ? a.sidecar === b.sidecar : sameSignature(a.sidecar, b.sidecar);
}
