// A byline paragraph near the top of a raw article: "By Jane Doe", "BY JANE DOE AND JOHN ROE",
// "By Jane Doe, Associated Press", "By Jane Doe | Reuters". Pure. Prose that starts with "By" ("By the
// time the police arrived, …", "By Tuesday, the rebels had …") is not a byline: every word of a byline is
// a capitalised name word or a name particle, the line is short, and it holds no sentence.

/** Longest byline paragraph, in characters: a sentence is longer. */
const MAX_LENGTH = 100;
/** Most words in the names, or in the affiliation ("Jane Doe and John Roe" is 5). */
const MAX_NAME_WORDS = 10;
/** Lower-case words that may sit between capitalised names. */
const PARTICLES = new Set(["and", "&", "de", "del", "della", "der", "den", "di", "da", "du", "la", "le", "van", "von", "bin", "al", "el", "y", "e", "of", "the"]);
/** Capitalised words that open prose, not names ("By Tuesday, …", "By March …", "By Then, …"). */
const NOT_NAMES = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "this", "that", "then", "now", "today", "tomorrow", "yesterday", "noon", "midnight", "law", "far", "contrast", "comparison", "all", "some", "most",
]);
/** A name word: capitalised (or all capitals), letters with inner apostrophes, hyphens or a dot (initials). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * The byline a paragraph gives, without its "By": names, then an optional affiliation after a comma,
 * a vertical bar or a dash. Undefined when the paragraph is not a byline.
 */
export function parseByline(text: string): string | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const match = /^by\s+(.+)$/isu.exec(text.trim());
  if (!match) return undefined;
  const [names = "", ...rest] = match[1]!.replace(/[.;:]$/u, "").split(/\s*(?:,|\||\s[–—-]\s)\s*/u);
  if (!isNames(names)) return undefined;
  // The affiliation is names too (an agency, a desk): "Associated Press", "Staff Writer".
  if (rest.length > 1 || (rest[0] !== undefined && !isNames(rest[0]))) return undefined;
  return rest[0] === undefined ? names : `${names}, ${rest[0]}`;
}

function isNames(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => w !== "");
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return false;
  // The first word is a capitalised name word ("The Associated Press" is a byline, "the time" is not).
  if (!NAME_WORD.test(words[0]!) || NOT_NAMES.has(words[0]!.toLowerCase())) return false;
  if (PARTICLES.has(words[words.length - 1]!.toLowerCase())) return false;
  return words.every((w) => NAME_WORD.test(w) || PARTICLES.has(w.toLowerCase()));
}
