// Everything the site shows across articles, computed once per build from front matter (DESIGN.md):
// article order, neighbours by date, related articles, entity pages, A–Z and date indexes.
// Pure and near-linear so it stays fast at 100,000 articles (issue 6): no step compares all pairs.

import type { ArticleSource, EntityRecord, EntityType, MoneyMention, Quote } from "../types.ts";
import type { EditorialRules } from "./editorial-rules.ts";
import { NO_EDITORIAL_RULES } from "./editorial-rules.ts";
import { diffIndex, type IndexDiff } from "./index-diff.ts";
import { listAt, makeMemo, placesNow, reuseMemo, shapesOf, withFiles, type IndexMemo, type Reuse } from "./index-memo.ts";
import { dayNumber, entityWeights, relatedArticles, updateRelated, type RelatedInput } from "./related-articles.ts";
import { ENTITY_FIELDS, ENTITY_TYPE_ORDER, resolveEntities, type ArticleEntities, type CanonicalEntity, type ResolutionState, type ResolvedEntities } from "./resolve-entities.ts";
import { topK } from "./top-k.ts";

const PERSON = ENTITY_TYPE_ORDER.indexOf("person");

/** One article's front matter as the index reads it (ArticleFrontMatter fits). */
export interface ArchiveArticle {
  readonly slug: string;
  readonly title: string;
  readonly date?: string | undefined;
  readonly byline?: string | undefined;
  readonly source: ArticleSource | { readonly [K in keyof ArticleSource]?: string | undefined };
  readonly summary: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  readonly people: readonly ArchiveEntityRecord[];
  readonly organizations: readonly ArchiveEntityRecord[];
  readonly places: readonly ArchiveEntityRecord[];
  readonly laws: readonly ArchiveEntityRecord[];
  readonly money: readonly ArchiveMoney[];
  readonly quotes: readonly ArchiveQuote[];
  readonly sources: readonly string[];
}

type Loose<T> = { readonly [K in keyof T]: undefined extends T[K] ? T[K] | undefined : T[K] };
export type ArchiveEntityRecord = Loose<EntityRecord>;
export type ArchiveMoney = Loose<MoneyMention>;
export type ArchiveQuote = Loose<Quote>;

export interface BuildArchiveIndexOptions {
  /** Editor's merges, renames and blocks (default: none). */
  readonly rules?: EditorialRules;
  /** Related articles kept per article (default 5). */
  readonly relatedLimit?: number;
  /** Co-occurring entities kept per entity (default 10). */
  readonly cooccurringLimit?: number;
  /** Top entities kept per article (default 5). */
  readonly topEntityLimit?: number;
}

/** An entity as one article mentions it, with its site-wide identity. */
export interface ArticleEntity {
  readonly key: string;
  readonly type: EntityType;
  /** Canonical, site-wide name. */
  readonly name: string;
  /** The name this article uses. */
  readonly localName: string;
  readonly aliases: readonly string[];
  readonly role?: string;
  readonly mentions: number;
  readonly paragraph: string;
  readonly sentence: string;
}

export interface IndexedQuote {
  readonly text: string;
  readonly paragraph: string;
  readonly speaker?: string;
  /** Entity key of the speaker, when the speaker is a known person. */
  readonly speakerKey?: string;
}

export interface IndexedArticle {
  /** Place in `ArchiveIndex.articles` (newest first, undated last). */
  readonly position: number;
  readonly slug: string;
  readonly title: string;
  readonly date?: string;
  readonly byline?: string;
  readonly source: ArticleSource;
  readonly summary: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  /** People, organisations, places and laws, each type in front-matter order. */
  readonly entities: readonly ArticleEntity[];
  readonly money: readonly MoneyMention[];
  readonly quotes: readonly IndexedQuote[];
  readonly sources: readonly string[];
  /** Keys of the most mentioned entities. */
  readonly topEntities: readonly string[];
  /** Positions of related articles, best first. */
  readonly related: readonly number[];
  /** Position of the next older / newer article (dated articles among dated, undated among undated). */
  readonly older?: number;
  readonly newer?: number;
}

export interface EntityMention {
  /** Article position. */
  readonly article: number;
  readonly paragraph: string;
  readonly sentence: string;
  readonly mentions: number;
}

