// What a build keeps of its archive index for the next one (issue 6). The archive-wide steps of the index —
// entity resolution, related articles, co-occurring entities — read of each article only its place in the
// order, its date and its entity records' names, roles and aliases (its "shape"). An edit that changes none
// of them (a sentence, a typo, a summary: most edits) reuses their results instead of computing them again
// from 300,000 records at 10,000 articles, and tells which articles changed, so that only the pages that
// show them get new digests (page-digests.ts). Kept in the archive core (archive-core.ts). Pure.

import { hash } from "node:crypto";
import type { ArchiveArticle } from "./build-archive-index.ts";
import { ENTITY_FIELDS, ENTITY_TYPE_ORDER, type CanonicalEntity, type EntityResolution } from "./resolve-entities.ts";

export interface IndexMemo {
  readonly version: typeof MEMO_VERSION;
  /** The editorial rules and limits the steps ran with. */
  readonly settings: string;
  /** By position in the index: the article's slug, its file's sha256 and its shape (shapeOf). */
  readonly slugs: readonly string[];
  readonly files: readonly string[];
  readonly shapes: readonly string[];
  /** By position: the article's date, "" when undated (to tell what a list of the previous index showed: index-diff.ts). */
  readonly dates: readonly string[];
  readonly entities: readonly CanonicalEntity[];
  /** The entity of record r of type t of the article at position p: recordIds[recordStarts[4p + t] + r]. */
  readonly recordIds: Int32Array;
  readonly recordStarts: Int32Array;
  /** The positions related to position p: related[relatedStarts[p] .. relatedStarts[p + 1]). */
  readonly related: Int32Array;
  readonly relatedStarts: Int32Array;
  /** Entity e's companions as (entity, count) pairs: cooccurring[2 × cooccurringStarts[e] .. 2 × cooccurringStarts[e + 1]). */
  readonly cooccurring: Int32Array;
  readonly cooccurringStarts: Int32Array;
  /** The entities shown on position p's cards, most shown first: top[topStarts[p] .. topStarts[p + 1]). */
  readonly top: Int32Array;
  readonly topStarts: Int32Array;
}

const MEMO_VERSION = 2;
const TYPES = ENTITY_TYPE_ORDER.length;

/** What the archive-wide steps read of an article besides its place: its date and its records' names, roles and aliases. */
export function shapeOf(article: ArchiveArticle): string {
  let text = article.date ?? "\u0003";
  for (const type of ENTITY_TYPE_ORDER) {
    text += "\u0000";
    for (const record of article[ENTITY_FIELDS[type]]) text += `\u0001${record.name}\u0002${record.role ?? ""}\u0002${record.aliases.join("\u0002")}`;
  }
  return hash("sha1", text, "base64url");
}

/** The shape of each article (sorted, the index's order); an unchanged file keeps the shape the memo has for it. */
export function shapesOf(sorted: readonly ArchiveArticle[], files: ReadonlyMap<string, string>, previous: IndexMemo | undefined): string[] {
  const before = new Map<string, number>();
  previous?.slugs.forEach((slug, position) => before.set(slug, position));
  return sorted.map((article) => {
    const position = before.get(article.slug);
    const file = files.get(article.slug);
    return position !== undefined && file !== undefined && previous!.files[position] === file ? previous!.shapes[position]! : shapeOf(article);
  });
}

/** A memo's steps apply when the articles, in order, have the shapes and settings it was made with. */
export interface Reuse {
  readonly memo: IndexMemo;
  readonly resolution: EntityResolution;
  /** Positions whose file is not the one the memo was made from. */
  readonly changed: readonly number[];
}

export function reuseMemo(
  memo: IndexMemo | undefined,
  settings: string,
  sorted: readonly ArchiveArticle[],
  files: ReadonlyMap<string, string>,
  shapes: readonly string[],
): Reuse | undefined {
  if (!memo || memo.settings !== settings || memo.slugs.length !== sorted.length) return undefined;
  const changed: number[] = [];
  for (let p = 0; p < sorted.length; p++) {
    if (memo.slugs[p] !== sorted[p]!.slug || memo.shapes[p] !== shapes[p]) return undefined;
    if (memo.files[p] !== files.get(sorted[p]!.slug)) changed.push(p);
  }
  for (let p = 0; p < sorted.length; p++) {
    for (let t = 0; t < TYPES; t++) {
      // A memo that does not fit the records (damaged) is not used: the steps run again.
      const count = memo.recordStarts[TYPES * p + t + 1]! - memo.recordStarts[TYPES * p + t]!;
      if (count !== sorted[p]![ENTITY_FIELDS[ENTITY_TYPE_ORDER[t]!]].length) return undefined;
    }
  }
  return { memo, resolution: { entities: memo.entities, recordIds: memo.recordIds, recordStarts: memo.recordStarts }, changed };
}

