// Entity identity across the archive (issue 3, targets 5 and 6): short forms merge into the one full name
// that owns them, one canonical name and slug per entity, and the editor's content/entities.yaml always wins.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordKeyOf, resolveEntities, type ArticleEntities } from "../../src/archive/resolve-entities.ts";
import { NO_EDITORIAL_RULES, parseEditorialRules } from "../../src/archive/editorial-rules.ts";
import { EditorialFileError } from "../../src/errors.ts";
import { extractEntities } from "../../src/enrich/index.ts";
import type { EntityRecord } from "../../src/types.ts";

const fixtures = join(import.meta.dirname, "fixtures", "entities");
const rulesFile = (name: string): string => readFileSync(join(fixtures, name), "utf8");

function record(name: string, aliases: string[] = [name], role?: string): EntityRecord {
  return { name, aliases, ...(role === undefined ? {} : { role }), mentions: 1, paragraph: "p1", sentence: `${name} spoke.` };
}

function article(slug: string, parts: Partial<Omit<ArticleEntities, "slug">>): ArticleEntities {
  return { slug, people: [], organizations: [], places: [], laws: [], ...parts };
}

/** resolveEntities, remembering its input so that `linked` can find an article's records. */
function resolve(articles: readonly ArticleEntities[], rules: Parameters<typeof resolveEntities>[1]) {
  return { ...resolveEntities(articles, rules), articles };
}

/** The canonical entity an article's local record links to. */
function linked(resolution: ReturnType<typeof resolve>, slug: string, type: Parameters<typeof recordKeyOf>[3], name: string) {
  const position = resolution.articles.findIndex((a) => a.slug === slug);
  const key = position < 0 ? undefined : recordKeyOf(resolution, resolution.articles[position]!, position, type, name);
  return key === undefined ? undefined : resolution.entities.find((e) => e.key === key);
}

describe("merging across articles", () => {
  it("merges a surname with the only full name that ends in it, collecting roles", () => {
    const r = resolve(
      [
        article("a", { people: [record("Trump", ["Trump", "President Trump"], "President")] }),
        article("b", { people: [record("Donald Trump")] }),
      ],
      NO_EDITORIAL_RULES,
    );
    const trump = linked(r, "a", "person", "Trump");
    expect(trump?.name).toBe("Donald Trump");
    expect(trump?.slug).toBe("donald-trump");
    expect(linked(r, "b", "person", "Donald Trump")?.key).toBe(trump?.key);
    expect(trump?.roles).toEqual(["President"]);
    expect(trump?.aliases).toEqual(expect.arrayContaining(["Trump", "President Trump", "Donald Trump"]));
  });

  it("leaves a surname alone when two full names could own it", () => {
    const r = resolve(
      [
        article("a", { people: [record("Brown")] }),
        article("b", { people: [record("Jerry Brown")] }),
        article("c", { people: [record("Gordon Brown")] }),
      ],
      NO_EDITORIAL_RULES,
    );
    expect(linked(r, "a", "person", "Brown")?.name).toBe("Brown");
    expect(r.entities.filter((e) => e.type === "person")).toHaveLength(3);
  });

  it("folds case and accents into one slug per entity", () => {
    const r = resolve(
      [article("a", { people: [record("José Álvarez")] }), article("b", { people: [record("Jose Alvarez")] })],
      NO_EDITORIAL_RULES,
    );
    expect(r.entities).toHaveLength(1);
    expect(r.entities[0]!.slug).toBe("jose-alvarez");
  });

  it("merges an acronym with the organisation that lists it as an alias", () => {
    const r = resolve(
      [
        article("a", { organizations: [record("ICE")] }),
        article("b", { organizations: [record("Immigration and Customs Enforcement", ["Immigration and Customs Enforcement", "ICE"])] }),
      ],
      NO_EDITORIAL_RULES,
    );
    expect(linked(r, "a", "organization", "ICE")?.name).toBe("Immigration and Customs Enforcement");
  });

  it("resolves real extractions: the seed's Trump is another article's Donald Trump", () => {
    const seed = extractEntities({ title: "Raids", paragraphs: [{ id: "p1", text: "The sweep is the largest since President Trump took office." }] });
    const other = extractEntities({ title: "Ban", paragraphs: [{ id: "p1", text: "Donald Trump personally asked the council to help." }] });
    const r = resolve([article("seed", seed), article("other", other)], NO_EDITORIAL_RULES);
    expect(linked(r, "seed", "person", "Trump")?.name).toBe("Donald Trump");
  });
});