export interface IndexedEntity {
  readonly key: string;
  readonly type: EntityType;
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly string[];
  /** How many articles mention it: `mentions.length`, without making the list. */
  readonly articleCount: number;
  /** Every article that mentions it, newest first (undated last). */
  readonly mentions: readonly EntityMention[];
  /** Quotes by this entity (people), newest first. */
  readonly quotes: readonly (IndexedQuote & { readonly article: number })[];
  /** Entities most often in the same articles, most frequent first. */
  readonly cooccurring: readonly { readonly key: string; readonly count: number }[];
  /** Mentions per calendar month (YYYY-MM), oldest first; undated articles are not counted. */
  readonly months: readonly { readonly month: string; readonly count: number }[];
}

export interface YearGroup {
  readonly year: string;
  /** Newest month first; each with article positions, newest first. */
  readonly months: readonly { readonly month: string; readonly articles: readonly number[] }[];
  readonly count: number;
}

export interface ArchiveIndex {
  readonly articles: readonly IndexedArticle[];
  readonly articleBySlug: ReadonlyMap<string, number>;
  /** Sorted by type, then A–Z (case and accents folded). */
  readonly entities: readonly IndexedEntity[];
  readonly entityByKey: ReadonlyMap<string, IndexedEntity>;
  /** Per type, A–Z. */
  readonly byType: Readonly<Record<EntityType, readonly IndexedEntity[]>>;
  /** Newest year first. */
  readonly years: readonly YearGroup[];
  /** Positions of undated articles (the tail of `articles`). */
  readonly undated: readonly number[];
}

export const ENTITY_TYPES: readonly EntityType[] = ENTITY_TYPE_ORDER;

