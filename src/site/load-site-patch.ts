// What an incremental build renders, loaded from the archive core of the previous build (issue 6) instead
// of from every article file: the core's rows of the files that changed are read again, the index and the
// page digests are computed from the core, and only the changed article pages' own files are read whole
// (fill-records.ts). At 10,000 articles an edit reads a few files instead of 10,000.

import path from "node:path";
import createDebug from "debug";
import { ArticleParseCache } from "../article-cache/index.ts";
import {
  articleTexts,
  CoreDamagedError,
  coreFromArticles,
  decodeArchiveCore,
  encodeArchiveCore,
  hollowArticles,
  indexArchive,
  rowTexts,
  staleNames,
  updateCore,
  warmIndexMemo,
  type ArchiveArticle,
  type ArchiveCore,
  type CoreArticle,
} from "../archive/index.ts";
import { keepOneFilePerSlug } from "../front-matter/index.ts";
import { fillRecords, recordsToFill } from "./fill-records.ts";
import type { BodySource, SiteSource } from "./load-site.ts";
import { incrementalChanges, pageDigests, type PageChanges, type PageDigests } from "./page-digests.ts";
import { buildPageLists, type PageLists } from "./page-lists.ts";
import { articleNames } from "./read-articles.ts";
import { readEditorialRules } from "./read-editorial-rules.ts";

const debug = createDebug("broadsheet:site");

/** The previous build's archive core, its rows opened as the index reads articles (hollowArticles). */
export interface OpenedCore {
  readonly core: ArchiveCore;
  readonly rows: ReadonlyMap<string, CoreArticle>;
}

/**
 * Opens a v8-serialised archive core made by the code `code`; undefined when it is of another version or
 * code. Opening 10,000 rows takes ~0.2 s: a build does it while its sync stage runs.
 */
export function openArchiveCore(bytes: Uint8Array, code: string): OpenedCore | undefined {
  const core = decodeArchiveCore(bytes);
  if (!core || core.code !== code) return undefined;
  try {
    return { core, rows: new Map(hollowArticles(core).map((a) => [a.name, a])) };
  } catch (error) {
    if (error instanceof CoreDamagedError) return undefined;
    throw error;
  }
}

/**
 * Readies an opened core for a process that builds again (build --watch), while it waits for a change: its
 * memo gets the entity resolution that the next patch's index starts from (warmIndexMemo), and the patch's
 * steps run once on a trial change, the archive less one article, whose results are dropped. Until V8 has
 * compiled those steps, the first change cost ~0.8 s more than the later ones at 10,000 articles; after the
 * trial, ~0.3 s (#6).
 */
export async function warmArchiveCore(opened: OpenedCore, contentDir: string, digests?: PageDigests): Promise<void> {
  const { memo } = opened.core;
  if (!memo) return;
  const { rows, files } = indexRows(opened.rows.values());
  const articles = rows.map((a) => a.data);
  const rules = await readEditorialRules(contentDir);
  if (articles.length > 1) {
    // Before the memo has a resolution state: the trial would take it.
    const trial = indexArchive(
      articles.filter((_, i) => i !== articles.length >> 1),
      { rules, files, previous: memo },
    );
    pageDigests(trial.index, buildPageLists(trial.index), files, trial.diff && digests && { previous: digests, diff: trial.diff });
  }
  warmIndexMemo(memo, articles, rules);
}

export interface SitePatchInput {
  readonly contentDir: string;
  /** The previous build's archive core (openArchiveCore). */
  readonly core: OpenedCore;
  /** sha256 of each article file's text by "articles/<name>", from the sync stage; files it lacks are read. */
  readonly textHashes?: ReadonlyMap<string, string>;
  /** The previous site's page digests. */
  readonly previous: PageDigests;
  /** The previous site's page lists, when the caller kept them (build --watch): unchanged entities keep their pages. */
  readonly previousPages?: PageLists;
}

export interface SitePatch {
  /** The index with the records of the changed pages filled in; bodies of the changed article pages only. */
  readonly site: SiteSource;
  readonly digests: PageDigests;
  readonly changes: PageChanges;
  /**
   * The updated core, encoded (encodeArchiveCore), to record with the site: made when it is recorded, after
   * the site is in place (a watching process does that after reporting the site, #6).
   */
  readonly core: () => readonly Uint8Array[];
  /**
   * The same core opened, as openArchiveCore would give it back: for a process that builds again (build
   * --watch). Made when first asked for, as `core`: updating it took ~40 ms of an add at 10,000 articles.
   */
  readonly opened: () => OpenedCore;
}

/**
 * The changed pages of the site and what they show; "full" when so much changed that a full build should
 * run instead (incrementalChanges); undefined when a file changed while this build read it.
 */
