// One bucket file of the article parse cache: a header listing each entry's light facts and where its
// payload lies, then the payloads (v8-serialised front matter and body). A reader of light facts reads
// the header alone; a reader of whole articles reads the payloads it needs. Written to a temporary file
// and renamed, so a reader sees the old bucket or the new one, never a mix; a reader holds one file
// descriptor per bucket, so a rename under it does not change what it reads.
//
// Layout: "BSPC" | header length (u32 LE) | header checksum (u32 LE) | header | payloads.

import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstat as fstatCallback, fstatSync, openSync, read as readCallback, readSync } from "node:fs";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { deserialize, serialize } from "node:v8";
import zlib from "node:zlib";
import type { Diagnostic } from "../types.ts";
import { fileSignature, isRacy, sameSignature, type FileSignature } from "./read-stable-text.ts";

const MAGIC = Buffer.from("BSPC");
const fstat = promisify(fstatCallback);
const read = promisify(readCallback);
const PREAMBLE = 12;

/** A diagnostic without its file: the same entry serves readers that show paths differently. */
export type StoredDiagnostic = Omit<Diagnostic, "file">;

/** The light facts of an article file that parsed. */
export interface StoredFacts {
  readonly slug: string;
  readonly raw: string | undefined;
  readonly rawSha256: string | undefined;
  readonly extractor: string | undefined;
  readonly bodySha256: string | undefined;
  readonly generated: boolean;
  readonly diagnostics: readonly StoredDiagnostic[];
}

/** The FrontMatterError of an article file that did not parse, in the parts it is made from. */
export interface StoredProblem {
  readonly reason: string;
  readonly line?: number;
  readonly fix?: string;
}

export interface StoredEntry {
  /** File name in content/articles. */
  readonly name: string;
  readonly signature: FileSignature;
  /**
   * Changed so shortly before it was parsed that a same-size edit could leave its timestamps as they were
   * (file systems count time in ticks: 4 ms on Linux, 2 s on FAT): trusted only once its text hashes the same.
   */
  readonly racy: boolean;
  readonly textSha256: string;
  readonly facts?: StoredFacts;
  readonly problem?: StoredProblem;
  /** Where the payload is, from the end of the header (files that parsed only). */
  readonly payload?: { readonly offset: number; readonly length: number; readonly checksum: number };
}

interface Header {
  readonly key: string;
  readonly entries: readonly StoredEntry[];
}

/**
 * Bucket headers this process has read, for a process that scans the cache build after build (build --watch):
 * a bucket file whose stat signature is the one its header was read under is not read again (a scan of 10,000
 * articles: 256 headers, ~0.1 s of CPU and their garbage, #6). Like the cache's own entries, a header is kept
 * only once its file is older than the racy window, so that a bucket rewritten in the same clock tick, at the
 * same size and on a reused inode, is read again.
 */
interface KnownHeader {
  readonly signature: FileSignature;
  readonly key: string;
  readonly entries: readonly StoredEntry[];
  readonly payloadStart: number;
}

export class HeaderMemo {
  readonly #headers = new Map<string, KnownHeader>();

  constructor(private readonly racyWindowMs = 2_000) {}

  /** The entries and payload start of `file` read under `key`, when it is still the file they were read from. */
  get(file: string, key: string, signature: FileSignature): KnownHeader | undefined {
    const known = this.#headers.get(file);
    return known && known.key === key && sameSignature(known.signature, signature) ? known : undefined;
  }

  set(file: string, key: string, signature: FileSignature, entries: readonly StoredEntry[], payloadStart: number, readAt: number): void {
    if (isRacy(signature, readAt - this.racyWindowMs)) this.#headers.delete(file);
    else this.#headers.set(file, { signature, key, entries, payloadStart });
  }
}

export class CacheBucket {
  readonly entries: readonly StoredEntry[];
  readonly #fd: number;
  readonly #payloadStart: number;
  #payloads: Promise<Buffer> | undefined;
  #closed = false;

  private constructor(fd: number, entries: readonly StoredEntry[], payloadStart: number) {
    this.#fd = fd;
    this.entries = entries;
    this.#payloadStart = payloadStart;
  }

  /**
   * The bucket in `file` when it exists, is whole and was written under `key`; otherwise undefined. The header
   * is read synchronously: a scan opens 256 buckets, and the thread pool's round trips for a few small reads
   * cost more than the reads (issue 6).
   */
  static async open(file: string, key: string, memo?: HeaderMemo): Promise<CacheBucket | undefined> {
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch {
      return undefined;
    }
    try {
      const readAt = Date.now();
      const signature = memo && fileSignature(fstatSync(fd, { bigint: true }));
      const known = signature && memo.get(file, key, signature);
      if (known) return new CacheBucket(fd, known.entries, known.payloadStart);
      const preamble = Buffer.alloc(PREAMBLE);
      if (readSync(fd, preamble, 0, PREAMBLE, 0) !== PREAMBLE || !preamble.subarray(0, 4).equals(MAGIC)) throw new Error("no preamble");
      const length = preamble.readUInt32LE(4);
      const header = Buffer.alloc(length);
      if (readSync(fd, header, 0, length, PREAMBLE) !== length) throw new Error("short header");
      if (checksum(header) !== preamble.readUInt32LE(8)) throw new Error("header checksum");
      const value = deserialize(header) as Partial<Header> | undefined;
      if (value?.key !== key || !Array.isArray(value.entries)) throw new Error("other version");
      if (signature) memo.set(file, key, signature, value.entries, PREAMBLE + length, readAt);
      return new CacheBucket(fd, value.entries, PREAMBLE + length);
    } catch {
      closeSync(fd);
      return undefined;
    }
  }

