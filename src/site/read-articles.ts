// The site's only file reading: every content/articles/*.md, kept or left out by the same rule as the
// build command (selectArticleFiles: the schema, one owner per slug), so the archive index sees
// exactly the articles the CLI accepted. The CLI reports the files left out; the site stays quiet.

import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { selectArticleFiles, type ArticleFrontMatter } from "../front-matter/index.ts";

const CONCURRENCY = 64;

export interface ArticleOnDisk {
  readonly file: string;
  readonly data: ArticleFrontMatter;
  readonly body: string;
}

export async function readArticles(contentDir: string): Promise<ArticleOnDisk[]> {
  const dir = path.join(contentDir, "articles");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const texts: { file: string; text: string }[] = new Array(names.length);
  let next = 0;
  async function reader(): Promise<void> {
    while (next < names.length) {
      const i = next++;
      const file = path.join(dir, names[i]!);
      texts[i] = { file, text: await readFile(file, "utf8") };
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, reader));
  return selectArticleFiles(texts).accepted.map(({ file, data, body }) => ({ file, data, body }));
}
