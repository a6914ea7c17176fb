// The index diff (src/archive/index-diff.ts): after any change to the articles — added, removed, redated,
// retitled, a person more or less, a new role, other mention counts, a quote — the page digests that keep
// the previous build's values where the diff allows must be exactly those computed from scratch. Random
// archives (fast-check, fixed seed) reach the cases that only one of the diff's checks catches.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildArchiveIndex, indexArchive, NO_EDITORIAL_RULES, type ArchiveArticle } from "../../src/archive/index.ts";
import { pageDigests } from "../../src/site/page-digests.ts";
import { buildPageLists, PAGE_SIZES } from "../../src/site/page-lists.ts";
import { comparableIndex } from "../support/comparable-index.ts";

// Short forms ("Lovelace", "Smith") merge into full names; "Smith" has two candidates in some archives.
const PEOPLE = ["Ada Lovelace", "Lovelace", "John Smith", "Jane Smith", "Smith", "Grace Hopper", "Alan Turing", "Edsger Dijkstra"];
const ORGANIZATIONS = ["Acme Corp", "Acme", "Globex", "Initech"];
const DATES = ["2019-03-01", "2019-03-15", "2019-04-02", "2020-01-09", "2020-01-09", "2021-07-30", undefined];
const TITLES = ["Budget passes", "Council meets", "Storm warning", "Budget passes"];

interface Seed {
  readonly people: readonly number[];
  readonly organizations: readonly number[];
  readonly date: number;
  readonly title: number;
  readonly mentions: number;
  readonly role: boolean;
  readonly quote: boolean;
}

const seedArb: fc.Arbitrary<Seed> = fc.record({
  people: fc.uniqueArray(fc.nat(PEOPLE.length - 1), { maxLength: 3 }),
  organizations: fc.uniqueArray(fc.nat(ORGANIZATIONS.length - 1), { maxLength: 2 }),
  date: fc.nat(DATES.length - 1),
  title: fc.nat(TITLES.length - 1),
  mentions: fc.integer({ min: 1, max: 3 }),
  role: fc.boolean(),
  quote: fc.boolean(),
});

function article(seed: Seed, i: number): ArchiveArticle {
  const date = DATES[seed.date];
  const record = (name: string, k: number) => ({
    name,
    aliases: [name],
    mentions: k === 0 ? seed.mentions : 1,
    paragraph: `p${k + 1}`,
    sentence: `${name} was there (${i}).`,
    ...(seed.role && k === 0 ? { role: "Mayor" } : {}),
  });
  const people = seed.people.map((p, k) => record(PEOPLE[p]!, k));
  return {
    slug: `article-${i}`,
    title: TITLES[seed.title]!,
    ...(date ? { date } : {}),
    source: {},
    summary: `Summary ${i}.`,
    wordCount: 100 + i,
    readingMinutes: 1,
    people,
    // The first article often mentions Ada Lovelace, so that her pages run to several.
    organizations: seed.organizations.map((o, k) => record(ORGANIZATIONS[o]!, k)),
    places: [],
    laws: [],
    money: [],
    quotes: seed.quote && people[0] ? [{ text: `Words of ${i}.`, speaker: people[0].name, paragraph: "p1" }] : [],
    sources: [],
  };
}

/** Two in three articles mention Ada Lovelace, so that her pages run to several and the home page to a few. */
const archiveArb = fc.array(seedArb, { minLength: 25, maxLength: 130 }).map((seeds) =>
  seeds.map((s, i) => article(i % 3 !== 2 ? { ...s, people: [...new Set([0, ...s.people])] } : s, i)),
);

