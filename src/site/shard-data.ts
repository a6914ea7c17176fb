// The hand-off from a sharded build (src/cli/render-shards.ts) to the Eleventy run of each shard: the
// archive is read and indexed once, then written to files that the shards read (v8.serialize keeps the
// index's Maps): a skeleton of the index that all shards share, written once (twice: the shard of the
// one-off pages needs a little more), and per shard the whole records of its own articles and entities
// and its article bodies. Writing the skeleton once, not once per shard, keeps the step linear in the
// archive (at 100,000 articles, 18 shards took 36 s each). A shard finds its files through one
// environment variable, set only on the shard's process.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize } from "node:v8";
import type { ArchiveIndex, IndexedArticle, IndexedEntity } from "../archive/index.ts";
import type { BodySource } from "./load-site.ts";
import type { PageLists } from "./page-lists.ts";
import { ownsSingletons, renderLists, type Shard } from "./render-lists.ts";

export const RENDER_SHARD_ENV = "BROADSHEET_RENDER_SHARD";

export interface ShardJob extends Shard {
  /** Folder holding the files of shardDataFiles. */
  readonly dir: string;
  /** Markdown worker threads for this shard (0: render bodies on the Eleventy thread). */
  readonly threads: number;
}

export interface SiteSnapshot {
  readonly index: ArchiveIndex;
  readonly pages: PageLists;
}

export function shardDataFiles(
  dir: string,
  shard: number,
): { readonly skeleton: string; readonly records: string; readonly bodies: string } {
  return {
    skeleton: path.join(dir, ownsSingletons({ shard, count: 1 }) ? "skeleton-owner.v8" : "skeleton.v8"),
    records: path.join(dir, `records-${shard}.v8`),
    bodies: path.join(dir, `bodies-${shard}.v8`),
  };
}

/** The whole records of the articles and entities whose pages one shard writes. */
export interface ShardRecords {
  readonly articles: readonly IndexedArticle[];
  readonly entities: readonly IndexedEntity[];
}

/** Where the prepare step leaves the page digests, and the changes when the build is incremental. */
export function preparedFiles(dir: string): { readonly digests: string; readonly changes: string } {
  return { digests: path.join(dir, "pages.json"), changes: path.join(dir, "changes.json") };
}

/**
 * What every shard keeps of every article and entity: what other pages show of them (titles, dates,
 * summaries; keys and article lists on the shard of the one-off pages — API, type indexes, feeds — which
 * list every article's entities and every entity's articles: `owner`). Sentences, quotes, money and mention
 * charts make up most of the index and each appears on one page only, so a shard holds them only for its
 * own pages (shardRecords), which keeps its memory close to its share (issue 6). Which fields a page shows
 * is the templates' business: tests/cli/render-shards.test.ts compares every byte with an unsharded run.
 */
export function sharedSkeleton(index: ArchiveIndex, pages: PageLists, owner: boolean): SiteSnapshot {
  const articles = index.articles.map((a): IndexedArticle => {
    const entities = owner ? a.entities.map((e) => ({ ...e, paragraph: "", sentence: "" })) : [];
    return { ...a, entities, money: [], quotes: [], sources: [] };
  });
  const entities = index.entities.map((e): IndexedEntity => {
    const mentions = owner ? e.mentions.map((m) => ({ ...m, paragraph: "", sentence: "" })) : [];
    return { ...e, mentions, quotes: [], cooccurring: [], months: [] };
  });
  return { index: withEntities({ ...index, articles }, entities), pages };
}

/** The records `shard` needs whole: those of the pages it writes. */
export function shardRecords(index: ArchiveIndex, pages: PageLists, shard: Shard): ShardRecords {
  const lists = renderLists(index, pages, shard);
  const own = new Set([...lists.entity.map((p) => p.key), ...lists.entityFeeds]);
  return { articles: lists.articles, entities: index.entities.filter((e) => own.has(e.key)) };
}

/** The skeleton with a shard's whole records put in their places. */
export function assembleSnapshot(skeleton: SiteSnapshot, records: ShardRecords): SiteSnapshot {
  const articles = [...skeleton.index.articles];
  for (const a of records.articles) articles[a.position] = a;
  const whole = new Map(records.entities.map((e) => [e.key, e]));
  const entities = skeleton.index.entities.map((e) => whole.get(e.key) ?? e);
  return { index: withEntities({ ...skeleton.index, articles }, entities), pages: skeleton.pages };
}

/** The index over `entities`, with its lookups rebuilt to point at them. */
function withEntities(index: ArchiveIndex, entities: readonly IndexedEntity[]): ArchiveIndex {
  const entityByKey = new Map(entities.map((e) => [e.key, e]));
  const byType = Object.fromEntries(
    Object.entries(index.byType).map(([type, list]) => [type, list.map((e) => entityByKey.get(e.key)!)]),
  ) as unknown as ArchiveIndex["byType"];
  return { ...index, entities, entityByKey, byType };
}

/** The shard this process renders, from RENDER_SHARD_ENV; undefined for an ordinary, unsharded run. */
export function shardJobFromEnv(env: NodeJS.ProcessEnv): ShardJob | undefined {
  const value = env[RENDER_SHARD_ENV];
  if (!value) return undefined;
  const job = JSON.parse(value) as Partial<ShardJob>;
  const { shard, count, dir, threads } = job;
  if (!Number.isInteger(shard) || !Number.isInteger(count) || typeof dir !== "string" || !Number.isInteger(threads) || shard! < 0 || shard! >= count!) {
    throw new Error(`${RENDER_SHARD_ENV} is not a shard job: ${value}`);
  }
  return { shard: shard!, count: count!, dir, threads: threads! };
}

export async function readShardData(job: ShardJob): Promise<SiteSnapshot & { readonly bodies: readonly BodySource[] }> {
  const files = shardDataFiles(job.dir, job.shard);
  const [skeleton, records, bodies] = await Promise.all([readFile(files.skeleton), readFile(files.records), readFile(files.bodies)]);
  return {
    ...assembleSnapshot(deserialize(skeleton) as SiteSnapshot, deserialize(records) as ShardRecords),
    bodies: deserialize(bodies) as BodySource[],
  };
}
