// Related articles: per article, candidates scored through the postings of its rarest entities (idf
// weights), each posting list read up to a cap around the article's own place in it. Common entities weigh
// little anyway; the caps keep the cost O(articles × entities × cap) instead of quadratic in an entity's
// article count. Among equal scores the article nearest in date wins: the same story's coverage, and an old
// article's list is not taken over by whatever was published last (#6).
//
// An article's list depends only on its rarest entities, their weights and their posting lists. After an
// add, a removal or an edit that changes entities, only the articles whose rarest entities include one whose
// posting list changed get a new list; every other list is the previous build's, moved to the new positions
// (updateRelated: an add at 10,000 articles computes 190–1,300 lists, not 10,000, #6). That holds because
// nothing else moves a list: the weights count articles in steps (weightedCount), ties go by days apart and
// then by order, and neither changes for two articles when a third is added. Pure.

import type { IndexMemo, MemoPlaces } from "./index-memo.ts";
import { ENTITY_TYPE_ORDER } from "./resolve-entities.ts";
import { topK } from "./top-k.ts";

const RELATED_ENTITY_CAP = 12;
const RELATED_POSTING_CAP = 200;
const TYPES = ENTITY_TYPE_ORDER.length;

export interface RelatedInput {
  /** Per position (newest first), the ids of its entities, each once. */
  readonly articleIds: readonly Int32Array[];
  /** Per entity id, the positions that mention it, ascending. */
  readonly postings: readonly Int32Array[];
  /** Per entity id, its weight (entityWeights). */
  readonly weights: Float64Array;
  /** Per position, its date in days since 1970; NaN when undated. */
  readonly days: Float64Array;
  /** Related articles kept per article. */
  readonly limit: number;
}

/**
 * The article count the weights use: `count` rounded up to its five leading bits (steps of 3–6 %), so that
 * one article more or less changes no weight but those of its own entities.
 */
export function weightedCount(count: number): number {
  const step = 2 ** Math.max(0, 32 - Math.clz32(count) - 5);
  return Math.ceil(count / step) * step;
}

/** Each entity's idf: the rarer, the heavier. */
export function entityWeights(postings: readonly Int32Array[], articleCount: number): Float64Array {
  const n = weightedCount(articleCount);
  const weights = new Float64Array(postings.length);
  postings.forEach((list, id) => (weights[id] = weight(n, list.length)));
  return weights;
}

function weight(n: number, articles: number): number {
  return Math.log((n + 1) / (articles + 0.5));
}

