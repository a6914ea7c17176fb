// What differs between the previous build's index and this one (issue 6), told from the previous build's
// memo (index-memo.ts) when its archive-wide steps could not be reused: an article added, removed or
// redated, a new name. Positions move then, so "the articles at these positions changed" no longer says
// which pages changed; this says it by slug: which articles any page shows otherwise, whose own pages have
// other neighbours or related articles, which entities' pages may change, and what the previous index's
// lists held. page-digests.ts keeps the previous digest of every page that shows none of it, so that
// today's article gives a few dozen pages to render, not every page its arrival moves along. Pure.

import type { EntityType } from "../types.ts";
import type { ArchiveArticle } from "./build-archive-index.ts";
import { listAt, type IndexMemo, type MemoPlaces } from "./index-memo.ts";
import { ENTITY_TYPE_ORDER, type CanonicalEntity } from "./resolve-entities.ts";

export interface IndexDiff {
  /** Positions of the articles that are new, or that some page shows otherwise than before (their own page and API record included). */
  readonly articles: ReadonlySet<number>;
  /** Positions whose own page has other neighbours than before. */
  readonly pages: ReadonlySet<number>;
  /**
   * Keys of the entities whose pages may show something else: new, gone, renamed, with other aliases or
   * roles, or mentioned (now or before) by an article in `articles` (but for a new related list only) or a
   * removed one.
   */
  readonly entities: ReadonlySet<string>;
  /** Keys of the entities in `entities` whose name, aliases or roles changed: every page of theirs shows them. */
  readonly described: ReadonlySet<string>;
  /**
   * The previous index, for the lists that show articles by place (home, months, undated): absent when
   * every article kept its position (the memo's case, index-memo.ts).
   */
  readonly before?: PreviousIndex;
}

export interface PreviousIndex {
  /** By previous position: the slug, and the date ("" when undated). */
  readonly slugs: readonly string[];
  readonly dates: readonly string[];
  /** How many were dated (they come first). */
  readonly datedCount: number;
  /** The previous type and name of the entities in `IndexDiff.entities` that were renamed or are gone. */
  readonly names: ReadonlyMap<string, { readonly type: EntityType; readonly name: string }>;
  /** The slugs of the articles that mentioned an entity of `IndexDiff.entities`, newest first; undefined for a new one. */
  mentions(key: string): readonly string[] | undefined;
  /**
   * The companions of an entity not in `IndexDiff.entities` as (entity id of this index, count) pairs: the
   * articles that mention it, and the entities of each, are those of before, so are the counts and (ids being
   * sorted by key) the order of ties. Undefined for the others, which are computed again.
   */
  companions(key: string): number[] | undefined;
}

/** This build's index, as the memo holds the previous one. */
export interface IndexState {
  readonly sorted: readonly ArchiveArticle[];
  readonly files: ReadonlyMap<string, string>;
  readonly entities: readonly CanonicalEntity[];
  /** Entity id or -1 of each record, flat, and where each position's records of each type start (EntityResolution). */
  readonly recordIds: Int32Array;
  readonly recordStarts: Int32Array;
  readonly related: readonly (readonly number[])[];
  /** Per position, the ids of the entities its cards show. */
  readonly top: readonly (readonly number[])[];
  /** Where the memo's articles and entities are in this index (placesNow). */
  readonly places: MemoPlaces;
}

const TYPES = ENTITY_TYPE_ORDER.length;

