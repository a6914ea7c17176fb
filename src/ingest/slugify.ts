// Title → URL slug: ASCII, lower-case, words joined by "-", at most ~80 characters (issue 2; STYLE habit 9).
// any-ascii transliterates every script ("Łódź" → "lodz", "Straße" → "strasse", "北京" → "beijing",
// "😀" → "grinning"); a title with nothing left (only punctuation) gets a stable hash-based slug.

import { createHash } from "node:crypto";
import anyAscii from "any-ascii";

export const SLUG_MAX_LENGTH = 80;
/** Transliterating more of a title than this cannot change an 80-character slug (and keeps huge titles cheap). */
const TITLE_PREFIX = 1000;

export function slugify(title: string): string {
  const ascii = anyAscii(title.slice(0, TITLE_PREFIX).normalize("NFKC"));
  const joined = ascii
    .toLowerCase()
    .replace(/['`]/g, "") // "Bos's" → "boss", "don't" → "dont": not "don-t"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const slug = cutOnDash(joined);
  return slug || `article-${createHash("sha256").update(title).digest("hex").slice(0, 8)}`;
}

function cutOnDash(slug: string): string {
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const dash = slug.lastIndexOf("-", SLUG_MAX_LENGTH);
  return (dash > 0 ? slug.slice(0, dash) : slug.slice(0, SLUG_MAX_LENGTH)).replace(/-$/, "");
}