/** The date of `YYYY-MM-DD…` in days since 1970; NaN when undated. */
export function dayNumber(date: string | undefined): number {
  if (date === undefined) return NaN;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Positions of the related articles of every article, best first. */
export function relatedArticles(input: RelatedInput): number[][] {
  const relatedOf = scorer(input);
  return input.articleIds.map((_, self) => relatedOf(self));
}

/** What an index's related lists need of the one it follows, besides its memo. */
export interface RelatedNow {
  /** By position. */
  readonly dates: readonly (string | undefined)[];
  /** Where the memo's articles and entities are now. */
  readonly places: MemoPlaces;
}

/**
 * The same lists as relatedArticles, computed only for the articles whose lists can differ from the memo's;
 * undefined when the weights or the order of the articles kept changed (relatedArticles then).
 */
export function updateRelated(input: RelatedInput, memo: IndexMemo, now: RelatedNow): { readonly lists: number[][]; readonly computed: number } | undefined {
  const n = input.articleIds.length;
  if (weightedCount(n) !== weightedCount(memo.slugs.length)) return undefined;
  const { articles: moved, entities: renumbered } = now.places;
  // Kept articles in another order (a redated one): windows and ties move.
  for (let q = 0, last = -1; q < moved.length; q++) {
    if (moved[q]! < 0) continue;
    if (moved[q]! < last) return undefined;
    last = moved[q]!;
  }

  // Entities whose posting list (and weight) changed: those of every article added, removed, redated or
  // with other entities than before, then and now. Such articles get a new list.
  const entities = input.weights.length;
  const touched = new Uint8Array(entities);
  const affected = new Uint8Array(n);
  const oldCount = new Int32Array(entities);
  const mark = new Int32Array(entities).fill(-1);
  const seen = new Int32Array(entities).fill(-1);
  const came = new Uint8Array(n);
  // Indexed loops over the typed arrays: for…of made an iterator result per id, 12 MB per add (#6).
  const touch = (ids: Int32Array): void => {
    for (let k = 0; k < ids.length; k++) touched[ids[k]!] = 1;
  };
  for (let q = 0; q < moved.length; q++) {
    const p = moved[q]!;
    let same = p >= 0 && (memo.dates[q] ?? "") === (now.dates[p] ?? "");
    if (p >= 0) {
      came[p] = 1;
      const ids = input.articleIds[p]!;
      for (let k = 0; k < ids.length; k++) mark[ids[k]!] = p;
    }
    let count = 0;
    for (let i = memo.recordStarts[TYPES * q]!; i < memo.recordStarts[TYPES * (q + 1)]!; i++) {
      const old = memo.recordIds[i]!;
      if (old < 0) continue;
      const id = renumbered[old]!;
      if (id < 0) {
        same = false;
        continue;
      }
      if (seen[id] === q) continue;
      seen[id] = q;
      oldCount[id]!++;
      count++;
      if (mark[id] !== p) same = false;
    }
    if (same && count === input.articleIds[p]!.length) continue;
    for (let i = memo.recordStarts[TYPES * q]!; i < memo.recordStarts[TYPES * (q + 1)]!; i++) {
      const id = memo.recordIds[i]! < 0 ? -1 : renumbered[memo.recordIds[i]!]!;
      if (id >= 0) touched[id] = 1;
    }
    if (p >= 0) {
      affected[p] = 1;
      touch(input.articleIds[p]!);
    }
  }
  for (let p = 0; p < n; p++) {
    if (came[p] === 1) continue;
    affected[p] = 1;
    touch(input.articleIds[p]!);
  }
  // Weights counted as before: an article's rarest entities are its own only while none of them was touched.
  const before = new Float64Array(entities);
  const counted = weightedCount(n);
  for (let id = 0; id < entities; id++) before[id] = touched[id] === 1 ? weight(counted, oldCount[id]!) : input.weights[id]!;

  const relatedOf = scorer(input);
  const out: number[][] = new Array(n);
  let computed = 0;
  for (let q = 0; q < moved.length; q++) {
    const p = moved[q]!;
    if (p < 0 || affected[p] === 1) continue;
    const ids = input.articleIds[p]!;
    let reaches = false;
    for (let k = 0; k < ids.length && !reaches; k++) reaches = touched[ids[k]!] === 1;
    if (reaches && (anyTouched(rarest(ids, input.weights), touched) || anyTouched(rarest(ids, before), touched))) {
      affected[p] = 1;
      continue;
    }
    const list: number[] = [];
    for (let i = memo.relatedStarts[q]!; i < memo.relatedStarts[q + 1]!; i++) list.push(moved[memo.related[i]!]!);
    // A damaged memo: computed afresh.
    if (list.includes(-1)) affected[p] = 1;
    else out[p] = list;
  }
  for (let p = 0; p < n; p++) {
    if (affected[p] === 1) {
      out[p] = relatedOf(p);
      computed++;
    }
  }
  return { lists: out, computed };
}

function anyTouched(ids: readonly number[], touched: Uint8Array): boolean {
  for (let k = 0; k < ids.length; k++) if (touched[ids[k]!] === 1) return true;
  return false;
}

function rarest(ids: Int32Array, weights: Float64Array): number[] {
  return topK(ids, RELATED_ENTITY_CAP, (a, b) => weights[b]! - weights[a]! || a - b);
}

/** The related list of one article at a time, with one scratch buffer for all. */
function scorer(input: RelatedInput): (self: number) => number[] {
  const { articleIds, postings, weights, days, limit } = input;
  const scores = new Float64Array(articleIds.length);
  // The candidates scored so far, in one buffer for every article: an array emptied by `length = 0` let go
  // of its store and grew again from nothing for each of an add's thousand lists, 25 MB per add (#6).
  let touched = new Int32Array(1024);
  let count = 0;
  return (self) => {
    const entities = rarest(articleIds[self]!, weights);
    for (let e = 0; e < entities.length; e++) {
      const id = entities[e]!;
      const list = postings[id]!;
      if (list.length < 2) continue;
      const weight = weights[id]!;
      const start = Math.max(0, Math.min(lowerBound(list, self) - RELATED_POSTING_CAP / 2, list.length - RELATED_POSTING_CAP));
      const end = Math.min(list.length, start + RELATED_POSTING_CAP);
      for (let i = start; i < end; i++) {
        const other = list[i]!;
        if (other === self) continue;
        if (scores[other] === 0) {
          if (count === touched.length) {
            const grown = new Int32Array(2 * count);
            grown.set(touched);
            touched = grown;
          }
          touched[count++] = other;
        }
        scores[other] = scores[other]! + weight;
      }
    }
    const day = days[self]!;
    // Days apart; an undated article is as far from a dated one as can be, and next to every undated one.
    const apart = (other: number): number => {
      const d = days[other]!;
      return Number.isNaN(d) ? (Number.isNaN(day) ? 0 : Infinity) : Number.isNaN(day) ? Infinity : Math.abs(d - day);
    };
    const best = topK(touched.subarray(0, count), limit, (a, b) => scores[b]! - scores[a]! || apart(a) - apart(b) || a - b, (a) => scores[a]!);
    for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
    count = 0;
    return best;
  };
}

/** The first index of the ascending `list` whose value is not below `value`. */
function lowerBound(list: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