  /** Where `entry`'s payload starts in the file, for readPayload. */
  position(entry: StoredEntry): number | undefined {
    return entry.payload && this.#payloadStart + entry.payload.offset;
  }

  /**
   * The payload bytes of an entry of this bucket; undefined when they do not check out. `few`: the caller
   * wants a few entries of the bucket, not most of them.
   */
  async payload(entry: StoredEntry, few = false): Promise<Buffer | undefined> {
    if (!entry.payload) return undefined;
    const { offset, length } = entry.payload;
    let bytes: Buffer;
    if (few && !this.#payloads) {
      // Its own bytes only: the whole bucket is ~40 articles, and an edit's build reads a few articles of
      // as many buckets (~2–3 ms each, #6).
      const own = Buffer.allocUnsafe(length);
      const { bytesRead } = await read(this.#fd, own, 0, length, this.#payloadStart + offset);
      bytes = own.subarray(0, bytesRead);
    } else {
      // One read for all payloads: a reader of whole articles wants every entry of the bucket.
      this.#payloads ??= this.#readPayloads();
      bytes = (await this.#payloads).subarray(offset, offset + length);
    }
    return bytes.length === length && checksum(bytes) === entry.payload.checksum ? bytes : undefined;
  }

  async #readPayloads(): Promise<Buffer> {
    const size = Number((await fstat(this.#fd)).size) - this.#payloadStart;
    const bytes = Buffer.allocUnsafe(Math.max(0, size));
    const { bytesRead } = await read(this.#fd, bytes, 0, bytes.length, this.#payloadStart);
    return bytes.subarray(0, bytesRead);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // A payload read still under way keeps the descriptor until it is done.
    const reading = this.#payloads;
    this.#payloads = undefined;
    await reading?.catch(() => undefined);
    closeSync(this.#fd);
  }

  /**
   * Writes a bucket of `items` to `file` (removes it when there are none); returns each entry as written,
   * with the absolute position of its payload.
   */
  static async write(
    file: string,
    key: string,
    items: readonly { readonly entry: Omit<StoredEntry, "payload">; readonly payload: Buffer | undefined }[],
  ): Promise<{ readonly entry: StoredEntry; readonly position: number | undefined }[]> {
    if (items.length === 0) {
      await rm(file, { force: true });
      return [];
    }
    let offset = 0;
    const entries = items.map(({ entry, payload }): StoredEntry => {
      if (!payload) return entry;
      const placed = { ...entry, payload: { offset, length: payload.length, checksum: checksum(payload) } };
      offset += payload.length;
      return placed;
    });
    const header = serialize({ key, entries } satisfies Header);
    const preamble = Buffer.alloc(PREAMBLE);
    MAGIC.copy(preamble);
    preamble.writeUInt32LE(header.length, 4);
    preamble.writeUInt32LE(checksum(header), 8);
    const payloads = items.flatMap(({ payload }) => (payload ? [payload] : []));
    await mkdir(path.dirname(file), { recursive: true });
    // Beside, then rename: a reader never sees half a bucket, and a killed build leaves only a stray .tmp file.
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await writeFile(tmp, Buffer.concat([preamble, header, ...payloads]));
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return entries.map((entry) => ({ entry, position: entry.payload && PREAMBLE + header.length + entry.payload.offset }));
  }

  /** The payload at `position` of `file`, when its bytes still check out (the bucket may have been rewritten). */
  static async readPayload(file: string, position: number, entry: StoredEntry): Promise<Buffer | undefined> {
    if (!entry.payload) return undefined;
    const handle = await open(file, "r").catch(() => undefined);
    if (!handle) return undefined;
    try {
      const bytes = Buffer.alloc(entry.payload.length);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, position);
      return bytesRead === bytes.length && checksum(bytes) === entry.payload.checksum ? bytes : undefined;
    } finally {
      await handle.close();
    }
  }
}

// zlib.crc32 arrived in Node 20.15; earlier 20.x fall back to a slice of sha1.
const checksum: (bytes: Uint8Array) => number =
  typeof zlib.crc32 === "function"
    ? (bytes) => zlib.crc32(bytes)
    : (bytes) => createHash("sha1").update(bytes).digest().readUInt32LE(0);
