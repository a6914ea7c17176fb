// Words are whitespace-separated tokens with a letter or digit in them: "–" and "…" alone are not words.

const SPACE = /\s/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

export const WORDS_PER_MINUTE = 230;

export function countWords(text: string): number {
  // A hand-written scan: twice as fast as split + test, and ingest counts every paragraph of every article.
  let words = 0;
  let inToken = false;
  let wordlike = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && SPACE.test(text.charAt(i)))) {
      if (inToken && wordlike) words++;
      inToken = false;
      wordlike = false;
      continue;
    }
    inToken = true;
    wordlike ||= (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c > 0x7f && WORDLIKE.test(text.charAt(i)));
  }
  return inToken && wordlike ? words + 1 : words;
}

/** Reading time in whole minutes, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
