// The index memo (issue 6): an edit that keeps every article's place, date and entity names reuses the
// previous build's archive-wide steps and page digests. Whatever it reuses must be what a build from scratch
// computes: the index and every page digest are compared with ones computed without the memo.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildArchiveIndex,
  coreFromArticles,
  decodeArchiveCore,
  encodeArchiveCore,
  indexArchive,
  type ArchiveArticle,
  type EditorialRules,
  type IndexMemo,
  warmIndexMemo,
} from "../../src/archive/index.ts";
import { pageDigests } from "../../src/site/page-digests.ts";
import { buildPageLists } from "../../src/site/page-lists.ts";
import { readArticles } from "../../src/site/read-articles.ts";
import { readEditorialRules } from "../../src/site/read-editorial-rules.ts";
import { paths } from "../../src/site/urls.ts";
import { comparableIndex } from "../support/comparable-index.ts";

const BUNDLED = path.resolve(import.meta.dirname, "../../content");

let articles: ArchiveArticle[];
let files: Map<string, string>;
let rules: EditorialRules;
let memo: IndexMemo;
beforeAll(async () => {
  const read = await readArticles(BUNDLED, { fillCache: false });
  articles = read.map((a) => a.data);
  files = new Map(read.map((a) => [a.data.slug, a.textSha256]));
  rules = await readEditorialRules(BUNDLED);
  memo = indexArchive(articles, { rules, files }).memo;
});

/** The articles with the one at `slug` replaced, and its file hash changed. */
function edited(slug: string, change: (a: ArchiveArticle) => ArchiveArticle) {
  return {
    input: articles.map((a) => (a.slug === slug ? change(a) : a)),
    hashes: new Map([...files].map(([s, h]) => [s, s === slug ? `${h}-edited` : h])),
  };
}

/** Indexes `input` with the memo and without, and checks that the index and every page digest agree. */
function compare(input: readonly ArchiveArticle[], hashes: Map<string, string>, options: { rules?: EditorialRules; memo?: IndexMemo } = {}) {
  const used = options.rules ?? rules;
  const withMemo = indexArchive(input, { rules: used, files: hashes, previous: options.memo ?? memo });
  const scratch = buildArchiveIndex(input, { rules: used });
  expect(comparableIndex(withMemo.index)).toEqual(comparableIndex(scratch));
  const previous = pageDigests(...digestInputs(articles, files));
  const pages = buildPageLists(withMemo.index);
  const reused = pageDigests(withMemo.index, pages, hashes, withMemo.diff && { previous, diff: withMemo.diff });
  expect(reused).toEqual(pageDigests(scratch, buildPageLists(scratch), hashes));
  // The memo handed on is the one a build from scratch would make.
  expect(withMemo.memo).toEqual(indexArchive(input, { rules: used, files: hashes }).memo);
  return { changed: withMemo.changed, diff: withMemo.diff, reused, previous };
}

/** compare() after one article's change. */
function compareEdit(slug: string, change: (a: ArchiveArticle) => ArchiveArticle) {
  const { input, hashes } = edited(slug, change);
  return compare(input, hashes);
}

function digestInputs(input: readonly ArchiveArticle[], hashes: Map<string, string>) {
  const index = buildArchiveIndex(input, { rules });
  return [index, buildPageLists(index), hashes] as const;
}

/** An article with a quote by one of its people, that shares entities with others (its change reaches their pages). */
function busiest(): ArchiveArticle {
  const quoted = articles.filter((a) => a.quotes.some((q) => a.people.some((p) => p.name === q.speaker)));
  return quoted.sort((a, b) => b.people.length + b.organizations.length - (a.people.length + a.organizations.length))[0]!;
}

