// Raw file → unique slug, stable between runs (issue 2, issue 7 "duplicate headlines").
// A raw file keeps the slug its Markdown already has; new files get their base, then base-2, base-3… in
// raw-path order. Slugs already on disk are never handed to another file, even when their raw file is gone:
// that Markdown file still exists and may hold a person's edits.

import { slugify } from "./slugify.ts";

export interface SlugCandidate {
  /** Raw file path, as in Article.provenance.raw. */
  readonly raw: string;
  /** The slug the title asks for (IngestResult.slugBase). */
  readonly base: string;
}

const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function assignSlugs(
  candidates: readonly SlugCandidate[],
  existing: ReadonlyMap<string, string>,
): Map<string, string> {
  const ordered = [...candidates].sort((a, b) => (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
  const taken = new Set<string>();
  const assigned = new Map<string, string>();

  // First the files that already have a (safe) slug, so that a new file can never take it from them.
  for (const { raw } of ordered) {
    const slug = existing.get(raw);
    if (slug !== undefined && SAFE_SLUG.test(slug) && !taken.has(slug) && !assigned.has(raw)) {
      taken.add(slug);
      assigned.set(raw, slug);
    }
  }
  for (const slug of existing.values()) if (SAFE_SLUG.test(slug)) taken.add(slug);

  const nextSuffix = new Map<string, number>();
  for (const { raw, base } of ordered) {
    if (assigned.has(raw)) continue;
    const safeBase = SAFE_SLUG.test(base) ? base : slugify(base);
    let slug = safeBase;
    let suffix = nextSuffix.get(safeBase) ?? 2;
    while (taken.has(slug)) slug = `${safeBase}-${suffix++}`;
    nextSuffix.set(safeBase, suffix);
    taken.add(slug);
    assigned.set(raw, slug);
  }
  return assigned;
}
