// The site's only file reading: every content/articles/*.md, kept or left out by the same rules as the
// build command (the schema, one owner per slug: select-article-files.ts), so the archive index sees
// exactly the articles the CLI accepted. The CLI reports the files left out; the site stays quiet.
// Files come through the parse cache (issue 6): after a sync stage only changed files are parsed. Their
// sentences and quotes are kept as slices of their bodies (share-body-text.ts).

import { readdir } from "node:fs/promises";
import path from "node:path";
import { ArticleParseCache } from "../article-cache/index.ts";
import { keepOneFilePerSlug, type ArticleFrontMatter } from "../front-matter/index.ts";
import { shareBodyText } from "./share-body-text.ts";

export interface ArticleOnDisk {
  readonly file: string;
  readonly data: ArticleFrontMatter;
  readonly body: string;
  /** sha256 of the file's text (front matter and body): what page digests take for the article's own data. */
  readonly textSha256: string;
}

export interface ReadArticlesOptions {
  /**
   * Record the files it had to parse in the cache (default: true). A build's render stage does not
   * (load-site.ts): its sync stage records them.
   */
  readonly fillCache?: boolean;
}

export async function readArticles(contentDir: string, options: Readonly<ReadArticlesOptions> = {}): Promise<ArticleOnDisk[]> {
  const dir = path.join(contentDir, "articles");
  const names = await articleNames(dir);
  const cache = await ArticleParseCache.open(contentDir, { write: options.fillCache ?? true, show: (name) => path.join(dir, name) });
  const parsed: ArticleOnDisk[] = [];
  for (const read of await cache.readAll(names)) {
    if (!read.article) continue;
    const { data, body } = read.article;
    parsed.push({ file: path.join(dir, read.name), data: shareBodyText(data, body), body, textSha256: read.textSha256 });
  }
  return keepOneFilePerSlug(parsed, (a) => a.data.slug).accepted;
}

/** The names of the article files in `dir` (content/articles), sorted. */
export async function articleNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
