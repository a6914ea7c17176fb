// Decides what content/articles should hold, given the raw articles and the Markdown already there.
// Pure apart from the readers and the extractor it is handed: the build command does the reading and writing.
// Rules (#2, #7): a person's edit always wins; enrichment is reused while body and extractor are unchanged;
// nothing is written whose bytes would not change.
// Memory (#6): at 100,000 articles no list of every text, raw file or parsed article fits. The plan keeps one
// slim record per file — the light facts of a Markdown file, the name of a raw file — and reads raw files,
// and the full front matter of an existing article, a chunk or a file at a time.

import type { ArticleFacts, ScannedArticle, WrittenRecord } from "../article-cache/index.ts";
import { bodySha256, keepOneFilePerSlug, leftOutOfSite, type ArticleFile } from "../front-matter/index.ts";
import { assignSlugs, ingestArticle, rawSha256 } from "../ingest/index.ts";
import type { Article, Diagnostic, Enrichment } from "../types.ts";
import { finishArticle, type ArticleJob, type FinishedArticle, type FinishOptions } from "./finish-article.ts";
import type { RawFile, RawInput } from "./read-content-folder.ts";

/**
 * Raw files read, and articles enriched, serialised and written, per step: bounds memory on large imports.
 * Three chunks are in hand at once (one read, one extracted, one written: see step 4).
 */
const CHUNK = 1_000;

export interface PlanOptions {
  readonly extractorVersion: string;
  /**
   * An extractor for at most `total` articles, fed in chunks (it may run on worker threads), that finishes
   * each article it extracts (finishArticle). Asked for only once there is something to extract.
   */
  readonly extractor: (total: number) => {
    enrich(jobs: readonly ArticleJob[], options: FinishOptions): Promise<readonly FinishedArticle[]>;
    close(): Promise<void>;
  };
  /** Make the parse cache's record of each text written (default: no). */
  readonly recordWritten?: boolean;
  /** Reads raw files and their sidecars (at most CHUNK at a time), in the order given. */
  readonly readRaw: (files: readonly RawFile[]) => Promise<RawInput[]>;
  /**
   * rawSha256 of raw files (at most CHUNK at a time), in the order given: a cache may answer without reading
   * (default: readRaw, then hash).
   */
  readonly hashRaw?: (files: readonly RawFile[]) => Promise<string[]>;
  /** Writes one file of content/articles (path relative to the content folder), with the cache's record of it. */
  readonly write: (file: string, text: string, record: WrittenRecord | undefined) => Promise<void>;
  /** Turns a path relative to the content folder into the path shown to the user. */
  readonly show: (rel: string) => string;
}

/** What is in content/articles: light facts per file, and the whole front matter of one file on demand. */
export interface ArticleFiles {
  /** Every Markdown file, `name` relative to the content folder ("articles/x.md"), sorted by it. */
  readonly scanned: readonly ScannedArticle[];
  /** The parse of a file listed in `scanned` that parsed (the same version the facts describe). */
  readonly read: (file: string) => Promise<ArticleFile>;
}

export interface ArticlePlan {
  /** Files (re)written, relative to the content folder. */
  readonly writes: string[];
  /** Generated files whose raw article is gone. */
  readonly deletes: string[];
  readonly diagnostics: Diagnostic[];
  /** Articles that will be on the site, by file. */
  readonly articleCount: number;
  /** How many articles went through the extractor (the rest reused their enrichment). */
  readonly enriched: number;
  /**
   * sha256 of the text of every Markdown file that parsed, as it is after the plan ("articles/x.md" → hash):
   * the render stage's fingerprint takes them instead of reading every file again (#6).
   */
  readonly textSha256: ReadonlyMap<string, string>;
}

/** An article file that made it onto the site: its path relative to the content folder, and its facts. */
interface Existing extends ArticleFacts {
  readonly file: string;
}

