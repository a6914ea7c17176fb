// The hand-off from a sharded build (src/cli/render-shards.ts) to the Eleventy run of each shard: the
// archive is read and indexed once, then written to files that the shards read (v8.serialize keeps the
// index's Maps): a skeleton of the index that all shards share, written once (twice: the shard of the
// one-off pages needs a little more), and per shard the records of its own articles and entities
// and its article bodies. Writing the skeleton once, not once per shard, keeps the step linear in the
// archive (at 100,000 articles, 18 shards took 36 s each). A shard finds its files through one
// environment variable, set only on the shard's process.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize } from "node:v8";
import type { ArchiveIndex, ArticleEntity, EntityMention, IndexedArticle, IndexedEntity } from "../archive/index.ts";
import type { BodySource } from "./load-site.ts";
import { PAGE_SIZES, type PageLists } from "./page-lists.ts";
import { ownsSingletons, renderLists, type Shard } from "./render-lists.ts";

export const RENDER_SHARD_ENV = "BROADSHEET_RENDER_SHARD";
/** The argument that starts a step's process as a spare: it loads the renderer and waits to be sent its step. */
export const WAIT_FOR_STEP = "--wait-for-step";

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

/** The records of the articles and entities whose pages one shard writes (see shardRecords). */
export interface ShardRecords {
  readonly articles: readonly IndexedArticle[];
  readonly entities: readonly IndexedEntity[];
}

/**
 * Where the prepare step leaves the page digests, the archive core, and the changes when the build is
 * incremental; where it finds the article files' text hashes (PrepareOptions.textHashes).
 */
export function preparedFiles(dir: string): { readonly digests: string; readonly changes: string; readonly core: string; readonly textHashes: string } {
  return {
    digests: path.join(dir, "pages.json"),
    changes: path.join(dir, "changes.json"),
    core: path.join(dir, "core.v8"),
    textHashes: path.join(dir, "text-hashes.json"),
  };
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
    const entities = owner ? a.entities.map(keyOnly) : [];
    return { ...a, entities, money: [], quotes: [], sources: [] };
  });
  const entities = index.entities.map((e): IndexedEntity => {
    const mentions = owner ? e.mentions.map(withoutText) : [];
    return { ...e, mentions, quotes: [], cooccurring: [], months: [] };
  });
  return { index: withEntities({ ...index, articles }, entities), pages };
}

/**
 * The records of the pages `shard` writes, cut to what those pages read: an article's entities without
 * their sentences (entity pages show those); an entity's mentions on its pages here, the newest dated
 * ones for its feed, and its quotes, companions and chart only with its first page. Every other mention
 * is one shared placeholder (the shard of the one-off pages, which lists them all, gets their
 * articles), so the array keeps its length. The most mentioned entities have pages on every shard:
 * whole, their records grew each shard's data with the archive (820 MB a shard at 100,000 articles,
 * 14 GB written in all, #6); cut, a shard holds its share.
 */
export function shardRecords(index: ArchiveIndex, pages: PageLists, shard: Shard): ShardRecords {
  const lists = renderLists(index, pages, shard);
  const shown = new Map<string, { start: number; end: number }[]>();
  const first = new Set<string>();
  for (const p of lists.entity) {
    const ranges = shown.get(p.key) ?? [];
    ranges.push({ start: p.start, end: p.end });
    shown.set(p.key, ranges);
    if (p.first) first.add(p.key);
  }
  const feeds = new Set(lists.entityFeeds);
  const owner = ownsSingletons(shard);
  const entities: IndexedEntity[] = [];
  for (const e of index.entities) {
    const ranges = shown.get(e.key);
    if (!ranges && !feeds.has(e.key)) continue;
    const mentions = owner ? e.mentions.map(withoutText) : e.mentions.map(() => OMITTED);
    if (feeds.has(e.key)) {
      // What the feed template reads: mentions in order until PAGE_SIZES.feed dated articles.
      let dated = 0;
      for (let i = 0; i < e.mentions.length && dated < PAGE_SIZES.feed; i++) {
        const m = e.mentions[i]!;
        mentions[i] = withoutText(m);
        if (index.articles[m.article]?.date) dated++;
      }
    }
    for (const { start, end } of ranges ?? []) for (let i = start; i < end && i < mentions.length; i++) mentions[i] = e.mentions[i]!;
    entities.push(first.has(e.key) ? { ...e, mentions, quotes: e.quotes, months: e.months } : { ...e, mentions, quotes: [], cooccurring: [], months: [] });
  }
  // An article page lists its entities by name and role; their sentences are shown on entity pages.
  const articles = lists.articles.map((a) => ({ ...a, entities: a.entities.map(withoutText), quotes: a.quotes }));
  return { articles, entities };
}

/** Stands for a mention no page of the shard shows; v8.serialize writes a repeated object once. */
const OMITTED: EntityMention = { article: -1, paragraph: "", sentence: "", mentions: 0 };

/** An article's entity as the one-off pages read it (the API lists keys; cards look names up by key). */
function keyOnly(e: ArticleEntity): ArticleEntity {
  return { key: e.key, type: e.type, name: e.name, localName: "", aliases: NO_ALIASES, mentions: 0, paragraph: "", sentence: "" };
}
const NO_ALIASES: readonly string[] = [];

/** A mention, or an article's entity, without the sentence it comes with. */
function withoutText<T extends { readonly paragraph: string; readonly sentence: string }>(x: T): T {
  return x.sentence === "" && x.paragraph === "" ? x : { ...x, paragraph: "", sentence: "" };
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
export function withEntities(index: ArchiveIndex, entities: readonly IndexedEntity[]): ArchiveIndex {
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