describe("editorial rules (content/entities.yaml)", () => {
  const rules = parseEditorialRules(rulesFile("entities.yaml"), "content/entities.yaml");

  it("parses every section", () => {
    expect(rules.merge["ICE"]).toBe("Immigration and Customs Enforcement");
    expect(rules.rename["Wal-Mart"]).toBe("Walmart");
    expect(rules.retype["Bay Area"]).toBe("place");
    expect(rules.block).toEqual(["Wednesday", "person:Kamala Harris"]);
  });

  it("merges across articles under the editor's canonical name", () => {
    const r = resolve(
      [
        article("a", { organizations: [record("ICE")] }),
        article("b", { organizations: [record("U.S. Immigration Customs and Enforcement")] }),
      ],
      rules,
    );
    const a = linked(r, "a", "organization", "ICE");
    expect(a?.name).toBe("Immigration and Customs Enforcement");
    expect(linked(r, "b", "organization", "U.S. Immigration Customs and Enforcement")?.key).toBe(a?.key);
  });

  it("renames, and the new name gives the slug", () => {
    const r = resolve([article("a", { organizations: [record("Wal-Mart", ["Wal-Mart", "Wal - Mart"])] })], rules);
    const walmart = linked(r, "a", "organization", "Wal-Mart");
    expect(walmart?.name).toBe("Walmart");
    expect(walmart?.key).toBe("organization:walmart");
  });

  it("retypes, whatever type the extractor gave", () => {
    const r = resolve([article("a", { organizations: [record("Bay Area")] })], rules);
    const bay = linked(r, "a", "organization", "Bay Area");
    expect(bay?.type).toBe("place");
    expect(bay?.key).toBe("place:bay-area");
  });

  it("blocks by name and by type:name, removing links too", () => {
    const r = resolve(
      [article("a", { people: [record("Kamala Harris"), record("Wednesday")], places: [record("Kamala Harris")] })],
      rules,
    );
    expect(linked(r, "a", "person", "Kamala Harris")).toBeUndefined();
    expect(linked(r, "a", "person", "Wednesday")).toBeUndefined();
    expect(linked(r, "a", "place", "Kamala Harris")?.name).toBe("Kamala Harris");
  });

  it("is never overridden by an automatic merge", () => {
    // Automatically "Trump" would join "Donald Trump"; the editor says it is Fred Trump.
    const editor = parseEditorialRules("merge:\n  Fred Trump: Trump\n", "content/entities.yaml");
    const r = resolve([article("a", { people: [record("Trump")] }), article("b", { people: [record("Donald Trump")] })], editor);
    expect(linked(r, "a", "person", "Trump")?.name).toBe("Fred Trump");
    expect(linked(r, "b", "person", "Donald Trump")?.name).toBe("Donald Trump");
  });
});

