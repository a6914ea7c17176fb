// Issue 3, target 1: the seed against its hand-written gold. Every person, organisation, place, law, money
// amount and quote speaker under the canonical name, with the listed aliases and roles; nothing from must_not.
// Canonical names are the archive's (resolveEntities): "Trump" in the seed is "Donald Trump" because another
// article of the archive names him in full.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFixture } from "./support.ts";
import { recordKeyOf, resolveEntities, type ArticleEntities } from "../../src/archive/resolve-entities.ts";
import { NO_EDITORIAL_RULES } from "../../src/archive/editorial-rules.ts";
import { normalizeName } from "../../bench/extract-score.ts";
import type { EntityRecord, EntityType, Extraction } from "../../src/types.ts";

const dir = join(import.meta.dirname, "fixtures", "seed");
const gold = JSON.parse(readFileSync(join(dir, "000_f383523450ecae10.gold.json"), "utf8")) as {
  people: { name: string; aliases: string[]; role?: string }[];
  organizations: { name: string; aliases: string[] }[];
  places: { name: string; aliases: string[] }[];
  laws: { name: string; aliases: string[] }[];
  money: string[];
  quotes: { speaker: string; starts_with: string }[];
  sources_cited: string[];
  must_not: string[];
};

const seed = extractFixture(join(dir, "000_f383523450ecae10.txt"));
const other = extractFixture(join(dir, "archive", "wn-gum-news-afghan.txt"));
const asArticle = (slug: string, x: Extraction): ArticleEntities => ({ slug, people: x.people, organizations: x.organizations, places: x.places, laws: x.laws });
const seedArticle = asArticle("seed", seed);
const resolution = resolveEntities([seedArticle, asArticle("afghan", other)], NO_EDITORIAL_RULES);
const canonicalByKey = new Map(resolution.entities.map((e) => [e.key, e]));

/** The seed's record that the archive resolves to `name`, with the archive's canonical entity. */
function find(type: EntityType, list: readonly EntityRecord[], name: string) {
  for (const record of list) {
    const key = recordKeyOf(resolution, seedArticle, 0, type, record.name);
    const entity = key === undefined ? undefined : canonicalByKey.get(key);
    if (entity?.name === name) return { record, entity };
  }
  return undefined;
}

const words = (s: string): string[] => s.toLowerCase().replace(/[().,]/g, " ").split(/\s+/).filter(Boolean);

const sections: [EntityType, keyof Pick<Extraction, "people" | "organizations" | "places" | "laws">][] = [
  ["person", "people"],
  ["organization", "organizations"],
  ["place", "places"],
  ["law", "laws"],
];

describe("the seed article against its gold (issue 3)", () => {
  for (const [type, field] of sections) {
    for (const g of gold[field] as { name: string; aliases: string[]; role?: string }[]) {
      it(`finds ${type} ${g.name} with its aliases${g.role ? " and role" : ""}`, () => {
        const found = find(type, seed[field], g.name);
        expect(found, `${g.name} not found among ${seed[field].map((r) => r.name).join(", ")}`).toBeDefined();
        const ours = new Set([...found!.record.aliases, found!.record.name, ...found!.entity.aliases].map(normalizeName));
        for (const alias of g.aliases) expect([...ours], `alias of ${g.name}`).toContain(normalizeName(alias));
        if (g.role) {
          // Our role may be shorter than the gold's ("Attorney General" for "California Attorney General")
          // but must not say anything the gold does not.
          const role = found!.record.role;
          expect(role, `role of ${g.name}`).toBeDefined();
          const allowed = new Set(words(g.role));
          for (const w of words(role!)) expect([...allowed], `role "${role}" of ${g.name}`).toContain(w);
        }
      });
    }
  }

  it("finds every money amount with its currency", () => {
    for (const text of gold.money) {
      const m = seed.money.find((x) => x.text === text);
      expect(m, text).toBeDefined();
      expect(m!.currency).toBe("USD");
      expect(m!.amount).toBe(Number(text.replace(/[$,]/g, "")));
    }
  });

  it("attributes every quote to its speaker", () => {
    for (const q of gold.quotes) {
      const ours = seed.quotes.find((x) => x.text.startsWith(q.starts_with));
      expect(ours, q.starts_with).toBeDefined();
      expect(ours!.speaker).toBe(q.speaker);
    }
  });

  it("lists the sources the article cites", () => {
    for (const s of gold.sources_cited) expect(seed.sources).toContain(s);
  });

  it("never extracts anything from must_not", () => {
    const banned = new Set(gold.must_not.map(normalizeName));
    for (const [, field] of sections) {
      for (const r of seed[field]) {
        for (const n of [r.name, ...r.aliases]) expect(banned.has(normalizeName(n)), `${field}: ${n}`).toBe(false);
      }
    }
  });

  it("never puts a title inside a person's name", () => {
    for (const p of seed.people) expect(p.name).not.toMatch(/^(President|Sen\.?|Sens\.?|Mayor|Governor|Attorney|General)\b/);
  });

  it("records where each entity is first mentioned", () => {
    const becerra = seed.people.find((p) => p.name === "Xavier Becerra");
    expect(becerra?.paragraph).toMatch(/^p\d+$/);
    expect(becerra?.sentence).toContain("Xavier Becerra said at a news conference");
    expect(becerra?.mentions).toBe(2);
  });
});
