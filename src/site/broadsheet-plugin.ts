// The whole site as one Eleventy plugin: the archive index as global data, our Markdown library, the
// page templates from templates/, and public/ copied through. .eleventy.ts only adds this plugin.
//
// Article pages are one template paginated over the index, not one Eleventy template per
// content/articles/*.md file: Eleventy looks templates up by a linear scan per template
// (TemplateMap#getMapEntryForInputPath), quadratic in their number, and parses each file's front
// matter a second time. At 10,000 articles that cost more than rendering them (issue 6).

import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { pages } from "../../templates/index.ts";
import { buildArchiveIndex } from "../archive/index.ts";
import { ArticleBodies } from "./article-bodies.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { entityLinksFor, markdownLibrary } from "./markdown-library.ts";
import { buildPageLists } from "./page-lists.ts";
import { readArticles } from "./read-articles.ts";
import { readEditorialRules } from "./read-editorial-rules.ts";
import type { BroadsheetData } from "./template-data.ts";
import { DEFAULT_SITE_SETTINGS } from "./site-settings.ts";
import { Links, normalizePathPrefix } from "./urls.ts";

const debug = createDebug("broadsheet:site");
const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));
/** Below this many articles, starting Markdown workers costs more than it saves. */
const WORKER_THRESHOLD = 300;

export function broadsheetPlugin(config: EleventyConfig): void {
  const inputDir = config.directories.input;
  const articlesDir = path.resolve(inputDir, "articles");

  // Eleventy's ignores are globs relative to the working directory (an absolute path is not matched).
  const ignore = (dir: string): string => `${path.relative(process.cwd(), dir).split(path.sep).join("/") || "."}/**`;
  config.ignores.add(ignore(articlesDir)); // rendered by templates/article.ts from the index
  config.ignores.add(ignore(path.resolve(inputDir, "raw"))); // incoming text, never pages
  config.addWatchTarget(articlesDir);
  config.setLibrary("md", markdownLibrary);
  config.addPassthroughCopy({ [PUBLIC_DIR]: "/" });

  config.addGlobalData("broadsheet", async (): Promise<BroadsheetData> => {
    const started = performance.now();
    const [articles, rules] = await Promise.all([readArticles(inputDir), readEditorialRules(inputDir)]);
    const read = performance.now();
    const index = buildArchiveIndex(articles.map((a) => a.data), { rules });
    const pathPrefix = normalizePathPrefix(config.pathPrefix);
    const links = new Links(pathPrefix, DEFAULT_SITE_SETTINGS.url);
    const bodies = new ArticleBodies(
      articles.map((a) => ({
        key: a.data.slug,
        markdown: a.body,
        entityLinks: entityLinksFor(index, a.data.slug, (p) => links.url(p)),
        path: a.file,
      })),
      { threads: articles.length < WORKER_THRESHOLD ? 0 : 2 },
    );
    const lists = buildPageLists(index);
    debug(
      "%d articles read in %dms, index of %d entities in %dms",
      articles.length,
      Math.round(read - started),
      index.entities.length,
      Math.round(performance.now() - read),
    );
    return { index, pages: lists, pathPrefix, bodies };
  });

  for (const [name, page] of Object.entries(pages)) config.addTemplate(name, page);
}
