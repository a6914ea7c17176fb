// Entity identity across the archive (issue 3, targets 5 and 6): short forms merge into the one full name
// that owns them, one canonical name and slug per entity, and the editor's content/entities.yaml always wins.

import { readFileSync } from "node:fs";
import { join } from "node:path";
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
