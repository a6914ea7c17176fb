// The whole site as one Eleventy plugin: the archive index as global data, our Markdown library, the
// page templates from templates/, and public/ copied through. .eleventy.ts only adds this plugin.

import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { layouts, pages } from "../../templates/index.ts";
import { buildArchiveIndex } from "../archive/index.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { entityLinksFor, markdownLibrary } from "./markdown-library.ts";
import { PrerenderedBodies } from "./prerender-bodies.ts";
import { buildPageLists } from "./page-lists.ts";
import { readArticles } from "./read-articles.ts";
import type { BroadsheetData } from "./template-data.ts";
import { normalizePathPrefix, paths } from "./urls.ts";

const debug = createDebug("broadsheet:site");
/** Below this many articles, starting Markdown workers costs more than it saves. */
const PRERENDER_THRESHOLD = 300;
const ARTICLE_LAYOUT = "article.11ty.js";
const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

export function broadsheetPlugin(config: EleventyConfig): void {
  const inputDir = config.directories.input;

  config.setLibrary("md", markdownLibrary);
  config.addPassthroughCopy({ [PUBLIC_DIR]: "/" });

  // Layout and URL of content/articles/*.md, set here rather than in a directory data file so that any
  // content folder (--content DIR, test fixtures, bench) renders the same. The schema keeps both keys
  // out of front matter, and the URL comes from the validated `slug`.
  const articlesDir = path.resolve(inputDir, "articles");
  const rawDir = path.resolve(inputDir, "raw");
  // content/raw holds the incoming articles, never pages (a README.md there must not become one).
  // Eleventy's ignores are project-relative globs and the content folder may be anywhere, hence this.
  config.addPreprocessor("broadsheet-raw", "*", function (this: { inputPath: string }) {
    return isInside(rawDir, this.inputPath) ? false : undefined;
  });
  config.addPreprocessor("broadsheet-articles", "md", function (this: { inputPath: string }, data: Record<string, unknown>) {
    if (!isInside(articlesDir, this.inputPath)) return undefined;
    data["layout"] = ARTICLE_LAYOUT;
    data["permalink"] = (page: { slug?: unknown }) => paths.article(String(page.slug));
    return undefined;
  });

  config.addGlobalData("broadsheet", async (): Promise<BroadsheetData> => {
    const started = performance.now();
    const articles = await readArticles(inputDir);
    const read = performance.now();
    const index = buildArchiveIndex(articles.map((a) => a.data));
    const pages = buildPageLists(index);
    const pathPrefix = normalizePathPrefix(config.pathPrefix);
    const bodies =
      articles.length < PRERENDER_THRESHOLD
        ? undefined
        : new PrerenderedBodies(
            articles.map((a) => ({ key: a.data.slug, markdown: a.body, entityLinks: entityLinksFor(index, a.data.slug, pathPrefix) })),
          );
    debug(
      "%d articles read in %dms, index of %d entities in %dms",
      articles.length,
      Math.round(read - started),
      index.entities.length,
      Math.round(performance.now() - read),
    );
    return { index, pages, pathPrefix, ...(bodies ? { bodies } : {}) };
  });

  for (const [name, layout] of Object.entries(layouts)) config.addTemplate(path.posix.join("_includes", name), layout);
  for (const [name, page] of Object.entries(pages)) config.addTemplate(name, page);
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
