// The site's only file reading: every content/articles/*.md, kept or left out by the same rules as the
// build command (the schema, one owner per slug: select-article-files.ts), so the archive index sees
// exactly the articles the CLI accepted. The CLI reports the files left out; the site stays quiet.
// Files come through the parse cache (issue 6): after a sync stage only changed files are parsed.

import { readdir } from "node:fs/promises";
import path from "node:path";
import { ArticleParseCache, type ReadArticle } from "../article-cache/index.ts";
import { keepOneFilePerSlug, type ArticleFrontMatter } from "../front-matter/index.ts";

export interface ArticleOnDisk {
  readonly file: string;
  readonly data: ArticleFrontMatter;
  readonly body: string;
  /** sha256 of the file's text (front matter and body): what page digests take for the article's own data. */
  readonly textSha256: string;
}

export interface ReadArticlesOptions {
  /**
   * Record the files it had to parse in the cache (default: true). After a build's sync stage there are
   * none, so a render step in another process writes nothing.
   */
  readonly fillCache?: boolean;
  /** Files already read (preloadArticles): only the others, and those it names stale, are read now. */
  readonly preloaded?: PreloadedArticles;
}

/** Article files read ahead, by name, and which of them changed since (the sync stage's writes and deletes). */
export interface PreloadedArticles {
  readonly read: ReadonlyMap<string, ReadArticle>;
  readonly stale: ReadonlySet<string>;
}

export async function readArticles(contentDir: string, options: Readonly<ReadArticlesOptions> = {}): Promise<ArticleOnDisk[]> {
  const dir = path.join(contentDir, "articles");
  const names = await articleNames(dir);
  const { preloaded } = options;
  const wanted = preloaded ? names.filter((name) => preloaded.stale.has(name) || !preloaded.read.has(name)) : names;
  // A cache that writes forgets every file it is not given: reading a few files must not.
  const cache = await ArticleParseCache.open(contentDir, { write: !preloaded && (options.fillCache ?? true), show: (name) => path.join(dir, name) });
  const fresh = new Map((await cache.readAll(wanted)).map((read) => [read.name, read]));
  const parsed: ArticleOnDisk[] = [];
  for (const name of names) {
    const read = fresh.get(name) ?? preloaded?.read.get(name);
    if (read?.article) parsed.push({ file: path.join(dir, name), data: read.article.data, body: read.article.body, textSha256: read.textSha256 });
  }
  return keepOneFilePerSlug(parsed, (a) => a.data.slug).accepted;
}

export interface ArticlePreload {
  /** Every article file as it was when the preload started, by name; undefined when stopped or failed. */
  readonly done: Promise<ReadonlyMap<string, ReadArticle> | undefined>;
  stop(): void;
}

/**
 * Starts reading every article file through the parse cache, without writing it, while the build's sync
 * stage runs on a worker thread (sync-in-worker.ts); readArticles then reads only what the sync changed.
 */
export function preloadArticles(contentDir: string): ArticlePreload {
  const dir = path.join(contentDir, "articles");
  const controller = new AbortController();
  const done = (async () => {
    const cache = await ArticleParseCache.open(contentDir, { write: false, show: (name) => path.join(dir, name) });
    const read = await cache.readAll(await articleNames(dir), controller.signal);
    return new Map(read.map((r) => [r.name, r]));
  })().catch(() => undefined);
  return { done, stop: () => controller.abort() };
}

async function articleNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
