// The site's only file reading: every content/articles/*.md through the front-matter schema, so the
// archive index sees exactly what the pages show. Files are read in sorted order (deterministic).

import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { SlugError } from "../errors.ts";
import { parseArticleFile, type ArticleFrontMatter } from "../front-matter/index.ts";

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
  const out: ArticleOnDisk[] = new Array(names.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < names.length) {
      const i = next++;
      const name = names[i]!;
      const file = path.join(dir, name);
      const { data, body } = parseArticleFile(await readFile(file, "utf8"), file);
      // The page's URL comes from `slug`; a file named otherwise would be a second way to reach it.
      if (`${data.slug}.md` !== name) {
        throw new SlugError(`has slug '${data.slug}' but is named '${name}'`, {
          file,
          fix: `Rename the file to '${data.slug}.md' or set slug to '${name.slice(0, -3)}'.`,
        });
      }
      out[i] = { file, data, body };
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  return out;
}
