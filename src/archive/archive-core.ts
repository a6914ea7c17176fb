// The archive's articles as the index reads them, without the text that only single pages show
// (issue 6): kept beside the site after each build, so that one edit re-reads one file, not 10,000.
// Columnar: one string table, Int32Arrays of ids and counts, and byte arrays of texts, which v8 reads back in
// milliseconds, where the same records as objects took 0.5 s (and the article files through the parse cache
// 1.3 s) at 10,000.
// Sentences and quote texts sit apart, in UTF-8 byte arrays: hollowArticles puts placeholders in their
// place that name where each text is, and only the pages being rendered decode theirs (rowTexts,
// src/site/fill-records.ts); money, shown only on an article's own page, is read from its file. Page
// digests never read the texts (src/site/page-digests.ts), so an index built from the core gives the
// digests of one built from the files. Pure.

import { deserialize, serialize } from "node:v8";
import type { ArchiveArticle, ArchiveEntityRecord, ArchiveQuote } from "./build-archive-index.ts";
import { isIndexMemo, type IndexMemo } from "./index-memo.ts";
import { ENTITY_FIELDS, ENTITY_TYPE_ORDER } from "./resolve-entities.ts";

/** One article file, as the core takes it in. */
export interface CoreArticle {
  /** File name in content/articles. */
  readonly name: string;
  /** sha256 of the file's text: a row stands for the file only while this matches. */
  readonly textSha256: string;
  readonly data: ArchiveArticle;
}

export interface ArchiveCore {
  readonly version: typeof CORE_VERSION;
  /** The build code it was made with (build-manifest.ts `code`): another code may parse files otherwise. */
  readonly code: string;
  /** Sorted. */
  readonly names: readonly string[];
  readonly hashes: readonly string[];
  readonly strings: readonly string[];
  /** Row r is rows[offsets[r] .. offsets[r + 1]), ids into `strings` (-1: absent) and counts. */
  readonly rows: Int32Array;
  readonly offsets: Int32Array;
  /**
   * Row r's texts (articleTexts), UTF-8 (encodeTexts), are bytes textSpans[3r + 1] .. textSpans[3r + 2] of
   * texts[textSpans[3r]]: updateCore leaves the rows it keeps where they are and puts the new rows' texts in
   * a chunk of their own, instead of copying 45 MB at 10,000 articles into fresh memory (#6).
   */
  readonly texts: readonly Uint8Array[];
  readonly textSpans: Int32Array;
  /** At most this many entries of `strings` are no longer used (updateCore appends; a compaction resets). */
  readonly garbage: number;
  /** Bytes of `texts` that no row uses (left by replaced and removed rows; a compaction resets). */
  readonly textGarbage: number;
  /** The memo of the index built from these rows (index-memo.ts), when the build kept one. */
  readonly memo?: IndexMemo;
}

const CORE_VERSION = 4;
const SEPARATOR = "\u0000";
const SPLIT_ROW = "s";
const JSON_ROW = "j";
const SOURCE_FIELDS = ["name", "url", "license", "licenseUrl", "attribution"] as const;

/** The core of these article files (any order). */
export function coreFromArticles(articles: readonly CoreArticle[], code: string): ArchiveCore {
  return new CoreWriter(code).add(articles).finish();
}

/**
 * The core with the rows of `changed` put in (new or replacing their file's row) and the rows of files not
 * in `present` dropped.
 */
export function updateCore(core: ArchiveCore, changed: readonly CoreArticle[], present: ReadonlySet<string>): ArchiveCore {
  const replaced = new Set(changed.map((a) => a.name));
  const kept: number[] = [];
  let dropped = 0;
  let textGarbage = core.textGarbage;
  core.names.forEach((name, r) => {
    if (present.has(name) && !replaced.has(name)) kept.push(r);
    else {
      dropped += core.offsets[r + 1]! - core.offsets[r]!;
      textGarbage += core.textSpans[3 * r + 2]! - core.textSpans[3 * r + 1]!;
    }
  });
  const row = (r: number) => core.rows.subarray(core.offsets[r]!, core.offsets[r + 1]!);
  const text = (r: number): TextRef => ({ chunk: core.textSpans[3 * r]!, start: core.textSpans[3 * r + 1]!, end: core.textSpans[3 * r + 2]! });
  const texts = { chunks: core.texts, garbage: textGarbage };
  // Usually a few rows change: the kept rows are copied as they are and the changed ones' strings appended
  // to the table (an edit of 10,000 articles: ~10 ms, where moving every row to a new table took ~100 ms).
  // Once a quarter of the table may be unused, every row moves to a new table.
  const garbage = core.garbage + dropped;
  if (garbage <= core.strings.length / 4) {
    const writer = new CoreWriter(core.code, [...core.strings], garbage, texts);
    for (const r of kept) writer.keep(core.names[r]!, core.hashes[r]!, row(r), text(r));
    return writer.add(changed).finish();
  }
  const writer = new CoreWriter(core.code, [], 0, texts);
  const remap = new Int32Array(core.strings.length).fill(-2);
  for (const r of kept) writer.copy(core.names[r]!, core.hashes[r]!, row(r), text(r), core.strings, remap);
  return writer.add(changed).finish();
}