describe("bad editorial files", () => {
  it("names the line of a YAML syntax error", () => {
    expect(() => parseEditorialRules(rulesFile("bad-syntax.yaml"), "content/entities.yaml")).toThrow(EditorialFileError);
    try {
      parseEditorialRules(rulesFile("bad-syntax.yaml"), "content/entities.yaml");
    } catch (error) {
      expect((error as EditorialFileError).file).toBe("content/entities.yaml");
      expect((error as EditorialFileError).line).toBeGreaterThanOrEqual(2);
      expect((error as Error).message).toContain("content/entities.yaml (line");
    }
  });

  it("names an unknown section and its line", () => {
    try {
      parseEditorialRules(rulesFile("bad-section.yaml"), "content/entities.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EditorialFileError);
      expect((error as EditorialFileError).line).toBe(3);
      expect((error as Error).message).toContain('"renames"');
    }
  });

  it("names an unknown type and says which are allowed", () => {
    try {
      parseEditorialRules(rulesFile("bad-type.yaml"), "content/entities.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EditorialFileError);
      expect((error as EditorialFileError).line).toBe(2);
      expect((error as EditorialFileError).fix).toContain("person, organization, place, law");
    }
  });

  it("accepts an empty file", () => {
    expect(parseEditorialRules("", "content/entities.yaml")).toEqual(NO_EDITORIAL_RULES);
  });
});

describe("identity details", () => {
  it("treats an organisation with and without its legal form as one", () => {
    const r = resolve(
      [article("a", { organizations: [record("Apple Inc.")] }), article("b", { organizations: [record("Apple")] })],
      NO_EDITORIAL_RULES,
    );
    expect(r.entities).toHaveLength(1);
    expect(r.entities[0]!.name).toBe("Apple Inc.");
    expect(linked(r, "b", "organization", "Apple")?.key).toBe(r.entities[0]!.key);
  });

  it("does not merge a lone first name into someone who was once called by it", () => {
    const r = resolve(
      [article("a", { people: [record("George")] }), article("b", { people: [record("George Osborne", ["George Osborne", "George", "Osborne"])] })],
      NO_EDITORIAL_RULES,
    );
    expect(linked(r, "a", "person", "George")?.name).toBe("George");
  });
});

describe("a resolution kept between builds (build --watch)", () => {
  // Names whose resolution depends on the others present: surnames that one or two full names own, an
  // alias chain whose merges follow the order groups first appear in ("UN" → "United Nations" → "United
  // Nations Organization"), case and accent twins, and a blocked name.
  const PEOPLE: readonly (readonly [string, readonly string[]])[] = [
    ["Smith", ["Smith"]],
    ["John Smith", ["John Smith", "Smith"]],
    ["Jane Smith", ["Jane Smith"]],
    ["Berg", ["Berg", "Minister Berg"]],
    ["Anna Berg", ["Anna Berg"]],
    ["Zoë Ball", ["Zoë Ball"]],
    ["Zoe Ball", ["Zoe Ball", "Ball"]],
    ["Spam Bot", ["Spam Bot"]],
  ];
  const ORGANIZATIONS: readonly (readonly [string, readonly string[]])[] = [
    ["UN", ["UN"]],
    ["United Nations", ["United Nations", "UN"]],
    ["United Nations Organization", ["United Nations Organization", "UN", "United Nations"]],
    ["Apple Inc.", ["Apple Inc."]],
    ["Apple", ["Apple", "Apple Computer"]],
  ];
  const ROLES = [undefined, "Minister", "Mayor"];
  const DATES = ["2020-01-01", "2021-03-04", "2022-05-06", undefined];

  interface Seed {
    readonly people: readonly (readonly [number, number])[];
    readonly organizations: readonly number[];
    readonly date: number;
  }
  const seedArb: fc.Arbitrary<Seed> = fc.record({
    people: fc.array(fc.tuple(fc.nat(PEOPLE.length - 1), fc.nat(ROLES.length - 1)), { maxLength: 4 }),
    organizations: fc.array(fc.nat(ORGANIZATIONS.length - 1), { maxLength: 3 }),
    date: fc.nat(DATES.length - 1),
  });
  const make = (s: Seed, slug: string): ArticleEntities => {
    const date = DATES[s.date];
    return article(slug, {
      ...(date ? { date } : {}),
      people: s.people.map(([p, r]) => record(PEOPLE[p]![0], [...PEOPLE[p]![1]], ROLES[r])),
      organizations: s.organizations.map((o) => record(ORGANIZATIONS[o]![0], [...ORGANIZATIONS[o]![1]])),
    });
  };
  // Newest first, as the index orders them: a date change moves an article, and with it first appearances.
  const ordered = (list: readonly ArticleEntities[]) => [...list].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.slug.localeCompare(b.slug));
  type Change = (list: readonly ArticleEntities[], next: number) => ArticleEntities[];
  const changeArb: fc.Arbitrary<Change> = fc.oneof(
    seedArb.map((s): Change => (list, next) => [...list, make(s, `new-${next}`)]),
    fc.nat().map((k): Change => (list) => list.filter((_, i) => i !== k % list.length)),
    fc.tuple(fc.nat(), seedArb).map(([k, s]): Change => (list) => list.map((a, i) => (i === k % list.length ? make(s, a.slug) : a))),
  );
  const plain = (r: ReturnType<typeof resolveEntities>) => ({ entities: r.entities, recordIds: [...r.recordIds], recordStarts: [...r.recordStarts] });

  for (const [label, rules] of [
    ["without rules", NO_EDITORIAL_RULES],
    ["with a block and a rename", { ...NO_EDITORIAL_RULES, block: ["Spam Bot"], rename: { "Jane Smith": "Jane Q. Smith" } }],
  ] as const) {
    it(`gives what a resolution from nothing gives, ${label}, after adds, removals and changed articles`, () => {
      fc.assert(
        fc.property(fc.array(seedArb, { minLength: 1, maxLength: 30 }), fc.array(changeArb, { minLength: 1, maxLength: 6 }), (seeds, changes) => {
          let list = seeds.map((s, i) => make(s, `a-${i}`));
          let previous = resolveEntities(ordered(list), rules);
          changes.forEach((change, k) => {
            list = change(list, k);
            const state = previous.state!;
            const next = resolveEntities(ordered(list), rules, { previous: state });
            // It took the state (a second resolution cannot), and gives exactly what one from nothing gives.
            expect(state.take()).toBeUndefined();
            expect(plain(next)).toEqual(plain(resolveEntities(ordered(list), rules)));
            previous = next;
          });
        }),
        { seed: 20261207, numRuns: 300 },
      );
    });
  }

  it("starts from nothing when handed a state another resolution took, or one made under other rules", () => {
    const list = [make({ people: [[1, 0]], organizations: [2], date: 0 }, "a")];
    const first = resolveEntities(list, NO_EDITORIAL_RULES);
    const state = first.state!;
    resolveEntities(list, NO_EDITORIAL_RULES, { previous: state });
    expect(plain(resolveEntities(list, NO_EDITORIAL_RULES, { previous: state }))).toEqual(plain(first));
    const blocked = { ...NO_EDITORIAL_RULES, block: ["John Smith"] };
    const other = resolveEntities(list, NO_EDITORIAL_RULES);
    expect(plain(resolveEntities(list, blocked, { previous: other.state }))).toEqual(plain(resolveEntities(list, blocked)));
    expect(resolveEntities(list, { ...NO_EDITORIAL_RULES, merge: { UN: "United Nations" } }).state).toBeUndefined();
  });
});
