// Payloads of the article parse cache set aside while a build writes articles, until record() files them
// into their buckets (issue 6). A cold build writes every article: holding their payloads in memory until
// the end would hold every article at once, and rewriting each bucket per chunk would copy it many times.
// One temporary file, appended to and read back by position; a killed build leaves it as a stray .tmp file,
// which the cache removes later like any other.

import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/** Where a payload lies in the spill file. */
export interface SpillPosition {
  readonly offset: number;
  readonly length: number;
}

export class SpillFile {
  readonly #file: string;
  readonly #fd: number;
  #size = 0;

  private constructor(file: string, fd: number) {
    this.#file = file;
    this.#fd = fd;
  }

  /** A new spill file in `dir` (created if missing); throws when it cannot be made. */
  static create(dir: string): SpillFile {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `spill.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    return new SpillFile(file, openSync(file, "w+"));
  }

  // Synchronous: a payload is a few kilobytes, and a write to the page cache costs less than a trip
  // through the thread pool.
  append(bytes: Uint8Array): SpillPosition {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written, this.#size + written);
    const at = { offset: this.#size, length: bytes.length };
    this.#size += bytes.length;
    return at;
  }

  read(at: SpillPosition): Buffer {
    const bytes = Buffer.alloc(at.length);
    let read = 0;
    while (read < at.length) {
      const n = readSync(this.#fd, bytes, read, at.length - read, at.offset + read);
      if (n === 0) throw new Error(`spill file ${this.#file} is shorter than expected`);
      read += n;
    }
    return bytes;
  }

  remove(): void {
    closeSync(this.#fd);
    rmSync(this.#file, { force: true });
  }
}