export function diffIndex(memo: IndexMemo, now: IndexState): IndexDiff {
  const n = now.sorted.length;
  const origin = new Int32Array(n).fill(-1);
  now.places.articles.forEach((p, q) => {
    if (p >= 0) origin[p] = q;
  });
  const oldToNew = now.places.entities;
  const oldIdOf = new Map(memo.entities.map((e, id) => [e.key, id]));

  const entities = new Set<string>();
  const described = new Set<string>();
  const names = new Map<string, { type: EntityType; name: string }>();
  // An entity's aliases, roles, months, quotes and companions come from the articles that mention it, which
  // flag it when they change (below); its name may also change with articles that do not mention it by that
  // name (votes), and then every article that links it shows it otherwise.
  const relabelled = new Uint8Array(now.entities.length);
  now.entities.forEach((e, id) => {
    const old = oldIdOf.get(e.key);
    const before = old === undefined ? undefined : memo.entities[old]!;
    if (!before) entities.add(e.key);
    else if (before.name !== e.name || !sameStrings(before.aliases, e.aliases) || !sameStrings(before.roles, e.roles)) {
      entities.add(e.key);
      described.add(e.key);
      if (before.name !== e.name) {
        relabelled[id] = 1;
        names.set(e.key, { type: before.type, name: before.name });
      }
    }
  });
  memo.entities.forEach((e, old) => {
    if (oldToNew[old] !== -1) return;
    entities.add(e.key);
    names.set(e.key, { type: e.type, name: e.name });
  });
  const articles = new Set<number>();
  const pages = new Set<number>();
  const seen = new Uint8Array(memo.slugs.length);
  const undatedAt = now.sorted.findIndex((a) => a.date === undefined);
  const firstUndatedNow = undatedAt < 0 ? n : undatedAt;
  const undatedBefore = memo.dates.indexOf("");
  const firstUndatedBefore = undatedBefore < 0 ? memo.slugs.length : undatedBefore;
  const slugAt = (p: number | undefined) => (p === undefined ? "" : (now.sorted[p]?.slug ?? ""));
  const slugBefore = (q: number | undefined) => (q === undefined ? "" : (memo.slugs[q] ?? ""));
  const addEntitiesBefore = (q: number) => {
    for (let i = memo.recordStarts[TYPES * q]!; i < memo.recordStarts[TYPES * (q + 1)]!; i++) {
      const old = memo.recordIds[i]!;
      if (old >= 0) entities.add(memo.entities[old]!.key);
    }
  };

  now.sorted.forEach((article, p) => {
    const q = origin[p]! < 0 ? undefined : origin[p];
    if (q !== undefined) seen[q] = 1;
    let shown = q === undefined || memo.files[q] !== now.files.get(article.slug);
    for (let t = 0; !shown && t < TYPES; t++) {
      const from = now.recordStarts[TYPES * p + t]!;
      const count = now.recordStarts[TYPES * p + t + 1]! - from;
      const start = memo.recordStarts[TYPES * q! + t]!;
      if (memo.recordStarts[TYPES * q! + t + 1]! - start !== count) shown = true;
      for (let r = 0; !shown && r < count; r++) {
        const old = memo.recordIds[start + r]!;
        const id = now.recordIds[from + r]!;
        shown = (old < 0 ? -1 : oldToNew[old]) !== id || (id >= 0 && relabelled[id] === 1);
      }
    }
    if (!shown) {
      const top = now.top[p] ?? [];
      const start = memo.topStarts[q!]!;
      shown = memo.topStarts[q! + 1]! - start !== top.length || top.some((id, i) => oldToNew[memo.top[start + i]!] !== id);
    }
    if (shown) {
      articles.add(p);
      for (let i = now.recordStarts[TYPES * p]!; i < now.recordStarts[TYPES * (p + 1)]!; i++) {
        const id = now.recordIds[i]!;
        if (id >= 0) entities.add(now.entities[id]!.key);
      }
      if (q !== undefined) addEntitiesBefore(q);
      return;
    }
    // Other related articles show on its own page and in the API's list of its month, not on its entities' pages.
    const related = now.related[p] ?? [];
    const start = memo.relatedStarts[q!]!;
    if (memo.relatedStarts[q! + 1]! - start !== related.length || related.some((r, i) => slugAt(r) !== slugBefore(memo.related[start + i]))) articles.add(p);
    const [older, newer] = neighbours(p, firstUndatedNow, n);
    const [olderBefore, newerBefore] = neighbours(q!, firstUndatedBefore, memo.slugs.length);
    if (slugAt(older) !== slugBefore(olderBefore) || slugAt(newer) !== slugBefore(newerBefore)) pages.add(p);
  });
  // Removed articles: their entities lose a mention.
  for (let q = 0; q < memo.slugs.length; q++) if (seen[q] === 0) addEntitiesBefore(q);

  let mentioned: Map<number, string[]> | undefined;
  const mentions = (key: string): readonly string[] | undefined => {
    const old = oldIdOf.get(key);
    if (old === undefined || !entities.has(key)) return undefined;
    mentioned ??= previousMentions(memo, new Set([...entities].map((k) => oldIdOf.get(k) ?? -1)));
    return mentioned.get(old) ?? [];
  };
  const companions = (key: string): number[] | undefined => {
    const old = oldIdOf.get(key);
    if (old === undefined || entities.has(key)) return undefined;
    const pairs = listAt(memo.cooccurring, memo.cooccurringStarts, old, 2);
    for (let i = 0; i < pairs.length; i += 2) pairs[i] = oldToNew[pairs[i]!]!;
    return pairs.includes(-1) ? undefined : pairs;
  };
  return {
    articles,
    pages,
    entities,
    described,
    before: { slugs: memo.slugs, dates: memo.dates, datedCount: firstUndatedBefore, names, mentions, companions },
  };
}

/** The older and newer neighbours of position `p` (dated among dated, undated among undated). */
function neighbours(p: number, firstUndated: number, count: number): [number | undefined, number | undefined] {
  const [start, end] = p < firstUndated ? [0, firstUndated] : [firstUndated, count];
  return [p + 1 < end ? p + 1 : undefined, p - 1 >= start ? p - 1 : undefined];
}

/** The slugs of the articles that mentioned each of `ids` in the memo's index, once per article, newest first. */
function previousMentions(memo: IndexMemo, ids: ReadonlySet<number>): Map<number, string[]> {
  const lists = new Map<number, string[]>();
  for (let q = 0; q < memo.slugs.length; q++) {
    for (let i = memo.recordStarts[TYPES * q]!; i < memo.recordStarts[TYPES * (q + 1)]!; i++) {
      const id = memo.recordIds[i]!;
      if (!ids.has(id)) continue;
      const list = lists.get(id);
      if (!list) lists.set(id, [memo.slugs[q]!]);
      else if (list[list.length - 1] !== memo.slugs[q]) list.push(memo.slugs[q]!);
    }
  }
  return lists;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
