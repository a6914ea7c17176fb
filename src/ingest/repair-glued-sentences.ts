// "took office.ICE officials" → "took office. ICE officials" (issue 2), the artefact of feeds that drop the
// space between sentences. Only between plain words (see endsSentence), so "U.S.", "Ph.D.", "a.m.", "e.g.",
// "Amazon.com", "No.5", "3.14", "ASP.NET" and anything inside a URL or an e-mail address stay as written.

export interface GluedRepair {
  readonly text: string;
  /** Number of spaces inserted. */
  readonly repairs: number;
}

/**
 * A stop (optionally closed by a typographic quote) directly followed by a capital or an opening quote.
 * Straight quotes are left alone: in `it."Next` nobody can tell whether the quote closes or opens.
 */
const CANDIDATE = /[.!?][”’]?(?=[\p{Lu}“‘])/gu;
/** How far to look around a candidate for the words it joins: enough for any real word. */
const LOOK = 64;

export function repairGluedSentences(text: string): GluedRepair {
  let repairs = 0;
  const repaired = text.replace(CANDIDATE, (stop: string, offset: number) => {
    const before = wordBefore(text, offset);
    const after = wordAfter(text, offset + stop.length);
    // "said.“We" needs the capital after the opening quote.
    const next = after.replace(/^[“‘]/u, "");
    if (!endsSentence(before, next) || isAddress(before + stop + after)) return stop;
    repairs++;
    return `${stop} `;
  });
  return { text: repaired, repairs };
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < LOOK && !/\s/u.test(text[start - 1] ?? " ")) start--;
  return text.slice(start, end);
}

function wordAfter(text: string, start: number): string {
  let end = start;
  while (end < text.length && end - start < LOOK && !/\s/u.test(text[end] ?? " ")) end++;
  return text.slice(start, end);
}

/**
 * "office.ICE", "2005.The": a plain lower-case word or a number, then any capital. "Tuesday.Analysts": a
 * capitalised word, then a capitalised word (not "Ph.D", "U.S", "ASP.NET", "Mr.X" — nor "Amazon.com", "a.m").
 */
function endsSentence(before: string, next: string): boolean {
  const word = before.replace(/^[(\["'“‘]+/u, "");
  if (/^\p{Ll}{2,}$/u.test(word) || /^\d{2,}$/u.test(word)) return /^\p{Lu}/u.test(next);
  return /^\p{Lu}\p{Ll}{2,}$/u.test(word) && /^\p{Lu}\p{Ll}/u.test(next);
}

function isAddress(token: string): boolean {
  return /[/@]|www\.|:\/\//iu.test(token);
}