export async function loadSitePatch(input: SitePatchInput): Promise<SitePatch | "full" | undefined> {
  const started = performance.now();
  const saved = input.core.core;
  const dir = path.join(input.contentDir, "articles");
  const names = await articleNames(dir);
  const cache = await ArticleParseCache.open(input.contentDir, { write: false, show: (name) => path.join(dir, name) });
  const stale = staleNames(saved, new Map(names.map((name) => [name, input.textHashes?.get(`articles/${name}`)])));
  const fresh: CoreArticle[] = [];
  for (const read of await cache.readAll(stale)) {
    if (read.article) fresh.push({ name: read.name, textSha256: read.textSha256, data: read.article.data });
  }
  // The changed files as the core would hold them (placeholders for their texts), in the opened rows' places.
  const reread = new Map(hollowArticles(coreFromArticles(fresh, saved.code)).map((a) => [a.name, a]));
  const gone = new Set(stale);
  const rows = names.map((name) => reread.get(name) ?? (gone.has(name) ? undefined : input.core.rows.get(name))).filter((a) => a !== undefined);
  const { rows: articles, files } = indexRows(rows);
  const { index, memo, changed, diff, relatedComputed, resolvedArticles } = indexArchive(
    articles.map((a) => a.data),
    { rules: await readEditorialRules(input.contentDir), files, previous: saved.memo },
  );
  const pages = buildPageLists(index, diff && input.previousPages ? { previous: input.previousPages, changed: diff.entities } : undefined);
  const indexed = performance.now();
  // What differs from the previous index (the changed articles only, in the memo's case) lets pages that show none of it keep their digests.
  const digests = pageDigests(index, pages, files, diff && { previous: input.previous, diff });
  const changes = incrementalChanges(input.previous, digests);
  debug(
    "core of %d articles (%d read again), index in %dms (%s), %d page digests in %dms",
    names.length,
    stale.length,
    Math.round(indexed - started),
    changed
      ? `archive-wide steps reused, ${changed.length} articles changed`
      : `archive-wide steps computed (${lookedUp(resolvedArticles ?? names.length)}${relatedComputed === undefined ? "" : `, ${relatedComputed} related lists`}), ${diff ? `${diff.articles.size} articles and ${diff.entities.size} entities changed` : "no previous index"}`,
    digests.size,
    Math.round(performance.now() - indexed),
  );
  if (!changes) return "full";

  // What the changed pages show: their own articles whole, through the parse cache (the sync stage filled
  // it); the sentences and quotes of the articles they list, from the core.
  const fillStarted = performance.now();
  let updated: ArchiveCore | undefined;
  const core = (): ArchiveCore => (updated ??= { ...updateCore(saved, fresh, new Set(names)), memo });
  // The texts of a row as the updated core would give them back: the file's own for a file read again.
  const freshRows = new Map(fresh.map((a) => [a.name, a]));
  const textsOf = (name: string): readonly string[] | undefined => {
    const row = freshRows.get(name);
    return row ? articleTexts(row.data) : rowTexts(saved, name);
  };
  const rowOf = new Map(articles.map((a) => [a.data.slug, a]));
  const rowAt = (position: number): CoreArticle => rowOf.get(index.articles[position]!.slug)!;
  const needed = recordsToFill(index, pages, changes.render);
  const texts = new Map<number, readonly string[]>();
  for (const position of needed.texts) {
    const row = rowAt(position);
    const found = textsOf(row.name);
    // Damaged (not one text per record and quote): a full build reads the articles themselves.
    if (found?.length !== textCount(row.data)) return undefined;
    texts.set(position, found);
  }
  const wanted = [...needed.whole].map((position) => ({ position, row: rowAt(position) }));
  const whole = new Map<number, ArchiveArticle>();
  const bodies = new Map<string, BodySource>();
  const reads = await cache.readAll(wanted.map((w) => w.row.name));
  reads.forEach((read, i) => {
    // The placeholders name records of the file as the core holds it: another version cannot fill them.
    if (!read.article || read.textSha256 !== wanted[i]!.row.textSha256) return;
    const { data, body } = read.article;
    whole.set(wanted[i]!.position, data);
    bodies.set(data.slug, { key: data.slug, markdown: body, path: path.join(dir, read.name), textSha256: read.textSha256 });
  });
  // A file changed or broke while this build read it: a full build reads everything again, and reports it.
  if (whole.size < wanted.length) return undefined;
  const filled = fillRecords(index, pages, changes.render, whole, texts);
  debug(
    "%d articles read whole and the texts of %d from the core for %d pages in %dms",
    whole.size,
    texts.size,
    changes.render.size,
    Math.round(performance.now() - fillStarted),
  );
  return {
    // Read in the order recordsToFill listed the article pages: the order they render in.
    site: { index: filled, pages, bodies: [...bodies.values()] },
    digests,
    changes,
    core: () => encodeArchiveCore(core()),
    // The rows of the files this build did not read again are the opened core's, unchanged.
    opened: () => ({ core: core(), rows: new Map(rows.map((a) => [a.name, a])) }),
  };
}

/** The rows the index takes (one file per slug, as a full build keeps them), and each one's file hash by slug. */
function indexRows(rows: Iterable<CoreArticle>): { rows: CoreArticle[]; files: Map<string, string> } {
  const accepted = keepOneFilePerSlug(
    [...rows].map((a) => ({ ...a, file: a.name })),
    (a) => a.data.slug,
  ).accepted;
  return { rows: accepted, files: new Map(accepted.map((a) => [a.data.slug, a.textSha256])) };
}

function lookedUp(articles: number): string {
  return `${articles} ${articles === 1 ? "article's" : "articles'"} entities looked up`;
}

function textCount(a: ArchiveArticle): number {
  return a.people.length + a.organizations.length + a.places.length + a.laws.length + a.quotes.length;
}