/** The memo of an index's archive-wide steps. */
export function makeMemo(input: {
  readonly settings: string;
  readonly sorted: readonly ArchiveArticle[];
  readonly files: ReadonlyMap<string, string>;
  readonly shapes: readonly string[];
  readonly resolution: EntityResolution;
  readonly related: readonly (readonly number[])[];
  /** Per entity, (entity, count) pairs. */
  readonly cooccurring: readonly (readonly number[])[];
  /** Per position, the entities its cards show. */
  readonly top: readonly (readonly number[])[];
}): IndexMemo {
  const { sorted, resolution } = input;
  const [related, relatedStarts] = flatten(input.related, 1);
  const [cooccurring, cooccurringStarts] = flatten(input.cooccurring, 2);
  const [top, topStarts] = flatten(input.top, 1);
  return {
    version: MEMO_VERSION,
    settings: input.settings,
    slugs: sorted.map((a) => a.slug),
    files: sorted.map((a) => input.files.get(a.slug) ?? ""),
    shapes: input.shapes,
    dates: sorted.map((a) => a.date ?? ""),
    entities: resolution.entities,
    recordIds: resolution.recordIds,
    recordStarts: resolution.recordStarts,
    related,
    relatedStarts,
    cooccurring,
    cooccurringStarts,
    top,
    topStarts,
  };
}

/** The same memo for the same shapes, made from files with these hashes and showing these entities on cards. */
export function withFiles(memo: IndexMemo, files: ReadonlyMap<string, string>, top: readonly (readonly number[])[]): IndexMemo {
  const [flat, starts] = flatten(top, 1);
  return { ...memo, files: memo.slugs.map((slug) => files.get(slug) ?? ""), top: flat, topStarts: starts };
}

/** Lists as one array and where each starts (in units of `width` numbers). */
function flatten(lists: readonly (readonly number[])[], width: number): [Int32Array, Int32Array] {
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (starts[i + 1] = starts[i]! + list.length / width));
  const flat = new Int32Array(starts[lists.length]! * width);
  lists.forEach((list, i) => flat.set(list, starts[i]! * width));
  return [flat, starts];
}

/** Item `i` of the lists `flatten` made, as a plain array. */
export function listAt(flat: Int32Array, starts: Int32Array, i: number, width: number): number[] {
  const list: number[] = [];
  for (let k = starts[i]! * width; k < starts[i + 1]! * width; k++) list.push(flat[k]!);
  return list;
}

/** Where the memo's articles and entities are in a later index: -1 for those it no longer has. */
export interface MemoPlaces {
  /** By the memo's position, the article's position now. */
  readonly articles: Int32Array;
  /** By the memo's entity id, the entity's id now. */
  readonly entities: Int32Array;
}

/** The places now of the memo's articles (by slug) and entities (by key), given this index's slugs and keys. */
export function placesNow(memo: IndexMemo, slugs: readonly string[], keys: readonly string[]): MemoPlaces {
  const position = new Map<string, number>();
  slugs.forEach((slug, p) => position.set(slug, p));
  const id = new Map<string, number>();
  keys.forEach((key, k) => id.set(key, k));
  // Plain loops: from() with a callback steps an iterator, an object per item (#6).
  const articles = new Int32Array(memo.slugs.length);
  memo.slugs.forEach((slug, q) => (articles[q] = position.get(slug) ?? -1));
  const entities = new Int32Array(memo.entities.length);
  memo.entities.forEach((e, old) => (entities[old] = id.get(e.key) ?? -1));
  return { articles, entities };
}

/** A memo read from a file: every position and id within bounds, so that a damaged one never crashes a build. */
export function isIndexMemo(value: unknown): value is IndexMemo {
  const m = value as Partial<IndexMemo> | undefined;
  if (m?.version !== MEMO_VERSION || typeof m.settings !== "string") return false;
  if (!Array.isArray(m.slugs) || !Array.isArray(m.files) || !Array.isArray(m.shapes) || !Array.isArray(m.dates) || !Array.isArray(m.entities)) return false;
  const n = m.slugs.length;
  const e = m.entities.length;
  const arrays = [m.recordIds, m.recordStarts, m.related, m.relatedStarts, m.cooccurring, m.cooccurringStarts, m.top, m.topStarts];
  if (!arrays.every((a) => a instanceof Int32Array) || m.files.length !== n || m.shapes.length !== n || m.dates.length !== n) return false;
  return (
    starts(m.topStarts!, n, m.top!.length) &&
    within(m.top!, 0, e) &&
    starts(m.recordStarts!, TYPES * n, m.recordIds!.length) &&
    starts(m.relatedStarts!, n, m.related!.length) &&
    starts(m.cooccurringStarts!, e, m.cooccurring!.length / 2) &&
    within(m.recordIds!, -1, e) &&
    within(m.related!, 0, n) &&
    m.cooccurring!.every((v, i) => (i % 2 === 0 ? v >= 0 && v < e : v >= 0))
  );
}

function starts(list: Int32Array, count: number, total: number): boolean {
  if (list.length !== count + 1 || list[0] !== 0 || list[count] !== total) return false;
  for (let i = 1; i < list.length; i++) if (list[i]! < list[i - 1]!) return false;
  return true;
}

function within(list: Int32Array, min: number, end: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]! < min || list[i]! >= end) return false;
  return true;
}
