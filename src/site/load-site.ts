// Everything a render needs from the content folder, computed once per build: the articles' front
// matter → the archive index → the page lists, and each article's Markdown body. The Eleventy plugin
// calls it for an unsharded run; a sharded build calls it once in the parent and hands the result to
// every shard (shard-data.ts), so that no shard reads the articles again.

import createDebug from "debug";
import path from "node:path";
import { buildArchiveIndex, coreFromArticles, indexArchive, type ArchiveCore, type ArchiveIndex } from "../archive/index.ts";
import { buildPageLists, type PageLists } from "./page-lists.ts";
import { readArticles } from "./read-articles.ts";
import { readEditorialRules } from "./read-editorial-rules.ts";

const debug = createDebug("broadsheet:site");

/** An article body before rendering. */
export interface BodySource {
  /** Article slug. */
  readonly key: string;
  readonly markdown: string;
  /** The article file, for messages. */
  readonly path: string;
  /** sha256 of the article file's text, front matter included (page-digests.ts). */
  readonly textSha256: string;
}

export interface SiteSource {
  readonly index: ArchiveIndex;
  readonly pages: PageLists;
  /** In the order of the files read (sorted by name). */
  readonly bodies: readonly BodySource[];
  /** The articles' core (src/archive/archive-core.ts), when asked for: an incremental build starts from it. */
  readonly core?: ArchiveCore;
}

export interface LoadSiteOptions {
  /** Make the archive core too, stamped with this code fingerprint (build-manifest.ts). */
  readonly core?: string;
}

export async function loadSite(contentDir: string, options: LoadSiteOptions = {}): Promise<SiteSource> {
  const started = performance.now();
  // Read only: the build's sync stage records every file it saw or wrote in the parse cache, while the build
  // goes on. A read that filled the cache raced that recording: at 10,000 articles it parsed ~450 files not yet
  // recorded and wrote ~240 of the 256 buckets a second time, in the prepare step's critical path (#6).
  const [articles, rules] = await Promise.all([readArticles(contentDir, { fillCache: false }), readEditorialRules(contentDir)]);
  const read = performance.now();
  // With the core goes the index's memo, so that the next build can reuse its archive-wide steps.
  const indexed =
    options.core === undefined ? undefined : indexArchive(articles.map((a) => a.data), { rules, files: new Map(articles.map((a) => [a.data.slug, a.textSha256])) });
  const index = indexed?.index ?? buildArchiveIndex(articles.map((a) => a.data), { rules });
  const pages = buildPageLists(index);
  debug(
    "%d articles read in %dms, index of %d entities in %dms",
    articles.length,
    Math.round(read - started),
    index.entities.length,
    Math.round(performance.now() - read),
  );
  const core =
    indexed && options.core !== undefined
      ? { ...coreFromArticles(articles.map((a) => ({ name: path.basename(a.file), textSha256: a.textSha256, data: a.data })), options.core), memo: indexed.memo }
      : undefined;
  return {
    index,
    pages,
    bodies: articles.map((a) => ({ key: a.data.slug, markdown: a.body, path: a.file, textSha256: a.textSha256 })),
    ...(core ? { core } : {}),
  };
}
