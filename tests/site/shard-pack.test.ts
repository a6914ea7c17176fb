// The shard hand-off's files in columns (src/site/shard-pack.ts, #6): what a shard unpacks is what the prepare
// step packed — every field, keys in the same order (templates and the API files read them; JSON is written in
// key order) — and the files are smaller than v8.serialize makes them. tests/cli/render-shards.test.ts checks
// the rendered bytes of a sharded build; this checks the data itself.
import path from "node:path";
import { serialize } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite, type SiteSource } from "../../src/site/load-site.ts";
import { ownsSingletons } from "../../src/site/render-lists.ts";
import { shardRecords, sharedSkeleton } from "../../src/site/shard-data.ts";
import { packRecords, packSnapshot, unpackRecords, unpackSnapshot } from "../../src/site/shard-pack.ts";

const BUNDLED = path.resolve(import.meta.dirname, "../../content");

let site: SiteSource;
beforeAll(async () => {
  site = await loadSite(BUNDLED);
});

/** Objects as JSON: every field and its place among the keys. */
const json = (value: unknown) => JSON.stringify(value);

describe("packRecords", () => {
  it.each([1, 3])("gives back each of %i shards' records as they were, smaller", (count) => {
    for (let shard = 0; shard < count; shard++) {
      const records = shardRecords(site.index, site.pages, { shard, count });
      const bytes = packRecords(records);
      const back = unpackRecords(bytes);
      expect(json(back.articles)).toBe(json(records.articles));
      expect(json(back.entities)).toBe(json(records.entities));
      expect(bytes.length).toBeLessThan(serialize(records).length);
    }
  });

  it("keeps the role of an article's entity, and leaves it out where there is none", () => {
    const records = shardRecords(site.index, site.pages, { shard: 0, count: 1 });
    const entities = records.articles.flatMap((a) => a.entities);
    expect(entities.some((e) => e.role)).toBe(true);
    expect(entities.some((e) => !("role" in e))).toBe(true);
    const back = unpackRecords(packRecords(records)).articles.flatMap((a) => a.entities);
    expect(back.map((e) => ("role" in e ? e.role : null))).toEqual(entities.map((e) => ("role" in e ? e.role : null)));
  });
});

describe("packSnapshot", () => {
  it.each([false, true])("gives back the skeleton (of the one-off pages' shard: %s) with its lookups", (owner) => {
    const count = 3;
    const shard = Array.from({ length: count }, (_, s) => s).find((s) => ownsSingletons({ shard: s, count }) === owner)!;
    const skeleton = sharedSkeleton(site.index, site.pages, ownsSingletons({ shard, count }));
    const back = unpackSnapshot(packSnapshot(skeleton));
    expect(json(back.index.articles)).toBe(json(skeleton.index.articles));
    expect(json(back.index.entities)).toBe(json(skeleton.index.entities));
    expect(json(back.pages)).toBe(json(skeleton.pages));
    expect([...back.index.articleBySlug]).toEqual([...skeleton.index.articleBySlug]);
    expect([...back.index.entityByKey.keys()]).toEqual([...skeleton.index.entityByKey.keys()]);
    for (const [key, entity] of back.index.entityByKey) expect(json(entity)).toBe(json(skeleton.index.entityByKey.get(key)));
    for (const type of ["person", "organization", "place", "law"] as const) {
      expect(back.index.byType[type].map((e) => e.key)).toEqual(skeleton.index.byType[type].map((e) => e.key));
      // The lookups point at the entities of the list, not at copies.
      for (const e of back.index.byType[type]) expect(back.index.entityByKey.get(e.key)).toBe(e);
    }
    expect(json({ ...back.index, articles: 0, entities: 0, articleBySlug: 0, entityByKey: 0, byType: 0 })).toBe(
      json({ ...skeleton.index, articles: 0, entities: 0, articleBySlug: 0, entityByKey: 0, byType: 0 }),
    );
  });
});