/** The rows of files whose text hash is not the one the core holds, or that it lacks. */
export function staleNames(core: ArchiveCore, hashes: ReadonlyMap<string, string | undefined>): string[] {
  const held = new Map(core.names.map((name, r) => [name, core.hashes[r]!]));
  return [...hashes].filter(([name, hash]) => hash === undefined || held.get(name) !== hash).map(([name]) => name);
}

/**
 * Every row as the index reads an article, in name order. Each sentence and each quote's text is a
 * placeholder: the text's place in the row's texts (articleTexts), as a decimal string.
 */
export function hollowArticles(core: ArchiveCore): CoreArticle[] {
  const { strings, rows, offsets } = core;
  const out: CoreArticle[] = [];
  for (let r = 0; r < core.names.length; r++) {
    let i = offsets[r]!;
    const end = offsets[r + 1]!;
    // A damaged file must not hang or crash a build: every read is checked against the row's layout.
    const next = (): number => {
      if (i >= end) throw new CoreDamagedError(core.names[r]!);
      return rows[i++]!;
    };
    const str = (id: number): string | undefined => {
      if (id < -1 || id >= strings.length) throw new CoreDamagedError(core.names[r]!);
      return id < 0 ? undefined : strings[id];
    };
    const need = (id: number): string => {
      const value = str(id);
      if (value === undefined) throw new CoreDamagedError(core.names[r]!);
      return value;
    };
    const slug = need(next());
    const title = need(next());
    const date = str(next());
    const byline = str(next());
    const summary = need(next());
    const wordCount = next();
    const readingMinutes = next();
    const source: Record<string, string> = {};
    for (const field of SOURCE_FIELDS) {
      const value = str(next());
      if (value !== undefined) source[field] = value;
    }
    const sources: string[] = [];
    for (let n = next(); n > 0; n--) sources.push(need(next()));
    // Plain loops: Array.from with a callback per record cost a third of this function at 10,000 articles.
    const records: ArchiveEntityRecord[][] = [];
    let text = 0;
    for (let t = 0; t < ENTITY_TYPE_ORDER.length; t++) {
      const list: ArchiveEntityRecord[] = [];
      for (let n = next(); n > 0; n--) {
        const name = need(next());
        const role = str(next());
        const mentions = next();
        const paragraph = need(next());
        const aliases: string[] = [];
        for (let a = next(); a > 0; a--) aliases.push(need(next()));
        const sentence = placeholder(text++);
        list.push(role === undefined ? { name, aliases, mentions, paragraph, sentence } : { name, aliases, role, mentions, paragraph, sentence });
      }
      records.push(list);
    }
    const quotes: ArchiveQuote[] = [];
    for (let q = 0, n = next(); q < n; q++) {
      const speaker = str(next());
      const paragraph = need(next());
      const at = placeholder(text++);
      quotes.push(speaker === undefined ? { text: at, paragraph } : { speaker, text: at, paragraph });
    }
    const data: ArchiveArticle = {
      slug,
      title,
      ...(date === undefined ? {} : { date }),
      ...(byline === undefined ? {} : { byline }),
      source,
      summary,
      wordCount,
      readingMinutes,
      people: records[0]!,
      organizations: records[1]!,
      places: records[2]!,
      laws: records[3]!,
      money: [],
      quotes,
      sources,
    };
    if (i !== end) throw new CoreDamagedError(core.names[r]!);
    out.push({ name: core.names[r]!, textSha256: core.hashes[r]!, data });
  }
  return out;
}

