// Related lists after a change (src/archive/related-articles.ts): the lists the memo lets a build keep, and
// those it computes again, must be exactly what a build from scratch gives. Articles here mention up to 20
// entities of a skewed pool, so that an article's rarest twelve are a choice that a change can move, and
// many share a date, so that ties are decided by days apart and order (fast-check, fixed seed).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildArchiveIndex, indexArchive, NO_EDITORIAL_RULES, type ArchiveArticle } from "../../src/archive/index.ts";
import { archiveArticle } from "../support/archive-article.ts";

const NAMES = Array.from({ length: 40 }, (_, i) => `Person Number${i}`);
const DATES = ["2020-01-01", "2020-01-02", "2020-01-05", "2020-02-01", "2021-06-30", undefined];

interface Seed {
  readonly people: readonly number[];
  readonly date: number;
}

/** Dense: 10–20 of 40 names each, so that a change moves many an article's rarest twelve. */
const denseArb: fc.Arbitrary<Seed> = fc.record({
  people: fc.uniqueArray(fc.nat(NAMES.length - 1), { minLength: 10, maxLength: 20 }),
  date: fc.nat(DATES.length - 1),
});
/** Sparse: 1–8 names, low numbers common and high ones rare (the square of a uniform pick), as in news. */
const sparseArb: fc.Arbitrary<Seed> = fc.record({
  people: fc.uniqueArray(
    fc.nat(999).map((x) => Math.floor((x * x) / 25_000)),
    { minLength: 1, maxLength: 8 },
  ),
  date: fc.nat(DATES.length - 1),
});

function article(seed: Seed, i: number): ArchiveArticle {
  const { date: _, ...undated } = archiveArticle(i, seed.people.map((p) => NAMES[p]!));
  const date = DATES[seed.date];
  return date ? { ...undated, date } : undated;
}

type Change = (articles: ArchiveArticle[]) => ArchiveArticle[];
const changeArb = (seedArb: fc.Arbitrary<Seed>): fc.Arbitrary<Change> =>
  fc.oneof(
    seedArb.map((s): Change => (a) => [...a, article(s, 1000)]),
    fc.nat().map((k): Change => (a) => a.filter((_, i) => i !== k % a.length)),
    fc.tuple(fc.nat(), seedArb).map(([k, s]): Change => (a) => a.map((x, i) => (i === k % a.length ? { ...article(s, i), date: x.date } : x))),
    fc.tuple(fc.nat(), fc.nat(DATES.length - 1)).map(([k, d]): Change => (a) => a.map((x, i) => (i === k % a.length ? article({ people: [0], date: d }, i) : x))),
  );

function filesOf(articles: readonly ArchiveArticle[]): Map<string, string> {
  return new Map(articles.map((a) => [a.slug, createHash("sha256").update(JSON.stringify(a)).digest("hex")]));
}

const related = (index: { articles: readonly { slug: string; related: readonly number[] }[] }) =>
  index.articles.map((a) => [a.slug, a.related.map((p) => index.articles[p]!.slug)]);

/** Runs whose lists after the change agree with a build from scratch, and how many of them kept some of the memo's. */
function keptRuns(seedArb: fc.Arbitrary<Seed>, seed: number, numRuns: number): number {
  let kept = 0;
  fc.assert(
    fc.property(fc.array(seedArb, { minLength: 40, maxLength: 120 }), fc.array(changeArb(seedArb), { minLength: 1, maxLength: 2 }), (seeds, changes) => {
      const before = seeds.map(article);
      const after = changes.reduce((a, change) => change(a), before);
      const rules = NO_EDITORIAL_RULES;
      const first = indexArchive(before, { rules, files: filesOf(before) });
      const next = indexArchive(after, { rules, files: filesOf(after), previous: first.memo });
      expect(related(next.index)).toEqual(related(buildArchiveIndex(after)));
      if (next.relatedComputed !== undefined && next.relatedComputed < after.length) kept++;
    }),
    { seed, numRuns },
  );
  return kept;
}

describe("related articles after a change", () => {
  it("agree with a build from scratch when a change moves an article's rarest entities", () => {
    keptRuns(denseArb, 20261207, 300);
  });

  it("are computed again only where a change reaches, in most changes to a news-like archive", () => {
    expect(keptRuns(sparseArb, 20261208, 300)).toBeGreaterThan(100);
  });
});
