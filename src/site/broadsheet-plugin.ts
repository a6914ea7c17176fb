// The whole site as one Eleventy plugin: the archive index as global data, our Markdown library, the
// page templates from templates/, and public/ copied through. .eleventy.ts only adds this plugin.
//
// Article pages are one template paginated over the index, not one Eleventy template per
// content/articles/*.md file: Eleventy looks templates up by a linear scan per template
// (TemplateMap#getMapEntryForInputPath), quadratic in their number, and parses each file's front
// matter a second time. At 10,000 articles that cost more than rendering them (issue 6).

import path from "node:path";
import { fileURLToPath } from "node:url";
import { pages } from "../../templates/index.ts";
import { ArticleBodies } from "./article-bodies.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { loadSite } from "./load-site.ts";
import { entityLinksFor, markdownLibrary } from "./markdown-library.ts";
import { ownsSingletons, renderLists } from "./render-lists.ts";
import { pageRendered } from "./page-progress.ts";
import { renderRequestFor } from "./render-request.ts";
import { readShardData, shardJobFromEnv } from "./shard-data.ts";
import type { BroadsheetData } from "./template-data.ts";
import { DEFAULT_SITE_SETTINGS } from "./site-settings.ts";
import { Links, normalizePathPrefix } from "./urls.ts";

const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));
/** Below this many articles, starting Markdown workers costs more than it saves. */
const WORKER_THRESHOLD = 300;

export function broadsheetPlugin(config: EleventyConfig): void {
  const inputDir = config.directories.input;
  const articlesDir = path.resolve(inputDir, "articles");
  // Set only in the processes of a sharded build (src/cli/render-shards.ts): this run writes one slice.
  const job = shardJobFromEnv(process.env);
  // Set by a build that loaded the site already (src/cli/render-site.ts).
  const request = job ? undefined : renderRequestFor(path.resolve(inputDir));

  // Eleventy's ignores are globs relative to the working directory (an absolute path is not matched).
  const ignore = (dir: string): string => `${path.relative(process.cwd(), dir).split(path.sep).join("/") || "."}/**`;
  config.ignores.add(ignore(articlesDir)); // rendered by templates/article.ts from the index
  config.ignores.add(ignore(path.resolve(inputDir, "raw"))); // incoming text, never pages
  config.addWatchTarget(articlesDir);
  config.setLibrary("md", markdownLibrary);
  // An incremental build keeps public/ from the previous site: its code fingerprint matched.
  if (ownsSingletons(job) && !request?.only) config.addPassthroughCopy({ [PUBLIC_DIR]: "/" });

  config.addGlobalData("broadsheet", async (): Promise<BroadsheetData> => {
    const shardData = job ? await readShardData(job) : undefined;
    const site = shardData ?? request?.site ?? (await loadSite(inputDir));
    const only = request?.only;
    const { index } = site;
    const pathPrefix = normalizePathPrefix(config.pathPrefix);
    const links = new Links(pathPrefix, DEFAULT_SITE_SETTINGS.url);
    const render = renderLists(index, site.pages, job, only);
    const rendered = only ? new Set(render.articles.map((a) => a.slug)) : undefined;
    const sources = rendered ? site.bodies.filter((b) => rendered.has(b.key)) : site.bodies;
    const bodies = new ArticleBodies(
      sources.map((b) => ({ ...b, entityLinks: entityLinksFor(index, b.key, (p) => links.url(p)) })),
      { threads: job ? job.threads : sources.length < WORKER_THRESHOLD ? 0 : 2 },
    );
    return { index, pages: site.pages, render, pathPrefix, bodies };
  });

  for (const [name, page] of Object.entries(pages)) config.addTemplate(name, page);
  // Counts pages for the build's progress line; the content passes through unchanged.
  config.addTransform("broadsheet-progress", (content) => {
    pageRendered();
    return content;
  });
}
