// What a shard of a sharded render receives (issue 6): the whole records of what its pages read, and
// no more, so that a shard's data stays its share of the archive however many shards there are.
// tests/cli/render-shards.test.ts checks the rendered bytes; this checks the cut records directly.
import path from "node:path";
import { serialize } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import { buildArchiveIndex, type IndexedEntity } from "../../src/archive/index.ts";
import { loadSite, type SiteSource } from "../../src/site/load-site.ts";
import { buildPageLists, PAGE_SIZES } from "../../src/site/page-lists.ts";
import { renderLists } from "../../src/site/render-lists.ts";
import { shardRecords } from "../../src/site/shard-data.ts";
import { archiveArticle } from "../support/archive-article.ts";
import { comparableEntities } from "../support/comparable-index.ts";

const BUNDLED = path.resolve(import.meta.dirname, "../../content");

let site: SiteSource;
beforeAll(async () => {
  site = await loadSite(BUNDLED);
});

/** The articles an entity feed lists, as templates/feeds.ts picks them. */
function feedArticles(site: SiteSource, entity: IndexedEntity): string[] {
  const out: string[] = [];
  for (const m of entity.mentions) {
    if (out.length >= PAGE_SIZES.feed) break;
    const a = site.index.articles[m.article];
    if (a?.date) out.push(a.slug);
  }
  return out;
}

describe("shardRecords", () => {
  it.each([2, 3, 7])("in %i shards, gives each entity page and feed what it reads", (count) => {
    for (let shard = 0; shard < count; shard++) {
      const lists = renderLists(site.index, site.pages, { shard, count });
      const records = new Map(shardRecords(site.index, site.pages, { shard, count }).entities.map((e) => [e.key, e]));
      for (const page of lists.entity) {
        const whole = site.index.entityByKey.get(page.key)!;
        const cut = records.get(page.key)!;
        expect(cut.mentions).toHaveLength(whole.mentions.length);
        expect(cut.mentions.slice(page.start, page.end)).toEqual(whole.mentions.slice(page.start, page.end));
        if (page.first) {
          expect(cut.quotes).toEqual(whole.quotes);
          expect(cut.cooccurring).toEqual(whole.cooccurring);
          expect(cut.months).toEqual(whole.months);
        }
      }
      for (const key of lists.entityFeeds) {
        const whole = site.index.entityByKey.get(key)!;
        expect(feedArticles(site, records.get(key)!)).toEqual(feedArticles(site, whole));
      }
    }
  });

  it("leaves out the sentences of mentions that no page of the shard shows", () => {
    const multiPage = site.pages.entity.filter((p) => !p.first).map((p) => p.key);
    expect(multiPage.length).toBeGreaterThan(0);
    const count = 7;
    const shard = Array.from({ length: count }, (_, s) => s).find((s) =>
      renderLists(site.index, site.pages, { shard: s, count }).entity.some((p) => p.key === multiPage[0] && !p.first),
    )!;
    const cut = shardRecords(site.index, site.pages, { shard, count }).entities.find((e) => e.key === multiPage[0])!;
    const pageOne = site.pages.entity.find((p) => p.key === multiPage[0] && p.first)!;
    expect(cut.mentions.slice(pageOne.start, pageOne.end).every((m) => m.sentence === "")).toBe(true);
  });

  it("keeps one entity's data near one copy of its record, however many shards show its pages", () => {
    // One person in every article: over 13 pages of mentions, spread over all the shards.
    const articles = Array.from({ length: PAGE_SIZES.entity.most * 13 }, (_, i) =>
      archiveArticle(i, ["Ada Lovelace"], { date: `2020-01-${String(1 + (i % 28)).padStart(2, "0")}`, sentence: (name, n) => `${name} said something long enough to weigh, number ${n}.` }),
    );
    const index = buildArchiveIndex(articles);
    const pages = buildPageLists(index);
    const bytes = (count: number): number => {
      let total = 0;
      for (let shard = 0; shard < count; shard++) total += serialize(shardRecords(index, pages, { shard, count }).entities).length;
      return total;
    };
    const whole = serialize(comparableEntities(index.entities)).length;
    expect(bytes(7)).toBeLessThan(whole * 2);
    expect(bytes(13)).toBeLessThan(whole * 2);
  });
});
