// The archive index (src/archive) from a small fixture archive: order, neighbours, related ranking,
// entity postings, date groups and the undated list.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildArchiveIndex, sortKey, type ArchiveArticle } from "../../src/archive/index.ts";

const articles = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "small-archive", "articles.json"), "utf8")) as ArchiveArticle[];
const index = buildArchiveIndex(articles);
const slugs = (positions: readonly number[]): string[] => positions.map((p) => index.articles[p]!.slug);
const at = (slug: string) => index.articles[index.articleBySlug.get(slug)!]!;

describe("buildArchiveIndex", () => {
  it("orders articles newest first, ties by title, undated last (A–Z)", () => {
    expect(index.articles.map((a) => a.slug)).toEqual(["d", "f", "c", "a", "b", "e", "u2", "u1"]);
    expect(slugs(index.undated)).toEqual(["u2", "u1"]);
  });

  it("orders many articles of shared dates and titles as one comparison of date, title and slug would", () => {
    const dates = [undefined, "2020-01-01", "2020-01-02", "1999-12-31", "2020-01-01T08:00"];
    const titles = ["Émile", "emile", "Zoo", "alpha", "Alpha"];
    const many: ArchiveArticle[] = Array.from({ length: 600 }, (_, i) => {
      const date = dates[(i * 7) % dates.length];
      return { ...articles[0]!, slug: `s-${(i * 37) % 600}`, title: titles[(i * 3) % titles.length]!, ...(date === undefined ? { date: undefined } : { date }) };
    });
    const expected = [...many]
      .sort((a, b) => {
        if (a.date !== b.date) return a.date === undefined ? 1 : b.date === undefined ? -1 : a.date < b.date ? 1 : -1;
        const [x, y] = [sortKey(a.title), sortKey(b.title)];
        return x !== y ? (x < y ? -1 : 1) : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
      })
      .map((a) => a.slug);
    expect(buildArchiveIndex(many).articles.map((a) => a.slug)).toEqual(expected);
    expect(buildArchiveIndex([...many].reverse()).articles.map((a) => a.slug)).toEqual(expected);
  });

  it("does not depend on input order", () => {
    const reversed = buildArchiveIndex([...articles].reverse());
    expect(reversed.articles.map((a) => a.slug)).toEqual(index.articles.map((a) => a.slug));
    expect(reversed.articles.map((a) => slugs(a.related))).toEqual(index.articles.map((a) => slugs(a.related)));
  });

  it("links older and newer among dated articles, and undated among undated", () => {
    expect(at("d").newer).toBeUndefined();
    expect(slugs([at("d").older!])).toEqual(["f"]);
    expect(slugs([at("a").older!, at("a").newer!])).toEqual(["b", "c"]);
    expect(at("e").older).toBeUndefined();
    expect(at("u2").newer).toBeUndefined();
    expect(slugs([at("u2").older!])).toEqual(["u1"]);
    expect(at("u1").older).toBeUndefined();
  });

  it("ranks related articles by shared entities, the rarer weighing more", () => {
    // a shares a rare person and a common place with b, only the common place with the others.
    expect(slugs(at("a").related)[0]).toBe("b");
    // c shares a 3-article organisation with d and e, which outweighs the place everyone shares.
    expect(slugs(at("c").related).slice(0, 2).sort()).toEqual(["d", "e"]);
    expect(slugs(at("c").related)).not.toContain("c");
  });

  it("ranks equal scores by nearness in date, so a new article joins only its neighbours' lists", () => {
    const board = { name: "Harbour Board", aliases: ["Harbour Board"], mentions: 1, paragraph: "p1", sentence: "The Harbour Board met." };
    const story = (i: number, date: string): ArchiveArticle => ({ ...articles[0]!, slug: `s${i}`, title: `Story ${i}`, date, people: [], places: [], quotes: [], organizations: [board] });
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const before = buildArchiveIndex(Array.from({ length: 300 }, (_, i) => story(i, day(i))));
    const related = (ix: typeof before, slug: string) => ix.articles[ix.articleBySlug.get(slug)!]!.related.map((p) => ix.articles[p]!.slug);
    // Every article shares the one entity: the nearest in date come first, the newer of two as near.
    expect(related(before, "s150")).toEqual(["s151", "s149", "s152", "s148", "s153"]);
    // An old one too: its candidates are read around its own place in the entity's articles.
    expect(related(before, "s5")).toEqual(["s6", "s4", "s7", "s3", "s8"]);
    const after = buildArchiveIndex([...Array.from({ length: 300 }, (_, i) => story(i, day(i))), story(300, day(300))]);
    const changed = Array.from({ length: 300 }, (_, i) => `s${i}`).filter((slug) => related(before, slug).join() !== related(after, slug).join());
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(5);
  });

  it("keeps, per entity, every article newest first with its sentence, its quotes and its months", () => {
    const rare = index.entityByKey.get("person:rare-person")!;
    expect(slugs(rare.mentions.map((m) => m.article))).toEqual(["a", "b"]);
    expect(rare.mentions[0]).toMatchObject({ paragraph: "p1", sentence: "Rare Person was mentioned." });
    expect(rare.quotes.map((q) => q.text)).toEqual(["Rare words."]);
    expect(rare.months).toEqual([
      { month: "2019-01", count: 1 },
      { month: "2020-05", count: 1 },
    ]);
    expect(rare.cooccurring).toEqual([{ key: "place:everywhere", count: 2 }]);
  });

  it("folds case and accents into one entity and one slug", () => {
    const zola = index.entities.filter((e) => e.slug === "emile-zola");
    expect(zola).toHaveLength(1);
    expect(zola[0]!.mentions).toHaveLength(2);
  });

  it("groups dated articles by year and month, newest first", () => {
    expect(index.years.map((y) => [y.year, y.count])).toEqual([
      ["2021", 3],
      ["2020", 1],
      ["2019", 1],
      ["2018", 1],
    ]);
    expect(index.years[0]!.months.map((m) => [m.month, slugs(m.articles)])).toEqual([["2021-07", ["d", "f", "c"]]]);
  });

  it("sorts each type A–Z with accents folded", () => {
    expect(index.byType.person.map((e) => e.slug)).toEqual(["emile-zola", "rare-person"]);
  });
});