describe("index memo", () => {
  it("reuses the archive-wide steps after an edit that keeps names, dates and order, and agrees with a build from scratch", () => {
    const target = busiest();
    const { input, hashes } = edited(target.slug, (a) => ({
      ...a,
      summary: `${a.summary} Updated.`,
      wordCount: a.wordCount + 7,
      people: a.people.map((p, i) => (i === 0 ? { ...p, mentions: p.mentions + 3, sentence: `${p.sentence} Again.` } : p)),
      // The speaker's entity page shows the new text, and no longer the quote left out.
      quotes: a.quotes.flatMap((q, i) => (i === 0 ? [] : a.people.some((p) => p.name === q.speaker) ? [{ ...q, text: `${q.text} (corrected)` }] : [q])),
    }));
    const { changed, reused, previous } = compare(input, hashes);
    const position = buildArchiveIndex(input, { rules }).articleBySlug.get(target.slug);
    expect(changed).toEqual([position]);
    // Most pages kept their digests; the edited article's own page did not.
    const same = [...reused].filter(([page, value]) => previous.get(page) === value).length;
    expect(same).toBeGreaterThan(reused.size / 2);
    expect(reused.get(`/articles/${target.slug}/`)).not.toBe(previous.get(`/articles/${target.slug}/`));
  });

  it("reuses them after a new headline that keeps the order, and the pages linking the article show it", () => {
    const index = buildArchiveIndex(articles, { rules });
    // Undated articles sort by title among themselves; a dated one alone on its day keeps its place.
    const alone = index.articles.find((a) => a.date && a.related.length > 0 && index.articles.filter((b) => b.date === a.date).length === 1)!;
    const { input, hashes } = edited(alone.slug, (a) => ({ ...a, title: `${a.title} (updated)` }));
    const { changed } = compare(input, hashes);
    expect(changed).toEqual([alone.position]);
  });

  it("gives an entity's first page a new digest when an article on a later page changes its chart", () => {
    const index = buildArchiveIndex(articles, { rules });
    // The only entity of the bundled articles on more than one page (40 articles a page).
    const entity = index.entities.find((e) => e.mentions.length > 40 && e.months.length > 0)!;
    const late = index.articles[entity.mentions.findLast((m) => index.articles[m.article]!.date !== undefined)!.article]!;
    const field = ({ person: "people", organization: "organizations", place: "places", law: "laws" } as const)[entity.type];
    const { input, hashes } = edited(late.slug, (a) => ({
      ...a,
      [field]: a[field].map((r) => (late.entities.some((e) => e.key === entity.key && e.localName === r.name) ? { ...r, mentions: r.mentions + 5 } : r)),
    }));
    const { changed, reused, previous } = compare(input, hashes);
    expect(changed).toEqual([late.position]);
    const first = paths.entity(entity.type, entity.slug);
    expect(previous.has(first)).toBe(true);
    expect(reused.get(first)).not.toBe(previous.get(first));
  });

  it("computes them again when an entity, a date, the articles or the rules change", () => {
    const target = busiest();
    const renamed = edited(target.slug, (a) => ({ ...a, people: [...a.people, { name: "Eleanor Quimby", aliases: ["Eleanor Quimby"], mentions: 1, paragraph: "p1", sentence: "Eleanor Quimby spoke." }] }));
    expect(compare(renamed.input, renamed.hashes).changed).toBeUndefined();
    const role = edited(target.slug, (a) => ({ ...a, people: a.people.map((p, i) => (i === 0 ? { ...p, role: "Harbour Master" } : p)) }));
    expect(compare(role.input, role.hashes).changed).toBeUndefined();
    const redated = edited(target.slug, (a) => ({ ...a, date: "1999-12-31" }));
    expect(compare(redated.input, redated.hashes).changed).toBeUndefined();
    const added = { ...target, slug: "an-added-article", title: "An added article" };
    expect(compare([...articles, added], new Map([...files, [added.slug, "new"]])).changed).toBeUndefined();
    const removed = articles.filter((a) => a.slug !== target.slug);
    expect(compare(removed, files).changed).toBeUndefined();
    const blocked: EditorialRules = { ...rules, block: [...rules.block, target.people[0]!.name] };
    expect(compare(articles, files, { rules: blocked }).changed).toBeUndefined();
  });

  it("after an add, a removal, a new date or a new name, tells what changed, and keeps the digests of the pages that show none of it", () => {
    const index = buildArchiveIndex(articles, { rules });
    const target = busiest();
    const newest = index.articles[0]!.date!;
    const middle = index.articles[Math.floor(index.years.reduce((n, y) => n + y.count, 0) / 2)]!.date!;
    const addedOn = (date: string | undefined, slug: string) => {
      const { date: _, ...rest } = target;
      const added: ArchiveArticle = { ...rest, ...(date ? { date } : {}), slug, title: `An article about ${slug}` };
      return compare([...articles, added], new Map([...files, [slug, `new ${slug}`]]));
    };
    // Today's article: its own page, its neighbour, its entities' front pages, the front page, its month.
    const today = addedOn(`${Number(newest.slice(0, 4)) + 1}-01-01`, "todays-article");
    expect(today.changed).toBeUndefined();
    expect(today.diff?.before).toBeDefined();
    const differ = (r: { reused: Map<string, string> | ReadonlyMap<string, string>; previous: ReadonlyMap<string, string> }) =>
      [...r.reused].filter(([page, value]) => r.previous.get(page) !== value).map(([page]) => page);
    const todayPages = differ(today);
    expect(todayPages).toContain("/articles/todays-article/");
    expect(todayPages).toContain("/");
    expect(todayPages.filter((p) => /^\/page\//.test(p))).toEqual([]);
    expect(todayPages.length).toBeLessThan(today.reused.size / 10);
    // Back-dated, undated, removed, redated, a new person, a new role: each agrees with a build from scratch (compare).
    for (const result of [
      addedOn(middle, "a-back-dated-article"),
      addedOn(undefined, "an-undated-article"),
      compare(articles.filter((a) => a.slug !== target.slug), files),
      compareEdit(target.slug, (a) => ({ ...a, date: "1999-12-31" })),
      compareEdit(target.slug, (a) => ({ ...a, people: [...a.people, { name: "Eleanor Quimby", aliases: ["Eleanor Quimby"], mentions: 1, paragraph: "p1", sentence: "Eleanor Quimby spoke." }] })),
      compareEdit(target.slug, (a) => ({ ...a, people: a.people.map((p, i) => (i === 0 ? { ...p, role: "Harbour Master" } : p)) })),
    ]) {
      expect(result.diff?.before).toBeDefined();
      expect(differ(result).length).toBeLessThan(result.reused.size / 2);
    }
  });

  it("read back from the core and warmed (build --watch), resolves an add by looking up only the new article", () => {
    const read = decodeArchiveCore(Buffer.concat(encodeArchiveCore({ ...coreFromArticles([], "code"), memo })))!.memo!;
    const { date: _, ...rest } = busiest();
    const input = [...articles, { ...rest, slug: "a-warm-add", title: "A warm add" }];
    const next = { rules, files: new Map([...files, ["a-warm-add", "new"]]) };
    // Without warming, a memo read from a file has no resolution to start from.
    expect(indexArchive(input, { ...next, previous: read }).resolvedArticles).toBe(input.length);
    warmIndexMemo(read, articles, rules);
    const warmed = indexArchive(input, { ...next, previous: read });
    expect(warmed.resolvedArticles).toBe(1);
    expect(comparableIndex(warmed.index)).toEqual(comparableIndex(buildArchiveIndex(input, { rules })));
  });

  it("is kept in the archive core, and a damaged one is left out", () => {
    const core = { ...coreFromArticles([], "code"), memo };
    const join = (parts: Uint8Array[]) => Buffer.concat(parts);
    expect(decodeArchiveCore(join(encodeArchiveCore(core)))?.memo).toEqual(memo);
    const recordIds = memo.recordIds.slice();
    recordIds[0] = memo.entities.length + 5;
    const damaged = decodeArchiveCore(join(encodeArchiveCore({ ...core, memo: { ...memo, recordIds } })));
    expect(damaged).toBeDefined();
    expect(damaged?.memo).toBeUndefined();
    // Without a memo, the index is computed in full: nothing is reused.
    expect(indexArchive(articles, { rules, files, previous: undefined }).changed).toBeUndefined();
  });
});