export async function planArticleFiles(raw: readonly RawFile[], articles: ArticleFiles, options: PlanOptions): Promise<ArticlePlan> {
  const { show } = options;
  const diagnostics: Diagnostic[] = [];

  // 1. What is already in content/articles (bad files are reported and left alone).
  const readable: { file: string; existing: Existing }[] = [];
  for (const scanned of articles.scanned) {
    if (scanned.problem) {
      diagnostics.push(leftOutOfSite(scanned.problem));
      continue;
    }
    diagnostics.push(...scanned.facts.diagnostics);
    // The shown path only when a message needs it (two files claiming one slug), not one path joined per
    // article on every build (#6).
    readable.push({ get file() { return show(scanned.name); }, existing: { ...scanned.facts, file: scanned.name } });
  }
  const owners = keepOneFilePerSlug(readable, (f) => f.existing.slug);
  diagnostics.push(...owners.diagnostics);
  const parsed = owners.accepted.map((f) => f.existing);
  readable.length = 0;
  // Files left out above may hold a person's half-finished edit: never write over them.
  const accepted = new Set(parsed.map((e) => e.file));
  const untouchable = new Set(articles.scanned.map((s) => s.name).filter((f) => !accepted.has(f)));
  const byRaw = new Map<string, Existing>();
  for (const entry of parsed) {
    if (entry.raw !== undefined) byRaw.set(entry.raw, entry);
  }

  // 2. Which raw files to ingest: a raw file that has an article is hashed (or its hash taken from a cache), a
  // chunk at a time, and only its name kept; one that has none is new. A person's edit wins: its raw file is
  // not even read further.
  const hashRaw = options.hashRaw ?? (async (files: readonly RawFile[]) => (await options.readRaw(files)).map(rawSha256));
  const stale: RawFile[] = [];
  let unseen = 0;
  for (let from = 0; from < raw.length; from += CHUNK) {
    const files = raw.slice(from, from + CHUNK);
    const known = files.filter((f) => byRaw.has(f.file));
    const hashes = new Map(known.length === 0 ? [] : (await hashRaw(known)).map((hash, i) => [known[i]!.file, hash]));
    for (const file of files) {
      const previous = byRaw.get(file.file);
      if (previous) {
        const unchanged = previous.rawSha256 === hashes.get(file.file);
        if (!previous.generated) {
          if (!unchanged) {
            diagnostics.push({
              severity: "warning",
              file: show(previous.file),
              message: `was edited by hand, and its source ${show(file.file)} has changed since; your version is kept`,
              fix: `To take the new text, merge it into ${show(previous.file)} yourself, or delete ${show(previous.file)} to regenerate it.`,
            });
          }
          continue;
        }
        // Same bytes, same generator: the file on disk is exactly what a rebuild would write.
        if (unchanged && previous.extractor === options.extractorVersion) continue;
      } else unseen++;
      stale.push(file);
    }
  }
  const rawNames = new Set(raw.map((r) => r.file));

  // 3. Slugs: a raw article keeps the slug it has; hand-written articles reserve theirs. Given a chunk at a time
  // in raw-path order, with every slug given before counted as taken: the same slugs as one call over all.
  const existing = new Map<string, string>();
  for (const entry of parsed) existing.set(entry.raw ?? `hand:${entry.file}`, entry.slug);

  // 4. Ingest, enrich what is new or stale (reusing the rest), write: chunk by chunk, so that a large import
  // never holds every article, extraction or serialised file at once (#6). Pipelined (issue 6): while the
  // extractor works on chunk N, this thread reads and ingests chunk N+1, then writes chunk N−1 (the extractor
  // serialised it: finish-article.ts).
  // Diagnostics, slugs and writes still come in chunk order, so the result is the one a chunk-at-a-time run gives.
  type Item = { job: ArticleJob; file: string; previous: Existing | undefined };
  const prepare = async (from: number): Promise<Item[]> => {
    const ingested: { article: Omit<Article, "slug">; slugBase: string }[] = [];
    for (const input of await options.readRaw(stale.slice(from, from + CHUNK))) {
      const result = ingestArticle(input);
      diagnostics.push(...result.diagnostics.map((d) => ({ ...d, file: show(d.file) })));
      if (result.article) ingested.push({ article: result.article, slugBase: result.slugBase });
    }
    const slugs = assignSlugs(
      ingested.map((i) => ({ raw: i.article.provenance.raw, base: i.slugBase })),
      existing,
    );
    for (const [rawFile, slug] of slugs) existing.set(rawFile, slug);

    const chunk: Item[] = [];
    for (const { article: unslugged } of ingested) {
      const slug = slugs.get(unslugged.provenance.raw);
      if (slug === undefined) continue;
      const article: Article = { ...unslugged, slug };
      const previous = byRaw.get(unslugged.provenance.raw);
      const hash = bodySha256(article.paragraphs);
      const cached =
        previous && previous.bodySha256 === hash && previous.extractor === options.extractorVersion
          ? enrichmentFrom(await articles.read(previous.file), options.extractorVersion, hash)
          : undefined;
      const file = previous?.file ?? `articles/${article.slug}.md`;
      chunk.push({ job: { article, bodySha256: hash, cached, shown: show(file) }, file, previous });
    }
    return chunk;
  };

  let extractor: ReturnType<PlanOptions["extractor"]> | undefined;
  // New raw files always need the extractor: start it (workers take a second or two to load) before reading.
  if (unseen > 0) extractor = options.extractor(stale.length);
  let enriched = 0;
  const writes: string[] = [];
  const written = new Map<string, string>();
  const finish: FinishOptions = { extractorVersion: options.extractorVersion, record: options.recordWritten ?? false };
  const extract = (chunk: readonly Item[], from: number): Promise<readonly FinishedArticle[]> => {
    const pending = chunk.filter((w) => !w.job.cached);
    if (pending.length === 0) return Promise.resolve([]);
    // At most the stale files left: a raw file whose body did not change keeps its enrichment.
    extractor ??= options.extractor(stale.length - from - (chunk.length - pending.length));
    enriched += pending.length;
    const extraction = extractor.enrich(pending.map((w) => w.job), finish);
    extraction.catch(() => {}); // awaited later, by write(); until then a failure must not count as unhandled
    return extraction;
  };
  const write = async ({ chunk, extraction }: { chunk: readonly Item[]; extraction: Promise<readonly FinishedArticle[]> }) => {
    const extracted = await extraction;
    const pending = chunk.filter((w) => !w.job.cached);
    if (extracted.length !== pending.length) throw new Error(`extractor returned ${extracted.length} results for ${pending.length} articles`);
    const fresh = new Map(pending.map((w, i) => [w, extracted[i]!]));
    for (const w of chunk) {
      const { text, textSha256, record } = fresh.get(w) ?? finishArticle(w.job, undefined, finish);
      // The hash of the text on disk stands for the text: equal hashes, equal bytes, nothing to write.
      if (untouchable.has(w.file) || w.previous?.textSha256 === textSha256) continue;
      await options.write(w.file, text, record);
      writes.push(w.file);
      written.set(w.file, textSha256);
    }
  };
  try {
    let previous: { chunk: Item[]; extraction: Promise<readonly FinishedArticle[]> } | undefined;
    for (let from = 0; from < stale.length; from += CHUNK) {
      const chunk = await prepare(from);
      const extraction = extract(chunk, from);
      if (previous) await write(previous);
      previous = { chunk, extraction };
    }
    if (previous) await write(previous);
  } finally {
    await extractor?.close();
  }

  // 5. Generated files whose raw article is gone.
  const deletes: string[] = [];
  for (const entry of parsed) {
    if (entry.raw !== undefined && !rawNames.has(entry.raw) && entry.generated) deletes.push(entry.file);
  }
  const onSite = new Set(parsed.map((e) => e.file));
  for (const w of writes) onSite.add(w);
  for (const d of deletes) onSite.delete(d);
  const textSha256 = new Map<string, string>();
  for (const scanned of articles.scanned) if (scanned.facts) textSha256.set(scanned.name, scanned.facts.textSha256);
  for (const [file, hash] of written) textSha256.set(file, hash);
  for (const d of deletes) textSha256.delete(d);
  return {
    writes,
    deletes,
    diagnostics,
    articleCount: onSite.size,
    enriched,
    textSha256,
  };
}

function enrichmentFrom(file: ArticleFile, extractor: string, hash: string): Enrichment {
  const d = file.data;
  return {
    people: d.people,
    organizations: d.organizations,
    places: d.places,
    laws: d.laws,
    money: d.money,
    dates: d.dates,
    quotes: d.quotes,
    sources: d.sources,
    extractor,
    bodySha256: hash,
  } as Enrichment;
}
