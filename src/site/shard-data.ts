// The hand-off from a sharded build (src/cli/render-shards.ts) to the Eleventy run of each shard: the
// archive is read and indexed once, then each shard's slice of the index and its article bodies are
// written to files (v8.serialize keeps the index's Maps and shared objects); the shard finds them
// through one environment variable, set only on the shard's process.

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

export function shardDataFiles(dir: string, shard: number): { readonly site: string; readonly bodies: string } {
  return { site: path.join(dir, `site-${shard}.v8`), bodies: path.join(dir, `bodies-${shard}.v8`) };
}

/** Where the prepare step leaves the page digests, and the changes when the build is incremental. */
export function preparedFiles(dir: string): { readonly digests: string; readonly changes: string } {
  return { digests: path.join(dir, "pages.json"), changes: path.join(dir, "changes.json") };
}

/**
 * The index as `shard` needs it: whole for the pages it writes, and for every other article and entity
 * only what other pages show of them (titles, dates, summaries; keys and article lists on the shard of
 * the one-off pages). Sentences, quotes, money and mention charts make up most of the index and each
 * appears on one page only, so dropping them elsewhere keeps each shard's memory close to its share
 * (issue 6). Which fields a page shows is the templates' business: the sharded-render test
 * (tests/cli/render-shards.test.ts) compares every byte with an unsharded run.
 */
export function shardSnapshot(index: ArchiveIndex, pages: PageLists, shard: Shard): SiteSnapshot {
  const lists = renderLists(index, pages, shard);
  // The one-off pages (API, type indexes, feeds) list every article's entities and every entity's articles.
  const owner = ownsSingletons(shard);
  const ownArticles = new Set(lists.articles.map((a) => a.position));
  const ownEntities = new Set([...lists.entity.map((p) => p.key), ...lists.entityFeeds]);
  const articles = index.articles.map((a): IndexedArticle => {
    if (ownArticles.has(a.position)) return a;
    const entities = owner ? a.entities.map((e) => ({ ...e, paragraph: "", sentence: "" })) : [];
    return { ...a, entities, money: [], quotes: [], sources: [] };
  });
  const entities = index.entities.map((e): IndexedEntity => {
    if (ownEntities.has(e.key)) return e;
    const mentions = owner ? e.mentions.map((m) => ({ ...m, paragraph: "", sentence: "" })) : [];
    return { ...e, mentions, quotes: [], cooccurring: [], months: [] };
  });
  const entityByKey = new Map(entities.map((e) => [e.key, e]));
  const byType = Object.fromEntries(
    Object.entries(index.byType).map(([type, list]) => [type, list.map((e) => entityByKey.get(e.key)!)]),
  ) as unknown as ArchiveIndex["byType"];
  return { index: { ...index, articles, entities, entityByKey, byType }, pages };
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
  const [site, bodies] = await Promise.all([readFile(files.site), readFile(files.bodies)]);
  return { ...(deserialize(site) as SiteSnapshot), bodies: deserialize(bodies) as BodySource[] };
}
