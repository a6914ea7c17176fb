// Render stage of a build: Eleventy (configured by .eleventy.ts) writes the site, Pagefind indexes it.

import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Reporter } from "./reporter.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface RenderOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  readonly search: boolean;
}

/** Returns the number of files written. */
export async function renderSite(options: RenderOptions, reporter: Reporter): Promise<number> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  reporter.stage("render", 1);
  const eleventy = new Eleventy(options.contentDir, options.outDir, {
    configPath: path.join(PROJECT_ROOT, ".eleventy.ts"),
    pathPrefix: options.pathPrefix,
    quietMode: true,
  });
  await eleventy.write();
  if (options.search) {
    reporter.stage("search index", 1);
    const { buildSearchIndex } = await import("../site/pagefind-index.ts");
    await buildSearchIndex({ siteDir: options.outDir, pathPrefix: options.pathPrefix });
  }
  return countFiles(options.outDir);
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}
