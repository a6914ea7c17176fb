// A small hand-tuned tokenizer: words (with "U.S.", "O'Leary", "D-Calif." kept whole), numbers,
// possessive "’s" split off, punctuation one character at a time, and sentence boundaries.
// One regex pass per paragraph: this is the hot loop of extraction (issue 3: ≥ 1,000 articles/s).

import { ABBREVIATIONS } from "./vocabulary.ts";

export const enum Kind {
  Word = 0,
  Number = 1,
  Punct = 2,
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  /** Starts with an upper-case letter. */
  readonly cap: boolean;
  /** Lower-case, periods removed ("U.S." → "us"). */
  readonly lower: string;
  /** Index of the sentence the token belongs to, within its paragraph. */
  sentence: number;
  /** First word of its sentence (after opening quotes or brackets). */
  sentenceStart: boolean;
}

const TOKEN =
  /\p{L}[\p{L}\d-]*(?:\.[\p{L}\d-]+)*\.(?:com|org|net|gov|edu|co\.uk|io)\b|(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}\d]*(?:['’]\p{L}+)*(?:-[\p{L}\d]+)*|\d+(?:[.,]\d+)*|\S/gu;
const UPPER = /^\p{Lu}/u;
const POSSESSIVE = /^(.+?)(['’][sS])$/u;

function makeToken(text: string, start: number, kind: Kind): Token {
  return {
    text,
    start,
    end: start + text.length,
    kind,
    cap: kind === Kind.Word && UPPER.test(text),
    lower: kind === Kind.Word ? text.toLowerCase().replace(/\./g, "") : text,
    sentence: 0,
    sentenceStart: false,
  };
}

const OPENERS = new Set(["“", '"', "‘", "'", "(", "[", "—", "–", "-"]);
const CLOSERS = new Set(["”", '"', "’", "'", ")", "]"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const raw = m[0];
    const start = m.index;
    const c = raw.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      tokens.push(makeToken(raw, start, Kind.Number));
      continue;
    }
    if (raw.length === 1 && !/\p{L}/u.test(raw)) {
      // "Sen." / "Inc." / "F.": the period belongs to the abbreviation, not to the sentence.
      const prev = tokens[tokens.length - 1];
      if (raw === "." && prev && prev.kind === Kind.Word && prev.end === start && isAbbreviation(prev.text, text, start)) {
        tokens[tokens.length - 1] = makeToken(prev.text + ".", prev.start, Kind.Word);
        continue;
      }
      tokens.push(makeToken(raw, start, Kind.Punct));
      continue;
    }
    const pos = POSSESSIVE.exec(raw);
    if (pos && pos[1] && pos[2]) {
      tokens.push(makeToken(pos[1], start, Kind.Word));
      tokens.push(makeToken(pos[2], start + pos[1].length, Kind.Punct));
      continue;
    }
    tokens.push(makeToken(raw, start, Kind.Word));
  }
  markSentences(tokens);
  return tokens;
}

function isAbbreviation(word: string, text: string, periodAt: number): boolean {
  const lower = word.toLowerCase();
  if (word.length === 1 && UPPER.test(word)) {
    // An initial ("John F. Kennedy") when a capitalised word follows; otherwise a sentence end ("Plan B.").
    return /^\s+\p{Lu}/u.test(text.slice(periodAt + 1, periodAt + 4));
  }
  if (!ABBREVIATIONS.has(lower)) return false;
  if (!UPPER.test(word) && lower !== "vs" && lower !== "etc" && lower !== "al" && lower !== "approx") return false;
  // "Inc." at the very end of a paragraph still ends the sentence; the period is kept either way.
  return true;
}

function markSentences(tokens: Token[]): void {
  let sentence = 0;
  let atStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    t.sentence = sentence;
    if (atStart && t.kind !== Kind.Punct) {
      t.sentenceStart = true;
      atStart = false;
    } else if (atStart && !OPENERS.has(t.text)) {
      atStart = false;
    }
    if (t.kind === Kind.Punct && (t.text === "." || t.text === "!" || t.text === "?" || t.text === "…")) {
      // Closing quotes and brackets stay with the sentence they close.
      while (i + 1 < tokens.length && tokens[i + 1]!.kind === Kind.Punct && CLOSERS.has(tokens[i + 1]!.text)) {
        i++;
        tokens[i]!.sentence = sentence;
      }
      const next = tokens[i + 1];
      // "…" inside a quote that goes on in lower case does not end the sentence.
      if (next && next.kind === Kind.Word && !next.cap) continue;
      sentence++;
      atStart = true;
    }
  }
}