type Change = (articles: ArchiveArticle[]) => ArchiveArticle[];
const changeArb: fc.Arbitrary<{ name: string; change: Change }> = fc.oneof(
  seedArb.map((s) => ({ name: "add", change: (a: ArchiveArticle[]) => [...a, article(s, 1000)] })),
  fc.nat().map((k) => ({ name: "remove", change: (a: ArchiveArticle[]) => a.filter((_, i) => i !== k % a.length) })),
  fc.tuple(fc.nat(), fc.nat(DATES.length - 1)).map(([k, d]) => ({ name: "redate", change: (a: ArchiveArticle[]) => at(a, k, (x) => withDate(x, DATES[d])) })),
  fc.tuple(fc.nat(), fc.nat(TITLES.length - 1)).map(([k, t]) => ({ name: "retitle", change: (a: ArchiveArticle[]) => at(a, k, (x) => ({ ...x, title: `${TITLES[t]} again` })) })),
  fc.nat().map((k) => ({ name: "drop a person", change: (a: ArchiveArticle[]) => at(a, k, (x) => ({ ...x, people: x.people.slice(1), quotes: [] })) })),
  fc.tuple(fc.nat(), fc.nat(PEOPLE.length - 1)).map(([k, p]) => ({
    name: "add a person",
    change: (a: ArchiveArticle[]) => at(a, k, (x) => (x.people.some((r) => r.name === PEOPLE[p]) ? x : { ...x, people: [...x.people, { name: PEOPLE[p]!, aliases: [PEOPLE[p]!], mentions: 1, paragraph: "p2", sentence: "New." }] })),
  })),
  fc.nat().map((k) => ({ name: "role", change: (a: ArchiveArticle[]) => at(a, k, (x) => ({ ...x, people: x.people.map((r, i) => (i === 0 ? { ...r, role: "Governor" } : r)) })) })),
  fc.nat().map((k) => ({ name: "mentions", change: (a: ArchiveArticle[]) => at(a, k, (x) => ({ ...x, people: x.people.map((r) => ({ ...r, mentions: r.mentions + 4 })) })) })),
);

/** Article i, dated `date`, mentions a person of its own and the leader of one of 20 groups: related within the group. */
function plain(i: number, date: string | undefined): ArchiveArticle {
  const record = (name: string) => ({ name, aliases: [name], mentions: 1, paragraph: "p1", sentence: `${name} spoke.` });
  const base = withDate(article({ people: [], organizations: [], date: 0, title: 0, mentions: 1, role: false, quote: false }, i), date);
  return { ...base, title: `Story ${i}`, people: [record(`Person Number${i}`), record(`Leader Group${i % 20}`)] };
}

function at(articles: ArchiveArticle[], k: number, change: (a: ArchiveArticle) => ArchiveArticle): ArchiveArticle[] {
  return articles.map((a, i) => (i === k % articles.length ? change(a) : a));
}

function withDate(a: ArchiveArticle, date: string | undefined): ArchiveArticle {
  const { date: _, ...rest } = a;
  return date ? { ...rest, date } : rest;
}

/** A file's hash stands for everything of the article (the build hashes its Markdown). */
function filesOf(articles: readonly ArchiveArticle[]): Map<string, string> {
  return new Map(articles.map((a) => [a.slug, createHash("sha256").update(JSON.stringify(a)).digest("hex")]));
}

function digestsAfter(before: ArchiveArticle[], after: ArchiveArticle[]) {
  const rules = NO_EDITORIAL_RULES;
  const first = indexArchive(before, { rules, files: filesOf(before) });
  const firstPages = buildPageLists(first.index);
  const previous = pageDigests(first.index, firstPages, filesOf(before));
  const files = filesOf(after);
  const next = indexArchive(after, { rules, files, previous: first.memo });
  const pages = buildPageLists(next.index);
  // As build --watch makes them: the previous build's pages kept for the entities the diff leaves alone.
  const keptPages = next.diff ? buildPageLists(next.index, { previous: firstPages, changed: next.diff.entities }) : undefined;
  return {
    next,
    previous,
    pages,
    keptPages,
    scratch: pageDigests(next.index, pages, files),
    reused: next.diff && keptPages ? pageDigests(next.index, keptPages, files, { previous, diff: next.diff }) : undefined,
  };
}

