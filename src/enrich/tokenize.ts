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
  /** Starts with an upper-case letter (cleared for words a Title Case headline capitalised only for style). */
  cap: boolean;
  /** Lower-case, periods removed ("U.S." → "us"). */
  readonly lower: string;
  /** Index of the sentence the token belongs to, within its paragraph. */
  sentence: number;
  /** First word of its sentence (after opening quotes or brackets). */
  sentenceStart: boolean;
  /** Gazetteer flags of `lower`, filled in on first use (see find-names.ts); -1 until then. */
  info: number;
}

const LETTER = /[\p{L}\p{M}]/u;
const TLDS = ["com", "org", "net", "gov", "edu", "io"];

/** Letters (any script) and combining marks; ASCII is decided without a regex. */
function isLetterCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(text.slice(i, i + 2));
  return LETTER.test(text.charAt(i));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2009 || c === 0x202f || c === 0x200b;
const isUpperAscii = (c: number): boolean => c >= 65 && c <= 90;

/** End of the word starting at i: letters and digits, inner ’/' + letters, inner hyphen + letters or digits. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  // "U.S.", "U.K.": capital-period pairs.
  if (isUpperAscii(text.charCodeAt(i)) && text.charCodeAt(i + 1) === 46 && isUpperAscii(text.charCodeAt(i + 2)) && text.charCodeAt(i + 3) === 46) {
    let j = i;
    while (isUpperAscii(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) j += 2;
    return j;
  }
  let j = i + 1;
  for (;;) {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isDigit(c) || isLetterCode(c, text, j)) j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      else break;
    }
    const c = text.charCodeAt(j);
    const next = text.charCodeAt(j + 1);
    if ((c === 39 || c === 0x2019) && j + 1 < n && isLetterCode(next, text, j + 1)) {
      j += 2;
      continue;
    }
    if (c === 45 && j + 1 < n && (isDigit(next) || isLetterCode(next, text, j + 1))) {
      j += 2;
      continue;
    }
    if (c === 46) {
      // "Detik.com": a domain name is one word.
      for (const tld of TLDS) {
        if (text.startsWith(tld, j + 1) && !(j + 1 + tld.length < n && isLetterCode(text.charCodeAt(j + 1 + tld.length), text, j + 1 + tld.length))) {
          return j + 1 + tld.length;
        }
      }
    }
    return j;
  }
}

/** End of the number starting at i: "10,000", "3.5", "7,162.90". */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  const n = text.length;
  for (;;) {
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if ((c === 44 || c === 46) && isDigit(text.charCodeAt(j + 1))) {
      j++;
      continue;
    }
    return j;
  }
}

function isUpperStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = text.charAt(0);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function makeToken(text: string, start: number, kind: Kind): Token {
  const word = kind === Kind.Word;
  let lower = text;
  if (word) {
    lower = text.toLowerCase();
    if (lower.includes(".")) lower = lower.replace(/\./g, "");
  }
  return { text, start, end: start + text.length, kind, cap: word && isUpperStart(text), lower, sentence: 0, sentenceStart: false, info: -1 };
}

/** "Becerra’s" → "Becerra" + "’s"; "O'Leary" stays whole. */
function possessiveAt(raw: string): number {
  const n = raw.length;
  if (n < 3) return -1;
  const s = raw.charCodeAt(n - 1);
  const q = raw.charCodeAt(n - 2);
  return (s === 115 || s === 83) && (q === 0x2019 || q === 39) ? n - 2 : -1;
}

const OPENERS = new Set(["“", '"', "‘", "'", "(", "[", "—", "–", "-"]);
const CLOSERS = new Set(["”", '"', "’", "'", ")", "]"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      i = numberEnd(text, i);
      tokens.push(makeToken(text.slice(start, i), start, Kind.Number));
      continue;
    }
    if (!isLetterCode(c, text, i)) {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      // "Sen." / "Inc." / "F.": the period belongs to the abbreviation, not to the sentence.
      const prev = tokens[tokens.length - 1];
      if (c === 46 && prev && prev.kind === Kind.Word && prev.end === start && isAbbreviation(prev.text, text, start)) {
        tokens[tokens.length - 1] = makeToken(prev.text + ".", prev.start, Kind.Word);
        continue;
      }
      tokens.push(makeToken(text.slice(start, i), start, Kind.Punct));
      continue;
    }
    i = wordEnd(text, i);
    const raw = text.slice(start, i);
    const cut = possessiveAt(raw);
    if (cut > 0) {
      tokens.push(makeToken(raw.slice(0, cut), start, Kind.Word));
      tokens.push(makeToken(raw.slice(cut), start + cut, Kind.Punct));
      continue;
    }
    tokens.push(makeToken(raw, start, Kind.Word));
  }
  markSentences(tokens);
  return tokens;
}

function isAbbreviation(word: string, text: string, periodAt: number): boolean {
  const lower = word.toLowerCase();
  if (word.length === 1 && isUpperStart(word)) {
    // An initial ("John F. Kennedy") when a capitalised word follows; otherwise a sentence end ("Plan B.").
    return /^\s+\p{Lu}/u.test(text.slice(periodAt + 1, periodAt + 4));
  }
  if (!ABBREVIATIONS.has(lower)) return false;
  if (!isUpperStart(word) && lower !== "vs" && lower !== "etc" && lower !== "al" && lower !== "approx") return false;
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
    } else if (t.kind === Kind.Word && t.text.endsWith(".") && t.text.length > 2) {
      // "… in Washington D.C. The President …": an abbreviation's period also ends the sentence when the
      // next word can only start one.
      const next = tokens[i + 1];
      if (next && next.kind === Kind.Word && next.cap && SENTENCE_STARTERS.has(next.lower)) {
        sentence++;
        atStart = true;
      }
    }
  }
}

const SENTENCE_STARTERS = new Set([
  "the", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "there", "his", "her", "their",
  "its", "our", "in", "on", "at", "but", "and", "a", "an", "after", "before", "when", "while", "as", "however",
  "meanwhile", "according", "some", "many", "most", "both", "during", "since", "yesterday", "today",
]);
