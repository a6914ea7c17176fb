// The article as extraction sees it: segments (headline and paragraphs) with their tokens and name mentions,
// and the entities those mentions resolve to. Shared by the passes of extractEntities.

import type { Token } from "./tokenize.ts";
import type { Mention } from "./find-names.ts";

export type EntityKind = "person" | "organization" | "place" | "law";

export interface Segment {
  readonly id: string;
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly mentions: Mention[];
  /** Character range of each sentence. */
  readonly sentences: readonly [number, number][];
}

export interface Entity {
  readonly kind: EntityKind;
  /** Lower-case words of the longest name, for short-form matching. */
  words: readonly string[];
  name: string;
  readonly surfaces: Map<string, number>;
  role?: string;
  mentions: number;
  readonly paragraph: string;
  readonly sentence: string;
  readonly order: number;
  acronym?: string;
  /** Gazetteer canonical name ("United States"), which wins over any surface form. */
  canonical?: string;
}

export interface Resolution {
  readonly list: Entity[];
  readonly byMention: Map<Mention, Entity>;
}

export function sentenceRanges(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of tokens) {
    const r = out[t.sentence];
    if (r) r[1] = t.end;
    else out[t.sentence] = [t.start, t.end];
  }
  return out;
}

const SENTENCE_MAX = 300;

/** The sentence of a mention; a long one is cut to a window around the mention, on word boundaries. */
export function sentenceOf(seg: Segment, sentence: number, at: number): string {
  const r = seg.sentences[sentence];
  if (!r) return "";
  if (r[1] - r[0] <= SENTENCE_MAX) return seg.text.slice(r[0], r[1]);
  let start = Math.max(r[0], at - SENTENCE_MAX / 2);
  const end = Math.min(r[1], start + SENTENCE_MAX - 2);
  start = Math.max(r[0], end - (SENTENCE_MAX - 2));
  let s = seg.text.slice(start, end);
  if (start > r[0]) s = `…${s.slice(s.indexOf(" ") + 1)}`;
  if (end < r[1]) s = `${s.slice(0, s.lastIndexOf(" "))}…`;
  return s;
}