describe("index diff", () => {
  it("keeps a previous digest only where a build from scratch computes the same", () => {
    fc.assert(
      fc.property(archiveArb, fc.array(changeArb, { minLength: 1, maxLength: 2 }), (before, changes) => {
        const after = changes.reduce((a, c) => c.change(a), before);
        const { next, pages, keptPages, scratch, reused } = digestsAfter(before, after);
        expect(next.diff, changes.map((c) => c.name).join(", ")).toBeDefined();
        // The index itself, whose companions it takes from the memo where the diff allows.
        expect(comparableIndex(next.index)).toEqual(comparableIndex(buildArchiveIndex(after)));
        expect(keptPages).toEqual(pages);
        expect(reused).toEqual(scratch);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it("shows an entity's new spelling on the pages of the articles and entities that did not change", () => {
    // "ACME" and "Acme" are one organisation (same folded key); the spelling most articles use names it.
    const org = (i: number, names: readonly string[]): ArchiveArticle => ({
      ...article({ people: [], organizations: [], date: i % 6, title: 0, mentions: 1, role: false, quote: false }, i),
      title: `Story ${i}`,
      organizations: names.map((name) => ({ name, aliases: [name], mentions: 1, paragraph: "p1", sentence: `${name} grew.` })),
    });
    const before = [...Array.from({ length: 5 }, (_, i) => org(i, ["ACME", "Globex"])), ...Array.from({ length: 5 }, (_, i) => org(5 + i, ["Acme"])), org(10, ["Initech"])];
    // Older than the rest: it joins no other article's related list, so only the new spelling reaches them.
    const { next, scratch, reused } = digestsAfter(before, [...before, { ...org(11, ["Acme"]), date: "1990-01-01" }]);
    expect(next.index.entityByKey.get("organization:acme")?.name).toBe("Acme");
    expect(reused).toEqual(scratch);
  });

  it("relinks an entity's newest numbered page when today's article leaves a new one behind the front page", () => {
    // Each also names one of 7 groups, whose members are its related articles; today's names a group of its own.
    const record = (name: string) => ({ name, aliases: [name], mentions: 1, paragraph: "p1", sentence: `${name} spoke.` });
    const ada = (i: number, group: string): ArchiveArticle => ({
      ...plain(i, new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10)),
      people: [record("Ada Lovelace"), record(`Leader ${group}`)],
    });
    // The first count past two numbered pages at which one more article leaves a new one behind, and page 2 links to it.
    const numbered = (n: number) => buildPageLists(buildArchiveIndex(Array.from({ length: n }, (_, i) => ada(i, "G")))).entity.filter((p) => p.key === "person:ada-lovelace").length - 1;
    let count = PAGE_SIZES.entity.most * 2;
    while (numbered(count) < 2 || numbered(count + 1) === numbered(count)) count++;
    const before = Array.from({ length: count }, (_, i) => ada(i, `Group${i % 7}`));
    const { next, previous, scratch, reused } = digestsAfter(before, [...before, ada(count, "Newgroup")]);
    expect([...next.diff!.articles]).toEqual([0]);
    expect(next.diff?.before).toBeDefined();
    expect(reused).toEqual(scratch);
    const relinked = `/people/ada-lovelace/page/${numbered(count)}/`;
    expect(reused!.get(relinked)).not.toBe(previous.get(relinked));
  });

  it("links the last home page to /undated/ once there are undated articles", () => {
    const before = Array.from({ length: 45 }, (_, i) => plain(i, `2019-0${1 + (i % 9)}-10`));
    const { scratch, reused } = digestsAfter(before, [...before, plain(45, undefined)]);
    expect(reused).toEqual(scratch);
  });

  it("gives today's article a handful of pages to render, and moves no numbered page", () => {
    const before = Array.from({ length: 400 }, (_, i) => plain(i, new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10)));
    const { previous, reused } = digestsAfter(before, [...before, plain(400, "2022-01-01")]);
    const changed = [...reused!].filter(([page, value]) => previous.get(page) !== value).map(([page]) => page);
    expect(changed).toContain("/articles/article-400/");
    expect(changed).toContain("/");
    // The A–Z index of people gains a name; no numbered page of the home list or of an entity changes.
    expect(changed.filter((p) => /^\/page\/|^\/[a-z]+\/[^/]+\/page\//.test(p))).toEqual([]);
    // Its group's 20 articles list it as related; their months' API files show that.
    expect(changed.length).toBeLessThan(reused!.size / 20);
  });

  it("gives an article dated among older ones the numbered page it lands on, not every page newer than it", () => {
    const day = (d: number) => new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10);
    const before = Array.from({ length: 400 }, (_, i) => plain(i, day(2 * i)));
    const numberedPages = (digests: ReadonlyMap<string, string>) => [...digests.keys()].filter((p) => p.startsWith("/page/")).length;
    const changedHome: number[] = [];
    // Ten articles dated between two of the first 300 (~14 home pages are newer than each).
    for (let k = 0; k < 10; k++) {
      const { previous, reused, scratch } = digestsAfter(before, [...before, plain(400 + k, day(2 * (k * 29 + 7) + 1))]);
      expect(reused).toEqual(scratch);
      if (numberedPages(reused!) !== numberedPages(previous)) continue; // it ended a page: those after it are renumbered
      changedHome.push([...reused!].filter(([page, value]) => page.startsWith("/page/") && previous.get(page) !== value).length);
    }
    expect(changedHome.length).toBeGreaterThanOrEqual(7);
    expect(Math.max(...changedHome)).toBeLessThanOrEqual(3);
  });
});
