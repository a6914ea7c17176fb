// Decides what content/articles should hold, given the raw articles and the Markdown already there.
// Pure apart from the extractor it is handed: the build command does the reading and writing.
// Rules (#2, #7): a person's edit always wins; enrichment is reused while body and extractor are unchanged;
// nothing is written whose bytes would not change.

import { bodySha256, selectArticleFiles, serializeArticle, type SelectedArticleFile } from "../front-matter/index.ts";
import { assignSlugs, ingestArticle, rawSha256 } from "../ingest/index.ts";
import type { Article, Diagnostic, Enrichment, Extraction, ExtractionInput } from "../types.ts";
import type { MarkdownInput, RawInput } from "./read-content-folder.ts";

/** Articles enriched, serialised and written per step: bounds memory on large imports. */
const CHUNK = 2_000;

export interface PlanOptions {
  readonly extractorVersion: string;
  /** An extractor for `total` articles, fed in chunks (it may run on worker threads). */
  readonly extractor: (total: number) => {
    extract(inputs: readonly ExtractionInput[]): Promise<readonly Extraction[]>;
    close(): Promise<void>;
  };
  /** Writes one file of content/articles (path relative to the content folder). */
  readonly write: (file: string, text: string) => Promise<void>;
  /** Turns a path relative to the content folder into the path shown to the user. */
  readonly show: (rel: string) => string;
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
}

export async function planArticleFiles(
  raw: readonly RawInput[],
  markdown: readonly MarkdownInput[],
  options: PlanOptions,
): Promise<ArticlePlan> {
  const { show } = options;
  const diagnostics: Diagnostic[] = [];

  // 1. What is already in content/articles (bad files are reported and left alone).
  const selection = selectArticleFiles(markdown.map((md) => ({ file: show(md.file), text: md.text })));
  diagnostics.push(...selection.diagnostics);
  const relative = new Map(markdown.map((md) => [show(md.file), md.file]));
  const parsed: SelectedArticleFile[] = selection.accepted.map((f) => ({ ...f, file: relative.get(f.file) ?? f.file }));
  // Files left out above may hold a person's half-finished edit: never write over them.
  const accepted = new Set(parsed.map((e) => e.file));
  const untouchable = new Set(markdown.map((md) => md.file).filter((f) => !accepted.has(f)));
  const byRaw = new Map<string, SelectedArticleFile>();
  for (const entry of parsed) {
    const rawFile = entry.data.broadsheet.raw;
    if (rawFile !== undefined) byRaw.set(rawFile, entry);
  }

  // 2. Ingest what is new or changed. A person's edit wins: its raw file is not even read further.
  const ingested: { input: RawInput; article: Omit<Article, "slug">; slugBase: string }[] = [];
  for (const input of raw) {
    const previous = byRaw.get(input.file);
    if (previous) {
      const unchanged = previous.data.broadsheet.rawSha256 === rawSha256(input);
      if (!previous.generated) {
        if (!unchanged) {
          diagnostics.push({
            severity: "warning",
            file: show(previous.file),
            message: `was edited by hand, and its source ${show(input.file)} has changed since; your version is kept`,
            fix: `To take the new text, merge it into ${show(previous.file)} yourself, or delete ${show(previous.file)} to regenerate it.`,
          });
        }
        continue;
      }
      // Same bytes, same generator: the file on disk is exactly what a rebuild would write.
      if (unchanged && previous.data.broadsheet.extractor === options.extractorVersion) continue;
    }
    const result = ingestArticle(input);
    diagnostics.push(...result.diagnostics.map((d) => ({ ...d, file: show(d.file) })));
    if (result.article) ingested.push({ input, article: result.article, slugBase: result.slugBase });
  }
  const rawNames = new Set(raw.map((r) => r.file));

  // 3. Slugs: a raw article keeps the slug it has; hand-written articles reserve theirs.
  const existing = new Map<string, string>();
  for (const entry of parsed) existing.set(entry.data.broadsheet.raw ?? `hand:${entry.file}`, entry.data.slug);
  const slugs = assignSlugs(
    ingested.map((i) => ({ raw: i.input.file, base: i.slugBase })),
    existing,
  );

  // 4. Enrich what is new or stale, reuse the rest; then write. Chunk by chunk, so that a large import never
  // holds every extraction and every serialised file at once (#6).
  const work: ({ article: Article; previous: SelectedArticleFile | undefined; hash: string; cached: Enrichment | undefined } | undefined)[] = [];
  for (const { input, article: unslugged } of ingested) {
    const slug = slugs.get(input.file);
    if (slug === undefined) continue;
    const article: Article = { ...unslugged, slug };
    const previous = byRaw.get(input.file);
    const hash = bodySha256(article.paragraphs);
    const cached =
      previous && previous.data.broadsheet.bodySha256 === hash && previous.data.broadsheet.extractor === options.extractorVersion
        ? enrichmentFrom(previous, options.extractorVersion, hash)
        : undefined;
    work.push({ article, previous, hash, cached });
  }
  ingested.length = 0;
  const enriched = work.filter((w) => w && !w.cached).length;
  const extractor = options.extractor(enriched);
  const writes: string[] = [];
  try {
    for (let from = 0; from < work.length; from += CHUNK) {
      const chunk = work.slice(from, from + CHUNK).filter((w) => w !== undefined);
      const pending = chunk.filter((w) => !w.cached);
      const extracted = await extractor.extract(
        pending.map(({ article }) => ({ title: article.title, paragraphs: article.paragraphs, ...(article.date === undefined ? {} : { date: article.date }) })),
      );
      if (extracted.length !== pending.length) throw new Error(`extractor returned ${extracted.length} results for ${pending.length} articles`);
      const fresh = new Map(pending.map((w, i) => [w, extracted[i]!]));
      for (const w of chunk) {
        const extraction = fresh.get(w);
        const enrichment = w.cached ?? { ...extraction!, extractor: options.extractorVersion, bodySha256: w.hash };
        const text = serializeArticle(w.article, enrichment);
        const file = w.previous?.file ?? `articles/${w.article.slug}.md`;
        if (untouchable.has(file) || w.previous?.text === text) continue;
        await options.write(file, text);
        writes.push(file);
      }
      for (let i = from; i < Math.min(from + CHUNK, work.length); i++) work[i] = undefined;
    }
  } finally {
    await extractor.close();
  }

  // 5. Generated files whose raw article is gone.
  const deletes: string[] = [];
  for (const entry of parsed) {
    const rawFile = entry.data.broadsheet.raw;
    if (rawFile !== undefined && !rawNames.has(rawFile) && entry.generated) deletes.push(entry.file);
  }
  const onSite = new Set(parsed.map((e) => e.file));
  for (const w of writes) onSite.add(w);
  for (const d of deletes) onSite.delete(d);
  return {
    writes,
    deletes,
    diagnostics,
    articleCount: onSite.size,
    enriched,
  };
}

function enrichmentFrom(file: SelectedArticleFile, extractor: string, hash: string): Enrichment {
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
