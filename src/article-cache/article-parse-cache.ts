// The article parse cache (issue 6): what parseArticleFile made of each content/articles/*.md, kept in
// <content>/.broadsheet/article-cache/ so that a build parses YAML only for files that changed. The sync
// stage reads light facts (slugs, hashes) through scan(); the site reads whole articles through readAll().
//
// An entry counts only while the file's stat signature (size, mtime, ctime, inode) is the one recorded and
// the bucket was written under the current key (article-cache-key.ts). Anything else — no cache, a corrupt
// or foreign bucket, a racy entry whose text changed — means parsing the file, never a failed build. Files
// are spread over 256 buckets by a hash of their name, so an edit rewrites one bucket and a pass holds one
// bucket's bytes at a time. Only a cache opened with `write` writes. The sync stage (the build's main
// process) records every file it saw or wrote — a large batch parsed on worker threads, parse-pool.ts — so
// the render stage after it, in this process or in the shard "prepare" process, has nothing to parse or
// write. Readers in other processes are safe, and so would be a second writer: a bucket is replaced whole.

import { hash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { deserialize } from "node:v8";
import createDebug from "debug";
import { FrontMatterError } from "../errors.ts";
import type { ArticleFile, ArticleFrontMatter } from "../front-matter/index.ts";
import type { Diagnostic } from "../types.ts";
import { articleCacheKey } from "./article-cache-key.ts";
import { CacheBucket, type HeaderMemo, type StoredDiagnostic, type StoredEntry, type StoredFacts, type StoredProblem } from "./cache-bucket.ts";
import { parseForCache, sha256, type ArticleFacts, type CacheParse, type Fresh, type WrittenRecord } from "./parse-for-cache.ts";
import { ParsePool, type ParseJob } from "./parse-pool.ts";
import { fileSignature, isRacy, readStableBytes, sameSignature } from "./read-stable-text.ts";
import { SpillFile, type SpillPosition } from "./spill-file.ts";

const debug = createDebug("broadsheet:cache");

/** Hidden override: "0" turns the cache off (every file parsed, nothing read or written). */
export const ARTICLE_CACHE_ENV = "BROADSHEET_ARTICLE_CACHE";
/** Where the cache lives, relative to the content folder (hidden: Eleventy and the build fingerprint skip it). */
export const ARTICLE_CACHE_DIR = ".broadsheet/article-cache";
/** Hex digits of the name hash that pick a bucket: 2 → 256 buckets, ~400 entries each at 100,000 articles. */
const BUCKET_DIGITS = 2;
/** Buckets visited at once by scan() and readAll(). */
const PASS_LANES = 8;
/** Stray temporary buckets (a build killed mid-write) older than this are removed. */
const STALE_TMP_MS = 10 * 60_000;

export interface ArticleParseCacheOptions {
  /** Record what was parsed and forget files that are gone (default: false). */
  readonly write?: boolean;
  /** The path messages show for a file of content/articles, given its name (default: its absolute path). */
  readonly show?: (name: string) => string;
  /** false parses every file and reads and writes no cache (default: true unless BROADSHEET_ARTICLE_CACHE=0). */
  readonly enabled?: boolean;
  /**
   * A file changed less than this many ms before it was parsed is racy (see StoredEntry.racy): its entry is
   * trusted only after its text hashes the same (default: 2000, the tick of FAT; Linux counts in ~4 ms).
   */
  readonly racyWindowMs?: number;
  /** Bucket headers kept from one build to the next by a process that builds again and again (build --watch). */
  readonly headers?: HeaderMemo;
  /**
   * For a process that builds again and again (build --watch): the files whose entries the scan before checked
   * against the file (`checked` of that cache), and whether its watcher saw a file (by name) unchanged since
   * that scan began. Such a file's entry is taken without a stat, unless racy (#6: 10,000 stats per build).
   */
  readonly trust?: { readonly checked: ReadonlySet<string>; readonly unchanged: (name: string) => boolean };
}

/** A file of content/articles (by name) as scan() gives it: its facts, or the FrontMatterError that left it out. */
export type ScannedArticle =
  | { readonly name: string; readonly facts: ArticleFacts; readonly problem?: undefined }
  | { readonly name: string; readonly problem: Diagnostic; readonly facts?: undefined };

/** A file of content/articles as read() and readAll() give it: the whole parse, or its FrontMatterError. */
export type ReadArticle =
  | { readonly name: string; readonly article: ArticleFile; readonly textSha256: string; readonly problem?: undefined }
  | { readonly name: string; readonly problem: Diagnostic; readonly article?: undefined };

type Want = "facts" | "article";
interface Written {
  readonly textSha256: string;
  readonly facts?: StoredFacts;
  readonly problem?: StoredProblem;
  readonly at?: SpillPosition;
}
interface Found {
  readonly file: string;
  readonly position: number;
  readonly entry: StoredEntry;
}

export class ArticleParseCache {
  /** Files answered from the cache and files parsed (on worker threads: also counted apart) since open; buckets written. */
  readonly counts = { cached: 0, parsed: 0, parsedOnWorkers: 0, bucketsWritten: 0 };
  /** Files whose entry this cache checked against the file, or made from it, when writing (ArticleParseCacheOptions.trust). */
  readonly checked = new Set<string>();
  readonly #articlesDir: string;
  /** #articlesDir with its separator: a file name appended is its path. */
  readonly #articlesPrefix: string;
  readonly #cacheDir: string;
  readonly #key: string | undefined;
  readonly #show: (name: string) => string;
  readonly #racyWindowMs: number;
  readonly #headers: HeaderMemo | undefined;
  readonly #trust: ArticleParseCacheOptions["trust"];
  #write: boolean;
  /** Files remember() was told about, until record(): their facts, and where their payload waits. */
  readonly #written = new Map<string, Written>();
  #spill: SpillFile | undefined;
  /** Where scan() left each payload, so that read() goes straight to it. */
  readonly #found = new Map<string, Found>();

  private constructor(contentDir: string, key: string | undefined, options: Readonly<ArticleParseCacheOptions>) {
    this.#articlesDir = path.join(contentDir, "articles");
    this.#articlesPrefix = this.#articlesDir + path.sep;
    this.#cacheDir = path.join(contentDir, ARTICLE_CACHE_DIR);
    this.#key = key;
    this.#write = (options.write ?? false) && key !== undefined;
    this.#show = options.show ?? ((name) => path.join(this.#articlesDir, name));
    this.#racyWindowMs = options.racyWindowMs ?? 2_000;
    this.#headers = options.headers;
    this.#trust = options.trust;
  }

  static async open(contentDir: string, options: Readonly<ArticleParseCacheOptions> = {}): Promise<ArticleParseCache> {
    const enabled = options.enabled ?? process.env[ARTICLE_CACHE_ENV] !== "0";
    return new ArticleParseCache(contentDir, enabled ? await articleCacheKey() : undefined, options);
  }

  /** The light facts of every named file (all of content/articles), in the order given. */
  async scan(names: readonly string[]): Promise<ScannedArticle[]> {
    return (await this.#pass(names, "facts")) as ScannedArticle[];
  }

  /** Every named file (all of content/articles) parsed whole, in the order given. */
  async readAll(names: readonly string[], signal?: AbortSignal): Promise<ReadArticle[]> {
    return (await this.#pass(names, "article", signal)) as ReadArticle[];
  }

  /**
   * One file parsed whole. After scan(), the version scan() saw (from the cache when it holds it), so that
   * facts and article agree even if the file changed since; otherwise the file as it is now.
   */
  async read(name: string): Promise<ReadArticle> {
    const found = this.#found.get(name);
    if (found) {
      const bytes = await CacheBucket.readPayload(found.file, found.position, found.entry).catch(() => undefined);
      const article = bytes && articleFrom(bytes, found.entry, this.#show(name));
      if (article) {
        this.counts.cached++;
        return { name, article, textSha256: found.entry.textSha256 };
      }
    }
    const parsed = await this.#parse(name);
    return parsed.problem ? { name, problem: parsed.problem } : { name, article: parsed.article, textSha256: parsed.facts.textSha256 };
  }

  /**
   * Notes a file this build has just written, with the record of its text (recordWritten), so that record()
   * need not parse it again (issue 6). Its payload waits in a spill file, not in memory.
   */
  remember(name: string, written: WrittenRecord): void {
    if (!this.#write) return;
    const { textSha256 } = written;
    if (!("facts" in written)) {
      if (written.problem) this.#written.set(name, { textSha256, problem: written.problem });
      return;
    }
    if (!written.payload) return;
    try {
      this.#spill ??= SpillFile.create(this.#cacheDir);
      this.#written.set(name, { textSha256, facts: written.facts, at: this.#spill.append(written.payload) });
    } catch (error) {
      debug("could not set a payload aside (%s); written files will be parsed", (error as Error).message);
    }
  }

  /** Whether remember() keeps anything: false when the cache is off or read-only. */
  get remembers(): boolean {
    return this.#write;
  }

  /**
   * Records files just written and forgets files just removed. A file remember() was told about is read back
   * only to check that it still holds that text, and to take its stat signature; any other is parsed.
   */
  async record(written: readonly string[], removed: readonly string[]): Promise<void> {
    try {
      if (this.#write && written.length + removed.length > 0) await this.#record(written, removed);
    } finally {
      this.#spill?.remove();
      this.#spill = undefined;
      this.#written.clear();
    }
  }

  async #record(written: readonly string[], removed: readonly string[]): Promise<void> {
    const started = performance.now();
    const gone = new Set(removed);
    const buckets = [...groupByBucket([...written, ...removed])];
    const options = { racyWindowMs: this.#racyWindowMs, withPayload: true };
    const unknown = written.filter((name) => !this.#written.has(name)).length;
    const threads = ParsePool.threadsFor(unknown);
    const pool = threads > 1 ? new ParsePool(threads, options) : undefined;
    const onThisThread = (jobs: readonly ParseJob[]) =>
      Promise.all(jobs.map((j) => parseForCache(j.file, j.name, j.shown, options).then((p) => p.fresh, () => undefined)));
    try {
      // A few buckets at once, so that workers parse some while others are written.
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < buckets.length) {
          const [bucket, names] = buckets[next++]!;
          const fresh = new Map<string, Fresh | undefined>();
          const jobs: ParseJob[] = [];
          for (const name of names) {
            if (gone.has(name)) continue;
            const known = this.#freshFromWritten(name);
            if (known) fresh.set(name, known);
            else jobs.push({ file: path.join(this.#articlesDir, name), name, shown: this.#show(name) });
          }
          this.counts.parsed += jobs.length;
          const parsed = pool && jobs.length > 0 ? await this.#onWorkers(pool, jobs).catch(() => onThisThread(jobs)) : await onThisThread(jobs);
          jobs.forEach((j, i) => fresh.set(j.name, parsed[i]));
          await this.#recordBucket(bucket, fresh, gone);
        }
      };
      await Promise.all(Array.from({ length: pool ? threads * 2 : 1 }, lane));
    } finally {
      await pool?.close();
    }
    debug(
      "%d written (%d parsed, %d on %d threads) and %d removed articles recorded in %dms",
      written.length,
      this.counts.parsed,
      this.counts.parsedOnWorkers,
      threads > 1 ? threads : 0,
      removed.length,
      Math.round(performance.now() - started),
    );
  }

  /**
   * The entry of a file remember() was told about, when the file still holds that text: read back as a parse
   * would read it (the same racy rule), its payload taken from the spill file. undefined: parse it.
   */
  #freshFromWritten(name: string): Fresh | undefined {
    const known = this.#written.get(name);
    if (!known) return undefined;
    const startedAt = Date.now();
    let read: ReturnType<typeof readStableBytes> | undefined;
    try {
      read = readStableBytes(path.join(this.#articlesDir, name));
    } catch {
      return undefined; // gone or unreadable: the parse says what
    }
    if (!read.signature || sha256(read.bytes) !== known.textSha256) return undefined;
    const base = { name, signature: read.signature, racy: isRacy(read.signature, startedAt - this.#racyWindowMs), textSha256: known.textSha256 };
    if (known.problem) return { entry: { ...base, problem: known.problem }, payload: undefined };
    const payload = known.at && this.#spill?.read(known.at);
    return known.facts && payload ? { entry: { ...base, facts: known.facts }, payload } : undefined;
  }

  /** A worker that fails only costs its files being parsed on this thread (the caller's catch). */
  async #onWorkers(pool: ParsePool, jobs: readonly ParseJob[]): Promise<(Fresh | undefined)[]> {
    const fresh = await pool.parse(jobs);
    this.counts.parsedOnWorkers += jobs.length;
    return fresh;
  }

  async #recordBucket(bucket: string, fresh: ReadonlyMap<string, Fresh | undefined>, gone: ReadonlySet<string>): Promise<void> {
    if (!this.#write) return;
    const file = path.join(this.#cacheDir, `${bucket}.v8`);
    const old = await CacheBucket.open(file, this.#key!, this.#headers);
    try {
      const stored = new Map((old?.entries ?? []).map((e) => [e.name, e]));
      await this.#rewrite(file, old, stored, fresh, (name) => gone.has(name), false);
    } finally {
      await old?.close();
    }
  }

  /**
   * Visits every bucket that holds one of `names` — every file of content/articles — and, when writing, every
   * other bucket, to forget what is gone.
   */
  async #pass(names: readonly string[], want: Want, signal?: AbortSignal): Promise<(ScannedArticle | ReadArticle)[]> {
    const started = performance.now();
    const buckets = groupByBucket(names);
    if (this.#write) {
      for (const bucket of await this.#bucketsOnDisk()) if (!buckets.has(bucket)) buckets.set(bucket, []);
    }
    const results = new Map<string, ScannedArticle | ReadArticle>();
    // A few buckets at once: a bucket is a few small reads, and one after the other they mostly wait (issue 6).
    const queue = [...buckets];
    const lane = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        signal?.throwIfAborted();
        const [bucket, inBucket] = next;
        const listed = new Set(inBucket);
        for (const result of await this.#visit(bucket, inBucket, want, (name) => !listed.has(name), want === "facts")) {
          results.set(result.name, result);
        }
      }
    };
    await Promise.all(Array.from({ length: PASS_LANES }, lane));
    debug(
      "%s of %d articles: %d from the cache, %d parsed, %d buckets written (%dms)",
      want,
      names.length,
      this.counts.cached,
      this.counts.parsed,
      this.counts.bucketsWritten,
      Math.round(performance.now() - started),
    );
    return names.map((name) => results.get(name)!);
  }

  /** One bucket: answers its named files, and rewrites it when writing and something changed. */
  async #visit(
    bucket: string,
    names: readonly string[],
    want: Want,
    forget: (name: string) => boolean,
    remember: boolean,
  ): Promise<(ScannedArticle | ReadArticle)[]> {
    const file = path.join(this.#cacheDir, `${bucket}.v8`);
    const old = this.#key === undefined ? undefined : await CacheBucket.open(file, this.#key, this.#headers);
    try {
      const stored = new Map((old?.entries ?? []).map((e) => [e.name, e]));
      const fresh = new Map<string, Fresh | undefined>();
      // Reading a few whole articles of the bucket (an edit's build), not most of them (a full build's).
      const few = old !== undefined && names.length * 4 < old.entries.length;
      const results = await Promise.all(
        names.map(async (name): Promise<ScannedArticle | ReadArticle> => {
          const entry = stored.get(name);
          const valid = !old || !entry ? "stale" : this.#vouched(name, entry) ? "valid" : this.#stillValid(name, entry);
          if (valid !== "stale") {
            if (this.#write) this.checked.add(name);
            const answer = want === "facts" ? factsFrom(entry!, this.#show(name)) : await answerFrom(old!, entry!, this.#show(name), few);
            if (answer) {
              this.counts.cached++;
              // A racy entry whose file has aged past the window is kept again as settled, so that builds stop
              // reading and hashing its file: after an import, every file written in its last two seconds (#6).
              if (valid === "settled" && this.#write) await this.#settle(old!, entry!, fresh);
              return answer;
            }
          }
          const parsed = await this.#parse(name);
          fresh.set(name, parsed.fresh);
          if (this.#write && parsed.fresh) this.checked.add(name);
          if (parsed.problem) return { name, problem: parsed.problem };
          return want === "facts" ? { name, facts: parsed.facts } : { name, article: parsed.article, textSha256: parsed.facts.textSha256 };
        }),
      );
      const dropped = [...stored.keys()].some((name) => forget(name));
      const changed = dropped || [...fresh.values()].some((f) => f !== undefined) || [...fresh.keys()].some((n) => stored.has(n));
      if (this.#write && changed) {
        await this.#rewrite(file, old, stored, fresh, forget, remember);
      } else if (remember && old) {
        for (const entry of old.entries) {
          const position = old.position(entry);
          if (position !== undefined && !fresh.has(entry.name)) this.#found.set(entry.name, { file, position, entry });
        }
      }
      return results;
    } finally {
      await old?.close();
    }
  }

  async #rewrite(
    file: string,
    old: CacheBucket | undefined,
    stored: ReadonlyMap<string, StoredEntry>,
    fresh: ReadonlyMap<string, Fresh | undefined>,
    forget: (name: string) => boolean,
    remember: boolean,
  ): Promise<void> {
    const items: Fresh[] = [];
    for (const [name, entry] of stored) {
      if (forget(name) || fresh.has(name)) continue;
      const payload = entry.payload ? await old!.payload(entry) : undefined;
      if (entry.payload && !payload) continue;
      items.push({ entry: withoutPayload(entry), payload });
    }
    for (const item of fresh.values()) if (item) items.push(item);
    items.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
    try {
      const written = await CacheBucket.write(file, this.#key!, items);
      this.counts.bucketsWritten++;
      if (remember) {
        for (const { entry, position } of written) if (position !== undefined) this.#found.set(entry.name, { file, position, entry });
      }
    } catch (error) {
      // A cache that cannot be written (read-only folder, full disk) only costs parsing next time.
      debug("could not write %s (%s); the cache is not written for the rest of this run", file, (error as Error).message);
      this.#write = false;
    }
  }

  /** The entry again, no longer racy, into `fresh` (payload and all); left out when its payload cannot be read. */
  async #settle(old: CacheBucket, entry: StoredEntry, fresh: Map<string, Fresh | undefined>): Promise<void> {
    const payload = entry.payload ? await old.payload(entry) : undefined;
    if (entry.payload && !payload) return;
    fresh.set(entry.name, { entry: { ...withoutPayload(entry), racy: false }, payload });
  }

  /** Whether the entry may be taken without looking at its file (ArticleParseCacheOptions.trust). */
  #vouched(name: string, entry: StoredEntry): boolean {
    return this.#trust !== undefined && !entry.racy && this.#trust.checked.has(name) && this.#trust.unchanged(name);
  }

  /**
   * Whether the file is still the one the entry was made from: "stale" when not; "settled" when it is, the
   * entry is racy, and the file has since aged past the racy window (the entry need no longer be racy).
   */
  #stillValid(name: string, entry: StoredEntry): "valid" | "settled" | "stale" {
    // `name` is a plain file name (readdir): joined by hand, without path.join's normalising, which a
    // profile showed in every rebuild's sync stage (10,000 calls per build, #6).
    const full = this.#articlesPrefix + name;
    // Synchronous: a stat costs a few microseconds, several times that through the thread pool (issue 6).
    const checkedAt = Date.now();
    const now = statSync(full, { bigint: true, throwIfNoEntry: false });
    if (!now || !sameSignature(entry.signature, fileSignature(now))) return "stale";
    if (!entry.racy) return "valid";
    let text: Buffer;
    try {
      text = readFileSync(full);
    } catch {
      return "stale";
    }
    if (sha256(text) !== entry.textSha256) return "stale";
    return isRacy(entry.signature, checkedAt - this.#racyWindowMs) ? "valid" : "settled";
  }

  async #parse(name: string): Promise<CacheParse> {
    this.counts.parsed++;
    return parseForCache(path.join(this.#articlesDir, name), name, this.#show(name), {
      racyWindowMs: this.#racyWindowMs,
      withPayload: this.#key !== undefined,
    });
  }

  async #bucketsOnDisk(): Promise<string[]> {
    const names = await readdir(this.#cacheDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.includes(".tmp-"))) {
      const full = path.join(this.#cacheDir, name);
      const info = await stat(full).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > STALE_TMP_MS) await rm(full, { force: true });
    }
    return names.filter((n) => /^[0-9a-f]+\.v8$/.test(n)).map((n) => n.slice(0, -3));
  }
}

function groupByBucket(names: readonly string[]): Map<string, string[]> {
  const buckets = new Map<string, string[]>();
  for (const name of names) {
    const bucket = hash("sha1", name, "hex").slice(0, BUCKET_DIGITS);
    const list = buckets.get(bucket);
    if (list) list.push(name);
    else buckets.set(bucket, [name]);
  }
  return buckets;
}

/** The facts of a stored entry, as scan() gives them; undefined when the entry holds neither facts nor a problem. */
function factsFrom(entry: StoredEntry, shown: string): ScannedArticle | undefined {
  const name = entry.name;
  if (entry.problem) return { name, problem: problemFrom(entry.problem, shown) };
  if (!entry.facts) return undefined;
  return { name, facts: { ...entry.facts, textSha256: entry.textSha256, diagnostics: entry.facts.diagnostics.map((d) => withFile(d, shown)) } };
}

/** The whole article of a stored entry, as read() gives it; undefined when its payload does not check out. */
async function answerFrom(bucket: CacheBucket, entry: StoredEntry, shown: string, few: boolean): Promise<ReadArticle | undefined> {
  const name = entry.name;
  if (entry.problem) return { name, problem: problemFrom(entry.problem, shown) };
  if (!entry.facts) return undefined;
  const bytes = await bucket.payload(entry, few);
  const article = bytes && articleFrom(bytes, entry, shown);
  return article && { name, article, textSha256: entry.textSha256 };
}

function articleFrom(bytes: Buffer, entry: StoredEntry, shown: string): ArticleFile | undefined {
  if (!entry.facts) return undefined;
  try {
    const { data, body } = deserialize(bytes) as { data: ArticleFrontMatter; body: string };
    if (typeof body !== "string" || typeof data !== "object" || data === null) return undefined;
    return { data, body, generated: entry.facts.generated, diagnostics: entry.facts.diagnostics.map((d) => withFile(d, shown)) };
  } catch {
    return undefined;
  }
}

function withFile(d: StoredDiagnostic, file: string): Diagnostic {
  return {
    severity: d.severity,
    file,
    ...(d.line === undefined ? {} : { line: d.line }),
    message: d.message,
    ...(d.fix === undefined ? {} : { fix: d.fix }),
  };
}

function problemFrom(problem: StoredProblem, file: string): Diagnostic {
  return new FrontMatterError(problem.reason, {
    file,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.fix === undefined ? {} : { fix: problem.fix }),
  }).toDiagnostic();
}

function withoutPayload(entry: StoredEntry): Omit<StoredEntry, "payload"> {
  const { payload: _payload, ...rest } = entry;
  return rest;
}