/** A core whose bytes do not hold what its layout says (a damaged file): builds then read the articles. */
export class CoreDamagedError extends Error {
  constructor(name: string) {
    super(`the archive core's row of ${name} is damaged`);
  }
}

/** An article's sentences (records in ENTITY_TYPE_ORDER) and then its quotes' texts: what the core keeps apart. */
export function articleTexts(article: ArchiveArticle): string[] {
  const texts: string[] = [];
  for (const type of ENTITY_TYPE_ORDER) for (const record of article[ENTITY_FIELDS[type]]) texts.push(record.sentence);
  for (const quote of article.quotes) texts.push(quote.text);
  return texts;
}

/** The texts of the file `name` (articleTexts), or undefined when the core has no row for it or it is damaged. */
export function rowTexts(core: ArchiveCore, name: string): string[] | undefined {
  const r = rowIndex(core, name);
  if (r < 0) return undefined;
  const chunk = core.texts[core.textSpans[3 * r]!];
  const start = core.textSpans[3 * r + 1]!;
  const end = core.textSpans[3 * r + 2]!;
  if (!chunk || start < 0 || end < start || end > chunk.length) return undefined; // damaged
  const bytes = chunk.subarray(start, end);
  if (bytes.length === 0) return [];
  const text = decoder.decode(bytes);
  if (text.startsWith(SPLIT_ROW)) return text.slice(1).split(SEPARATOR);
  try {
    const texts: unknown = text.startsWith(JSON_ROW) ? JSON.parse(text.slice(1)) : undefined;
    return Array.isArray(texts) && texts.every((t) => typeof t === "string") ? texts : undefined;
  } catch {
    return undefined; // damaged: the caller reads the article instead
  }
}

/**
 * A row's texts as bytes: NUL-separated after a "s", or, when a text holds a NUL (only a hand edit can put
 * one there), as JSON after a "j".
 */
function encodeTexts(texts: readonly string[]): Uint8Array {
  if (texts.length === 0) return NO_BYTES;
  return encoder.encode(texts.some((t) => t.includes(SEPARATOR)) ? JSON_ROW + JSON.stringify(texts) : SPLIT_ROW + texts.join(SEPARATOR));
}

