// Aggregator furniture that is not part of the article: "– READ MORE" after a paragraph, "READ MORE: …" link
// lines, "Click here to …", "Advertisement" (issue 2: the seed has three trailing "– READ MORE").
// Every pattern runs on a bounded slice (a short line, or a line's last characters) so a 100,000-character
// line costs nothing extra.

export interface JunkStripped {
  /** The line without the junk ("" when the whole line was junk). */
  readonly text: string;
  /** What was removed, as it appeared, for the report. */
  readonly removed?: string;
}

/** Lines that are junk as a whole are short; a long line starting "Read more" is prose. */
const MAX_JUNK_LINE = 200;
const TAIL = 48;

/** Every pattern below has one of these words near the line's start or end: most lines skip all of them. */
const MENTIONS_JUNK = /read|more|click|tap here|advert|sponsor|continue|share|related|see also|scroll|story/i;

const JUNK_LINE_STARTS: readonly RegExp[] = [
  /^(?:[–—\-»›>•|]\s*)?read (?:more|the full (?:story|article))\b/i,
  /^(?:[–—\-»›>•|]\s*)?continue reading\b/i,
  /^(?:click|tap) here\b/i,
  /^(?:related|see also|more on this story|also read)\s*:/i,
];

const JUNK_LINES = new Set([
  "advertisement",
  "advertisements",
  "sponsored",
  "sponsored content",
  "skip advertisement",
  "story continues below",
  "story continues below advertisement",
  "article continues below",
  "article continues below advertisement",
  "scroll to continue",
  "scroll to continue with content",
  "share this article",
  "share this story",
]);

const TRAILING_MARKERS: readonly RegExp[] = [
  /\s*(?:[–—-]{1,2}|\||»)\s*(?:read more|continue reading|full story)\s*[:.…»›>]*$/i,
  /\s*[([](?:read more|more)[)\]]$/i,
  /\s*(?:click|tap) here (?:to|for) (?:read )?(?:more|the full (?:story|article))[.!]?$/i,
];

export function stripAggregatorJunk(line: string): JunkStripped {
  const trimmed = line.trim();
  const tailStart = Math.max(0, trimmed.length - TAIL);
  const tail = trimmed.slice(tailStart);
  if (!MENTIONS_JUNK.test(trimmed.slice(0, TAIL)) && !MENTIONS_JUNK.test(tail)) return { text: trimmed };
  if (trimmed.length <= MAX_JUNK_LINE) {
    const bare = trimmed.replace(/[\s.:!…]+$/u, "").toLowerCase();
    if (JUNK_LINES.has(bare) || JUNK_LINE_STARTS.some((re) => re.test(trimmed))) {
      return { text: "", removed: trimmed };
    }
  }
  for (const re of TRAILING_MARKERS) {
    const match = re.exec(tail);
    // A marker that is the whole line was handled above; here it must follow some text.
    if (match && tailStart + match.index > 0) {
      return { text: trimmed.slice(0, tailStart + match.index).trimEnd(), removed: match[0].trim() };
    }
  }
  return { text: trimmed };
}
