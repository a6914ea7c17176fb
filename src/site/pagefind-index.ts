// The search index: Pagefind's Node API over the HTML Eleventy wrote. The CLI calls buildSearchIndex
// after Eleventy, before the output folder is swapped in. Only article pages carry data-pagefind-body,
// so only articles are indexed; filters (person, organisation, place, year) come from the article template.

import path from "node:path";
import createDebug from "debug";
import * as pagefind from "pagefind";
import { SiteBuildError } from "../errors.ts";

const debug = createDebug("broadsheet:search");

export interface BuildSearchIndexOptions {
  /** The folder Eleventy wrote (the bundle goes to `<siteDir>/pagefind/`). */
  readonly siteDir: string;
  /**
   * The --path-prefix the site was built with (default "/"). Pagefind stores URLs relative to siteDir;
   * search.js passes the prefix to the UI as `baseUrl`, so results point under the prefix.
   */
  readonly pathPrefix?: string;
  /** Language of the pages when detection should be overridden (default: from <html lang>). */
  readonly language?: string;
}

export interface SearchIndexSummary {
  readonly pages: number;
  readonly outputPath: string;
}

export async function buildSearchIndex(options: Readonly<BuildSearchIndexOptions>): Promise<SearchIndexSummary> {
  const siteDir = path.resolve(options.siteDir);
  const outputPath = path.join(siteDir, "pagefind");
  const fail = (what: string, errors: readonly string[]): SiteBuildError =>
    new SiteBuildError(`Pagefind could not ${what}: ${errors.join("; ")}`, {
      file: siteDir,
      fix: "Check that the site was written completely, then build again; run with --debug for details.",
    });
  try {
    const { index, errors } = await pagefind.createIndex({
      keepIndexUrl: false,
      ...(options.language ? { forceLanguage: options.language } : {}),
    });
    if (!index) throw fail("start", errors);
    const added = await index.addDirectory({ path: siteDir, glob: "**/*.html" });
    if (added.errors.length > 0) throw fail(`index ${siteDir}`, added.errors);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw fail(`write ${outputPath}`, written.errors);
    debug("indexed %d pages into %s (prefix %s)", added.page_count, outputPath, options.pathPrefix ?? "/");
    return { pages: added.page_count, outputPath };
  } finally {
    await pagefind.close();
  }
}