/** Case- and accent-folded sort key, so "Émile" sorts with "Emile" under E. */
export function sortKey(name: string): string {
  // Decomposing and dropping marks changes nothing in ASCII, which most names and titles are: that test costs a
  // fraction of normalize() (#6: the sort of an add's 10,000 articles and the entities' order).
  if (ASCII.test(name)) return name.toLowerCase();
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first; undated last; ties by title then slug so the order never depends on input order. */
function sortArticles(input: readonly ArchiveArticle[]): ArchiveArticle[] {
  // Each title's key made once, not in every comparison of two articles of one date (#6).
  const keys = new Map<ArchiveArticle, string>();
  const key = (a: ArchiveArticle): string => {
    let k = keys.get(a);
    if (k === undefined) keys.set(a, (k = sortKey(a.title)));
    return k;
  };
  return [...input].sort((a, b) => {
    if (a.date !== b.date) {
      if (a.date === undefined) return 1;
      if (b.date === undefined) return -1;
      return compareStrings(b.date, a.date);
    }
    return compareStrings(key(a), key(b)) || compareStrings(a.slug, b.slug);
  });
}

function definedSource(source: ArchiveArticle["source"]): ArticleSource {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (typeof value === "string" && value) out[key] = value;
  return out as ArticleSource;
}

export function buildArchiveIndex(input: readonly ArchiveArticle[], options: Readonly<BuildArchiveIndexOptions> = {}): ArchiveIndex {
  return indexArticles(input, options, undefined).index;
}

export interface IndexArchiveOptions extends BuildArchiveIndexOptions {
  /** sha256 of each article's file, by slug. */
  readonly files: ReadonlyMap<string, string>;
  /** The memo of the previous build's index (index-memo.ts). */
  readonly previous?: IndexMemo | undefined;
}

export interface IndexedArchive {
  readonly index: ArchiveIndex;
  /** To keep for the next build. */
  readonly memo: IndexMemo;
  /**
   * Set when the previous memo's archive-wide steps were reused: the positions of the articles whose file
   * changed since. Only they differ from the previous build's index (index-memo.ts).
   */
  readonly changed?: readonly number[];
  /** What differs from the previous build's index, when its memo was made with the same settings (index-diff.ts). */
  readonly diff?: IndexDiff;
  /** How many related lists were computed, when the others were the memo's (related-articles.ts updateRelated). */
  readonly relatedComputed?: number;
  /** How many articles' entity records were looked up, when entities were resolved (resolve-entities.ts ResolutionState). */
  readonly resolvedArticles?: number;
}

/** The index and its memo, reusing the previous build's memo when the articles' shapes allow (index-memo.ts). */
export function indexArchive(input: readonly ArchiveArticle[], options: Readonly<IndexArchiveOptions>): IndexedArchive {
  const built = indexArticles(input, options, options);
  return {
    index: built.index,
    memo: built.memo!,
    ...(built.reuse ? { changed: built.reuse.changed } : {}),
    ...(built.diff ? { diff: built.diff } : {}),
    ...(built.relatedComputed === undefined ? {} : { relatedComputed: built.relatedComputed }),
    ...(built.resolved ? { resolvedArticles: built.resolved.lookedUp } : {}),
  };
}

function indexArticles(
  input: readonly ArchiveArticle[],
  options: Readonly<BuildArchiveIndexOptions>,
  memoOptions: Readonly<IndexArchiveOptions> | undefined,
): { index: ArchiveIndex; memo?: IndexMemo; reuse?: Reuse; diff?: IndexDiff; relatedComputed?: number; resolved?: ResolvedEntities } {
  const relatedLimit = options.relatedLimit ?? 5;
  const cooccurringLimit = options.cooccurringLimit ?? 10;
  const topEntityLimit = options.topEntityLimit ?? 5;
  const sorted = sortArticles(input);

  const settings = JSON.stringify([options.rules ?? NO_EDITORIAL_RULES, relatedLimit, cooccurringLimit]);
  const files = memoOptions?.files;
  const shapes = files && shapesOf(sorted, files, memoOptions.previous);
  const reuse = files && shapes ? reuseMemo(memoOptions.previous, settings, sorted, files, shapes) : undefined;
  const resolved = reuse
    ? undefined
    : resolveEntities(sorted.map(entitiesOf), options.rules ?? NO_EDITORIAL_RULES, {
        previous: memoOptions?.previous && resolutionStates.get(memoOptions.previous),
      });
  const resolution = reuse?.resolution ?? resolved!;
  // Sorted by key, so comparing two ids compares their keys.
  const canonical = resolution.entities;
  // Dense integer ids (places in `canonical`): the loops below run per record, 300,000 times at 10,000
  // articles, and array reads cost a fraction of string-keyed map lookups there (#6).
  // Each entity's articles are counted first and then laid out side by side in flat arrays (mentionLists):
  // an add at 10,000 articles made 300,000 mention objects, which the young generation copied twice (#6).
  const counts = new Int32Array(canonical.length + 1);
  // Each quote's speaker as an entity id (-1: none known), article by article from quoteStarts[position]; the
  // quote objects are made when a page asks for them (42,000 at 10,000 articles, #6).
  const quoteStarts = new Int32Array(sorted.length + 1);
  sorted.forEach((a, p) => (quoteStarts[p + 1] = quoteStarts[p]! + a.quotes.length));
  const speakers = new Int32Array(quoteStarts[sorted.length]!);
  const spoken = new Int32Array(canonical.length + 1);
  const seenIn = new Int32Array(canonical.length).fill(-1);
  // Each article's entities as the record that stands for each: the ArticleEntity objects (300,000 at
  // 10,000 articles) are made when a page asks for them, which an edit's few pages do (#6).
  const articleRecords: ArchiveEntityRecord[][] = [];
  const articleIds: Int32Array[] = [];

  sorted.forEach((article, position) => {
    const { recordIds, recordStarts } = resolution;
    const records: ArchiveEntityRecord[] = [];
    const entityIds: number[] = [];
    ENTITY_TYPE_ORDER.forEach((type, t) => {
      const start = recordStarts[ENTITY_TYPE_ORDER.length * position + t]!;
      article[ENTITY_FIELDS[type]].forEach((record, r) => {
        const id = recordIds[start + r]!;
        const entity = canonical[id];
        if (!entity || seenIn[id] === position) return;
        seenIn[id] = position;
        records.push(record);
        entityIds.push(id);
        counts[id + 1]! += 1;
      });
    });
    article.quotes.forEach((quote, q) => {
      // The speaker is the entity of the article's first person record of that name.
      const record = quote.speaker === undefined ? -1 : article.people.findIndex((p) => p.name === quote.speaker);
      const speakerId = record < 0 ? -1 : recordIds[recordStarts[ENTITY_TYPE_ORDER.length * position + PERSON]! + record]!;
      const known = speakerId >= 0 && canonical[speakerId] !== undefined;
      speakers[quoteStarts[position]! + q] = known ? speakerId : -1;
      if (known) spoken[speakerId + 1]! += 1;
    });
    articleRecords.push(records);
    articleIds.push(new Int32Array(entityIds));
  });

  const n = sorted.length;
  // Article positions only, in flat arrays: the scoring loops below read millions of them (#6).
  const mentions = mentionLists(articleIds, articleRecords, counts);
  const quotes: QuoteLists = { ...speakerLists(speakers, quoteStarts, spoken), speakers, quoteStarts, sorted, canonical };
  const postings: Int32Array[] = new Array(canonical.length);
  for (let id = 0; id < canonical.length; id++) postings[id] = mentions.articles.subarray(mentions.starts[id]!, mentions.starts[id + 1]!);
  const idfById = entityWeights(postings, n);
  const previous = memoOptions?.previous;
  const days = new Float64Array(n);
  for (let p = 0; p < n; p++) days[p] = dayNumber(sorted[p]!.date);
  const relatedInput: RelatedInput = { articleIds, postings, weights: idfById, days, limit: relatedLimit };
  // The previous index, when its memo's steps could not be reused as a whole: where its articles and entities are now.
  const since =
    !reuse && previous?.settings === settings && files
      ? { memo: previous, files, places: placesNow(previous, sorted.map((a) => a.slug), canonical.map((e) => e.key)) }
      : undefined;
  // After an add or another change of entities, only the lists it can reach are computed again (related-articles.ts).
  const updated = since && updateRelated(relatedInput, since.memo, { dates: sorted.map((a) => a.date), places: since.places });
  const related = reuse ? sorted.map((_, p) => listAt(reuse.memo.related, reuse.memo.relatedStarts, p, 1)) : (updated?.lists ?? relatedArticles(relatedInput));
  const undated: number[] = [];
  sorted.forEach((a, i) => {
    if (a.date === undefined) undated.push(i);
  });
  const firstUndated = undated[0] ?? n;
  const topIds: number[][] = [];

  const articles: IndexedArticle[] = sorted.map((a, position) => {
    const records = articleRecords[position]!;
    const ids = articleIds[position]!;
    const top = topK(
      records.map((_, i) => i),
      topEntityLimit,
      (x, y) => records[y]!.mentions - records[x]!.mentions || idfById[ids[y]!]! - idfById[ids[x]!]! || ids[x]! - ids[y]!,
    ).map((i) => ids[i]!);
    topIds.push(top);
    const dated = position < firstUndated;
    const groupStart = dated ? 0 : firstUndated;
    const groupEnd = dated ? firstUndated : n;
    return new Article(a, position, { records, ids, canonical, quotes }, {
      topEntities: top.map((id) => canonical[id]!.key),
      related: related[position] ?? [],
      older: position + 1 < groupEnd ? position + 1 : undefined,
      newer: position - 1 >= groupStart ? position - 1 : undefined,
    });
  });

  const diff: IndexDiff | undefined = reuse
    ? changedAt(reuse.changed, articles)
    : since && diffIndex(since.memo, { sorted, files: since.files, entities: canonical, recordIds: resolution.recordIds, recordStarts: resolution.recordStarts, related, top: topIds, places: since.places });
  const cooccurrence = new Cooccurrence(articleIds, canonical.length);
  const companions = canonical.map((e, id) =>
    reuse
      ? listAt(reuse.memo.cooccurring, reuse.memo.cooccurringStarts, id, 2)
      : (diff?.before?.companions(e.key) ?? (postings[id]!.length > 0 ? cooccurrence.top(id, postings[id]!, cooccurringLimit) : [])),
  );
  const entities: IndexedEntity[] = [];
  const sortKeys = new Map<IndexedEntity, string>();
  canonical.forEach((e, id) => {
    if (postings[id]!.length === 0) return;
    const pairs = companions[id]!;
    const cooccurring: { key: string; count: number }[] = [];
    for (let i = 0; i < pairs.length; i += 2) cooccurring.push({ key: canonical[pairs[i]!]!.key, count: pairs[i + 1]! });
    const entity = new Entity(e, cooccurring, { lists: mentions, id, sorted, quotes });
    entities.push(entity);
    sortKeys.set(entity, sortKey(e.name));
  });
  entities.sort((x, y) => compareStrings(x.type, y.type) || compareStrings(sortKeys.get(x)!, sortKeys.get(y)!) || compareStrings(x.key, y.key));
  const byType = { person: [], organization: [], place: [], law: [] } as Record<EntityType, IndexedEntity[]>;
  for (const e of entities) byType[e.type].push(e);

  const index: ArchiveIndex = {
    articles,
    articleBySlug: new Map(articles.map((a) => [a.slug, a.position])),
    entities,
    entityByKey: new Map(entities.map((e) => [e.key, e])),
    byType,
    years: groupByYear(articles.slice(0, firstUndated)),
    undated,
  };
  if (!files || !shapes) return { index };
  const memo = reuse ? withFiles(reuse.memo, files, topIds) : makeMemo({ settings, sorted, files, shapes, resolution, related, cooccurring: companions, top: topIds });
  const state = reuse ? resolutionStates.get(reuse.memo) : resolved?.state;
  if (state) resolutionStates.set(memo, state);
  return {
    index,
    memo,
    ...(reuse ? { reuse } : {}),
    ...(diff ? { diff } : {}),
    ...(updated ? { relatedComputed: updated.computed } : {}),
    ...(resolved ? { resolved } : {}),
  };
}

function entitiesOf(a: ArchiveArticle): ArticleEntities {
  return {
    slug: a.slug,
    ...(a.date === undefined ? {} : { date: a.date }),
    people: a.people as readonly EntityRecord[],
    organizations: a.organizations as readonly EntityRecord[],
    places: a.places as readonly EntityRecord[],
    laws: a.laws as readonly EntityRecord[],
  };
}

/**
 * Gives a memo read from a file the state that the next index resolves entities from (below), as though
 * this process had made it: a process that builds again (build --watch) does it while it waits, so that its
 * first change costs no more than the later ones (#6). `articles` are those the memo was made from.
 */
export function warmIndexMemo(memo: IndexMemo, articles: readonly ArchiveArticle[], rules: EditorialRules = NO_EDITORIAL_RULES): void {
  if (resolutionStates.has(memo)) return;
  const { state } = resolveEntities(sortArticles(articles).map(entitiesOf), rules);
  if (state) resolutionStates.set(memo, state);
}

/**
 * The resolution state (resolve-entities.ts) of the index each memo was made with: a process that builds
 * again (build --watch) hands its last memo back, and the next resolution starts from that state. In memory
 * only: a memo read from a file has none.
 */
const resolutionStates = new WeakMap<IndexMemo, ResolutionState>();

const NO_MONEY: readonly MoneyMention[] = Object.freeze([]);

/** An article's entities as the index holds them: the record that stands for each, and its entity id; and its quotes' speakers. */
interface ArticleRecords {
  readonly records: readonly ArchiveEntityRecord[];
  readonly ids: Int32Array;
  readonly canonical: readonly CanonicalEntity[];
  readonly quotes: QuoteLists;
}

/** Every quote's speaker, article by article, and each speaker's quotes, newest first. */
interface QuoteLists {
  /** The speaker of the article at position p's quote q, as an entity id (-1: none known): speakers[quoteStarts[p] + q]. */
  readonly speakers: Int32Array;
  readonly quoteStarts: Int32Array;
  /** Entity id → where its quotes start in `articles` and `quotes`; id + 1 → where they end. */
  readonly starts: Int32Array;
  /** Each quote's article position, and its place among that article's quotes. */
  readonly articles: Int32Array;
  readonly quotes: Int32Array;
  readonly sorted: readonly ArchiveArticle[];
  readonly canonical: readonly CanonicalEntity[];
}

/** `counts[id + 1]`: how many quotes entity `id` speaks (made into starts here). */
function speakerLists(speakers: Int32Array, quoteStarts: Int32Array, counts: Int32Array): Pick<QuoteLists, "starts" | "articles" | "quotes"> {
  const { starts, next } = startsOf(counts);
  const articles = new Int32Array(starts[starts.length - 1]!);
  const quotes = new Int32Array(articles.length);
  for (let position = 0; position + 1 < quoteStarts.length; position++) {
    for (let k = quoteStarts[position]!; k < quoteStarts[position + 1]!; k++) {
      const id = speakers[k]!;
      if (id < 0) continue;
      const at = next[id]!++;
      articles[at] = position;
      quotes[at] = k - quoteStarts[position]!;
    }
  }
  return { starts, articles, quotes };
}

/**
 * `counts[id + 1]` items of each id, laid out side by side: where each id's start (the counts, summed in
 * place; id + 1 → where they end), and a cursor per id for filling them in.
 */
function startsOf(counts: Int32Array): { starts: Int32Array; next: Int32Array } {
  for (let id = 1; id < counts.length; id++) counts[id]! += counts[id - 1]!;
  return { starts: counts, next: counts.slice(0, counts.length - 1) };
}

/** Quote q of the article at `position`, with its speaker's site-wide name and key. */
function indexedQuote(lists: QuoteLists, position: number, q: number): IndexedQuote {
  const quote = lists.sorted[position]!.quotes[q]!;
  const speaker = lists.canonical[lists.speakers[lists.quoteStarts[position]! + q]!];
  return {
    text: quote.text,
    paragraph: quote.paragraph,
    ...(quote.speaker === undefined ? {} : { speaker: speaker?.name ?? quote.speaker }),
    ...(speaker ? { speakerKey: speaker.key } : {}),
  };
}

/**
 * An article of the index. A class rather than a literal with a getter: V8 keeps object literals that hold
 * an accessor in dictionary mode, ~1.3 KB each and slow to read, and an add at 10,000 articles made 13 MB of
 * them for the young generation to copy (#6). `entities` and `quotes` are made when first read (on the
 * prototype: a spread of an article does not copy them, and the spreads that make articles set them).
 */
class Article implements IndexedArticle {
  readonly position: number;
  readonly slug: string;
  readonly title: string;
  declare readonly date?: string;
  declare readonly byline?: string;
  readonly source: ArticleSource;
  readonly summary: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  readonly money: readonly MoneyMention[];
  readonly sources: readonly string[];
  readonly topEntities: readonly string[];
  readonly related: readonly number[];
  declare readonly older?: number;
  declare readonly newer?: number;
  #entities: readonly ArticleEntity[] | undefined;
  #quotes: readonly IndexedQuote[] | undefined;
  readonly #of: ArticleRecords;

  constructor(
    a: ArchiveArticle,
    position: number,
    of: ArticleRecords,
    rest: { topEntities: readonly string[]; related: readonly number[]; older: number | undefined; newer: number | undefined },
  ) {
    this.#of = of;
    this.position = position;
    this.slug = a.slug;
    this.title = a.title;
    const self = this as { date?: string; byline?: string; older?: number; newer?: number };
    if (a.date !== undefined) self.date = a.date;
    if (a.byline) self.byline = a.byline;
    this.source = definedSource(a.source);
    this.summary = a.summary;
    this.wordCount = a.wordCount;
    this.readingMinutes = a.readingMinutes;
    this.money = a.money.length === 0 ? NO_MONEY : a.money.map((m) => ({ text: m.text, amount: m.amount, currency: m.currency, paragraph: m.paragraph }));
    this.sources = a.sources;
    this.topEntities = rest.topEntities;
    this.related = rest.related;
    if (rest.older !== undefined) self.older = rest.older;
    if (rest.newer !== undefined) self.newer = rest.newer;
  }

  get entities(): readonly ArticleEntity[] {
    return (this.#entities ??= articleEntities(this.#of.records, this.#of.ids, this.#of.canonical));
  }

  get quotes(): readonly IndexedQuote[] {
    if (this.#quotes) return this.#quotes;
    const list: IndexedQuote[] = [];
    for (let q = 0; q < this.#of.quotes.sorted[this.position]!.quotes.length; q++) list.push(indexedQuote(this.#of.quotes, this.position, q));
    return (this.#quotes = list);
  }

  /** Each entity's key and the name this article uses, without making `entities`. */
  eachEntity(each: (key: string, localName: string) => void): void {
    const { records, ids, canonical } = this.#of;
    for (let i = 0; i < records.length; i++) each(canonical[ids[i]!]!.key, records[i]!.name);
  }
}

/**
 * Calls `each` with the key and local name of each of the article's entities, in order: from an article of
 * the index without making its `entities` (page digests print thousands of articles' lists, #6).
 */
export function eachArticleEntity(a: IndexedArticle, each: (key: string, localName: string) => void): void {
  if (a instanceof Article) a.eachEntity(each);
  else for (const e of a.entities) each(e.key, e.localName);
}

/** Every entity's articles (positions, newest first) and the record that stands for it in each, side by side. */
interface MentionLists {
  /** Entity id → where its articles start; id + 1 → where they end. */
  readonly starts: Int32Array;
  readonly articles: Int32Array;
  readonly records: readonly ArchiveEntityRecord[];
}

/** `counts[id + 1]`: how many articles mention entity `id` (made into starts here). */
function mentionLists(articleIds: readonly Int32Array[], articleRecords: readonly (readonly ArchiveEntityRecord[])[], counts: Int32Array): MentionLists {
  const { starts, next } = startsOf(counts);
  const total = starts[starts.length - 1]!;
  const articles = new Int32Array(total);
  const records: ArchiveEntityRecord[] = new Array(total);
  for (let position = 0; position < articleIds.length; position++) {
    const ids = articleIds[position]!;
    const own = articleRecords[position]!;
    for (let k = 0; k < ids.length; k++) {
      const at = next[ids[k]!]!++;
      articles[at] = position;
      records[at] = own[k]!;
    }
  }
  return { starts, articles, records };
}

/** Where an entity's mentions are: the index's lists, its id in them, and the articles by position. */
interface EntityMentions {
  readonly lists: MentionLists;
  readonly id: number;
  readonly sorted: readonly ArchiveArticle[];
  readonly quotes: QuoteLists;
}

/**
 * An entity of the index. Its mentions, quotes and months are made when first read (on the prototype, as an
 * article's entities): an add reads them for the few entities it changed (#6). A spread of an entity does
 * not copy them: the spreads that make entities set them.
 */
class Entity implements IndexedEntity {
  readonly key: string;
  readonly type: EntityType;
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly string[];
  readonly articleCount: number;
  readonly cooccurring: IndexedEntity["cooccurring"];
  #mentions: readonly EntityMention[] | undefined;
  #quotes: IndexedEntity["quotes"] | undefined;
  #months: IndexedEntity["months"] | undefined;
  readonly #of: EntityMentions;

  constructor(e: CanonicalEntity, cooccurring: IndexedEntity["cooccurring"], of: EntityMentions) {
    this.#of = of;
    this.key = e.key;
    this.type = e.type;
    this.slug = e.slug;
    this.name = e.name;
    this.aliases = e.aliases;
    this.roles = e.roles;
    this.articleCount = of.lists.starts[of.id + 1]! - of.lists.starts[of.id]!;
    this.cooccurring = cooccurring;
  }

  /** The positions of its articles, newest first (a view of the index's lists). */
  get articles(): Int32Array {
    const { lists, id } = this.#of;
    return lists.articles.subarray(lists.starts[id]!, lists.starts[id + 1]!);
  }

  get mentions(): readonly EntityMention[] {
    if (this.#mentions) return this.#mentions;
    const { lists, id } = this.#of;
    const list: EntityMention[] = [];
    for (let at = lists.starts[id]!; at < lists.starts[id + 1]!; at++) {
      const record = lists.records[at]!;
      list.push({ article: lists.articles[at]!, paragraph: record.paragraph, sentence: record.sentence, mentions: record.mentions });
    }
    return (this.#mentions = list);
  }

  get quotes(): IndexedEntity["quotes"] {
    if (this.#quotes) return this.#quotes;
    const { quotes: lists, id } = this.#of;
    const list: (IndexedQuote & { article: number })[] = [];
    for (let at = lists.starts[id]!; at < lists.starts[id + 1]!; at++) list.push({ ...indexedQuote(lists, lists.articles[at]!, lists.quotes[at]!), article: lists.articles[at]! });
    return (this.#quotes = list);
  }

  /** Mentions per month, oldest first: each article counts its mentions (at least one). */
  get months(): IndexedEntity["months"] {
    if (this.#months) return this.#months;
    const { lists, id, sorted } = this.#of;
    const months: { month: string; count: number }[] = [];
    // Articles come newest first: the list is made newest first and turned.
    for (let at = lists.starts[id]!; at < lists.starts[id + 1]!; at++) {
      const month = sorted[lists.articles[at]!]!.date?.slice(0, 7);
      if (!month) continue;
      const count = Math.max(1, lists.records[at]!.mentions);
      const last = months[months.length - 1];
      if (last?.month === month) last.count += count;
      else months.push({ month, count });
    }
    return (this.#months = months.reverse());
  }
}

/** The positions of the articles that mention `e`, newest first; from an entity of the index without making its mentions. */
export function entityArticles(e: IndexedEntity): ArrayLike<number> & Iterable<number> {
  return e instanceof Entity ? e.articles : e.mentions.map((m) => m.article);
}

/** The diff of an index whose archive-wide steps were the memo's: only the articles at `changed` differ, in place. */
function changedAt(changed: readonly number[], articles: readonly IndexedArticle[]): IndexDiff {
  const entities = new Set<string>();
  for (const p of changed) eachArticleEntity(articles[p]!, (key) => entities.add(key));
  return { articles: new Set(changed), pages: new Set(), entities, described: new Set() };
}

/** An article's entities, each from the record that stands for it (the first of its records). */
function articleEntities(records: readonly ArchiveEntityRecord[], ids: Int32Array, canonical: readonly CanonicalEntity[]): ArticleEntity[] {
  return records.map((record, i) => {
    const { key, type, name } = canonical[ids[i]!]!;
    const { name: localName, aliases, mentions, paragraph, sentence } = record;
    // Two literals rather than a spread of `role`: one object per record, not two.
    return record.role
      ? { key, type, name, localName, aliases, role: record.role, mentions, paragraph, sentence }
      : { key, type, name, localName, aliases, mentions, paragraph, sentence };
  });
}

// Co-occurrence over an entity's newest articles only: enough to name its usual companions, and the
// cost stays bounded by the cap for entities in thousands of articles.
const COOCCURRENCE_POSTING_CAP = 200;

class Cooccurrence {
  private readonly counts: Int32Array;
  /** The entities counted so far, each once: a buffer kept for all, as an emptied array would not keep its store. */
  private readonly touched: Int32Array;

  constructor(
    private readonly articleIds: readonly Int32Array[],
    entityCount: number,
  ) {
    this.counts = new Int32Array(entityCount);
    this.touched = new Int32Array(entityCount);
  }

  /** The `limit` entities most often in the same articles as `self`, as (entity, count) pairs. */
  top(self: number, mentions: Int32Array, limit: number): number[] {
    const { counts, touched } = this;
    let count = 0;
    const end = Math.min(mentions.length, COOCCURRENCE_POSTING_CAP);
    for (let i = 0; i < end; i++) {
      const ids = this.articleIds[mentions[i]!];
      if (!ids) continue;
      // Indexed: for…of over a typed array costs several times more in this, the index's hottest loop.
      for (let k = 0; k < ids.length; k++) {
        const other = ids[k]!;
        if (other === self) continue;
        if (counts[other] === 0) touched[count++] = other;
        counts[other] = counts[other]! + 1;
      }
    }
    const best = topK(touched.subarray(0, count), limit, (a, b) => counts[b]! - counts[a]! || a - b).flatMap((id) => [id, counts[id]!]);
    for (let i = 0; i < count; i++) counts[touched[i]!] = 0;
    return best;
  }
}

function groupByYear(dated: readonly IndexedArticle[]): YearGroup[] {
  const years: YearGroup[] = [];
  let year: { year: string; months: { month: string; articles: number[] }[]; count: number } | undefined;
  for (const article of dated) {
    const y = article.date!.slice(0, 4);
    const m = article.date!.slice(0, 7);
    if (year?.year !== y) years.push((year = { year: y, months: [], count: 0 }));
    let month = year.months[year.months.length - 1];
    if (month?.month !== m) year.months.push((month = { month: m, articles: [] }));
    month.articles.push(article.position);
    year.count += 1;
  }
  return years;
}