/** The text a placeholder of hollowArticles stands for, among the article's texts. */
export function textAt(texts: readonly string[], placeholder: string): string | undefined {
  return texts[Number(placeholder)];
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function rowIndex(core: ArchiveCore, name: string): number {
  let lo = 0;
  let hi = core.names.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = core.names[mid]!;
    if (at === name) return mid;
    if (at < name) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

// The same few hundred placeholders recur in every article: made once.
const placeholders: string[] = [];
function placeholder(n: number): string {
  return (placeholders[n] ??= String(n));
}

export function isArchiveCore(value: unknown): value is ArchiveCore {
  const core = value as Partial<ArchiveCore> | undefined;
  return (
    core?.version === CORE_VERSION &&
    typeof core.code === "string" &&
    Array.isArray(core.names) &&
    Array.isArray(core.hashes) &&
    Array.isArray(core.strings) &&
    core.rows instanceof Int32Array &&
    core.offsets instanceof Int32Array &&
    core.offsets.length === core.names.length + 1 &&
    Array.isArray(core.texts) &&
    core.texts.every((chunk) => chunk instanceof Uint8Array) &&
    core.textSpans instanceof Int32Array &&
    core.textSpans.length === 3 * core.names.length &&
    typeof core.garbage === "number" &&
    typeof core.textGarbage === "number" &&
    core.hashes.length === core.names.length
  );
}

/**
 * The file form of a core: "BSAC", the header's length, the header, then the bytes of its Int32Arrays (rows,
 * offsets, textSpans) and of its text chunks, each at a multiple of 4.
 */
const CORE_MAGIC = "BSAC";
const INT_ARRAYS = 3;
type CoreHeader = Omit<ArchiveCore, "rows" | "offsets" | "textSpans" | "texts"> & { readonly lengths: readonly number[] };

/**
 * The core as bytes, in parts to write one after the other: v8 serialises the strings, and the arrays go as
 * they are (serialising them too copied 50 MB per build at 10,000 articles, #6).
 */
export function encodeArchiveCore(core: ArchiveCore): Uint8Array[] {
  const { rows, offsets, textSpans, texts, ...rest } = core;
  const arrays = [rows, offsets, textSpans, ...texts];
  const header = serialize({ ...rest, lengths: arrays.map((a) => a.length) } satisfies CoreHeader);
  const start = Buffer.alloc(8);
  start.write(CORE_MAGIC, 0, "latin1");
  start.writeUInt32LE(header.length, 4);
  const parts: Uint8Array[] = [start, header];
  let written = 8 + header.length;
  for (const array of arrays) {
    const pad = (4 - (written % 4)) % 4;
    if (pad > 0) parts.push(new Uint8Array(pad));
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    written += pad + array.byteLength;
  }
  return parts;
}

/** The core in `bytes` (encodeArchiveCore's parts, joined); undefined when they are not one. */
export function decodeArchiveCore(bytes: Uint8Array): ArchiveCore | undefined {
  try {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (data.length < 8 || data.toString("latin1", 0, 4) !== CORE_MAGIC) return undefined;
    let at = 8 + data.readUInt32LE(4);
    const header = deserialize(data.subarray(8, at)) as Partial<CoreHeader>;
    const lengths = header.lengths;
    if (!Array.isArray(lengths) || lengths.length < INT_ARRAYS) return undefined;
    const arrays = lengths.map((_, i) => {
      const width = i < INT_ARRAYS ? 4 : 1;
      at += (4 - (at % 4)) % 4;
      const length = lengths[i] as number;
      const end = at + length * width;
      if (!Number.isInteger(length) || length < 0 || end > data.length) throw new Error("short core");
      // A view where the bytes are aligned for it (a file read whole is), else a copy.
      const view = (data.byteOffset + at) % width === 0 ? data.subarray(at, end) : Uint8Array.prototype.slice.call(data, at, end);
      at = end;
      return width === 1 ? new Uint8Array(view.buffer, view.byteOffset, length) : new Int32Array(view.buffer, view.byteOffset, length);
    });
    const { lengths: _, memo, ...rest } = header;
    // A memo that is not whole is left out: the next index is then computed in full.
    const [rows, offsets, textSpans, ...texts] = arrays;
    const core: unknown = { ...rest, ...(isIndexMemo(memo) ? { memo } : {}), rows, offsets, textSpans, texts };
    return isArchiveCore(core) ? core : undefined;
  } catch {
    return undefined;
  }
}

const NO_BYTES = new Uint8Array(0);

/** Where a row's texts are: bytes start .. end of chunk `chunk` of the texts a writer starts from, or new bytes. */
type TextRef = { readonly chunk: number; readonly start: number; readonly end: number } | { readonly bytes: Uint8Array };

/** Chunks of texts past which updateCore copies every row's texts into one (each update adds one). */
const MAX_TEXT_CHUNKS = 16;

class CoreWriter {
  private readonly ids = new Map<string, number>();
  private readonly rows: { name: string; hash: string; row: Int32Array; text: TextRef }[] = [];
  private buffer: number[] = [];

  /**
   * `strings`: a table to append to (its strings are not looked up again: a few may repeat). `texts`: the
   * chunks that kept rows' texts are in, with the bytes of them no row uses.
   */
  constructor(
    private readonly code: string,
    private readonly strings: string[] = [],
    private readonly garbage = 0,
    private readonly texts: { readonly chunks: readonly Uint8Array[]; readonly garbage: number } = { chunks: [], garbage: 0 },
  ) {}

  /** A row of a core whose string table this writer appends to, as it is. */
  keep(name: string, hash: string, row: Int32Array, text: TextRef): void {
    this.rows.push({ name, hash, row, text });
  }

  add(articles: readonly CoreArticle[]): this {
    for (const a of articles) {
      this.rows.push({ name: a.name, hash: a.textSha256, row: this.encode(a.data), text: { bytes: encodeTexts(articleTexts(a.data)) } });
    }
    return this;
  }

  /** A row of another core, its string ids moved to this one's table (`remap` caches old → new). */
  copy(name: string, hash: string, row: Int32Array, text: TextRef, strings: readonly string[], remap: Int32Array): void {
    const moved = new Int32Array(row.length);
    // Strings sit at known places; counts everywhere else. Walk the row's layout to tell them apart.
    const id = (i: number): void => {
      const old = row[i]!;
      if (old < 0) moved[i] = old;
      else moved[i] = remap[old]! >= 0 ? remap[old]! : (remap[old] = this.intern(strings[old]!));
    };
    let i = 0;
    const strs = (n: number): void => {
      for (let k = 0; k < n; k++) id(i++);
    };
    const count = (): number => {
      const n = row[i]!;
      moved[i++] = n;
      return n;
    };
    strs(5);
    count();
    count();
    strs(SOURCE_FIELDS.length);
    strs(count());
    for (let t = 0; t < ENTITY_TYPE_ORDER.length; t++) {
      const n = count();
      for (let k = 0; k < n; k++) {
        strs(2);
        count();
        strs(1);
        strs(count());
      }
    }
    const quotes = count();
    for (let q = 0; q < quotes; q++) strs(2);
    this.rows.push({ name, hash, row: moved, text });
  }

  finish(): ArchiveCore {
    this.rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const offsets = new Int32Array(this.rows.length + 1);
    this.rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.row.length));
    const rows = new Int32Array(offsets[this.rows.length]!);
    this.rows.forEach((r, i) => rows.set(r.row, offsets[i]!));
    const { texts, textSpans, textGarbage } = this.finishTexts();
    return {
      version: CORE_VERSION,
      code: this.code,
      names: this.rows.map((r) => r.name),
      hashes: this.rows.map((r) => r.hash),
      strings: this.strings,
      rows,
      offsets,
      texts,
      textSpans,
      garbage: this.garbage,
      textGarbage,
    };
  }

  /**
   * The rows' texts: the chunks they are in, with one more for the new rows; or, once a quarter of the bytes
   * are unused or the chunks are many, one chunk of every row's texts in order.
   */
  private finishTexts(): { texts: Uint8Array[]; textSpans: Int32Array; textGarbage: number } {
    const { chunks, garbage } = this.texts;
    const textSpans = new Int32Array(3 * this.rows.length);
    const span = (i: number, chunk: number, start: number, end: number): void => {
      textSpans[3 * i] = chunk;
      textSpans[3 * i + 1] = start;
      textSpans[3 * i + 2] = end;
    };
    const bytesOf = (text: TextRef): Uint8Array => ("bytes" in text ? text.bytes : (chunks[text.chunk]?.subarray(text.start, text.end) ?? NO_BYTES));
    const held = chunks.reduce((sum, c) => sum + c.length, 0);
    const compact = chunks.length === 0 || chunks.length >= MAX_TEXT_CHUNKS || garbage > held / 4;
    // Compacting, every row's texts go into the one new chunk; else only the new rows'.
    const moved = (text: TextRef) => compact || "bytes" in text;
    const fresh = new Uint8Array(this.rows.reduce((sum, r) => sum + (moved(r.text) ? bytesOf(r.text).length : 0), 0));
    const freshChunk = compact ? 0 : chunks.length;
    let at = 0;
    this.rows.forEach((r, i) => {
      const text = r.text;
      if (!compact && !("bytes" in text)) span(i, text.chunk, text.start, text.end);
      else {
        const bytes = bytesOf(text);
        fresh.set(bytes, at);
        // A row without texts points at no new chunk: there may be none.
        if (bytes.length === 0) span(i, 0, 0, 0);
        else span(i, freshChunk, at, at + bytes.length);
        at += bytes.length;
      }
    });
    if (compact) return { texts: [fresh], textSpans, textGarbage: 0 };
    return { texts: fresh.length > 0 ? [...chunks, fresh] : [...chunks], textSpans, textGarbage: garbage };
  }

  private intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  private encode(a: ArchiveArticle): Int32Array {
    const out = this.buffer;
    out.length = 0;
    const str = (value: string | undefined): void => void out.push(value === undefined ? -1 : this.intern(value));
    str(a.slug);
    str(a.title);
    str(a.date);
    str(a.byline || undefined);
    str(a.summary);
    out.push(a.wordCount, a.readingMinutes);
    for (const field of SOURCE_FIELDS) str(a.source[field] || undefined);
    out.push(a.sources.length);
    a.sources.forEach(str);
    for (const type of ENTITY_TYPE_ORDER) {
      const records = a[ENTITY_FIELDS[type]];
      out.push(records.length);
      for (const record of records) {
        str(record.name);
        str(record.role || undefined);
        out.push(record.mentions);
        str(record.paragraph);
        out.push(record.aliases.length);
        record.aliases.forEach(str);
      }
    }
    out.push(a.quotes.length);
    for (const quote of a.quotes) {
      str(quote.speaker);
      str(quote.paragraph);
    }
    return Int32Array.from(out);
  }
}
