// Render stage of a build: Eleventy (configured by .eleventy.ts) writes the site, Pagefind indexes it.
// Incremental (#6): when the inputs hash to the fingerprint recorded for the site already in the output
// folder (build-manifest.ts), nothing is rendered and that site is kept, so a deploy uploads nothing;
// otherwise only the search shards whose article pages changed are indexed again.

import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SiteBuildError } from "../errors.ts";
import { fingerprintInputs, readBuildManifest, removeBuildManifest, writeBuildManifest, type SearchShard } from "./build-manifest.ts";
import { indexSearchShards } from "./index-search-shards.ts";
import { renderInShards } from "./render-shards.ts";
import type { Reporter } from "./reporter.ts";
import { keepPreviousOutput, targetOfTemporary, whenSwapped } from "./write-site-atomically.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface RenderOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  readonly search: boolean;
  /**
   * The site a previous build left, to reuse. Default: the output folder that outDir will replace, when
   * outDir is writeSiteAtomically's temporary folder.
   */
  readonly previousDir?: string;
}

/** Returns the number of files written. */
export async function renderSite(options: RenderOptions, reporter: Reporter): Promise<number> {
  const previousDir = options.previousDir ?? targetOfTemporary(options.outDir);
  const fingerprint = await fingerprintInputs({ ...options, projectRoot: PROJECT_ROOT });
  const previous = previousDir === undefined ? undefined : await readBuildManifest(previousDir);
  if (previous?.fingerprint === fingerprint) {
    reporter.info("site: nothing changed since the last build; the site is kept as it is");
    keepPreviousOutput(options.outDir);
    return previous.files;
  }
  const { default: Eleventy } = await import("@11ty/eleventy");
  reporter.stage("render", 1);
  const eleventy = new Eleventy(options.contentDir, options.outDir, {
    configPath: path.join(PROJECT_ROOT, ".eleventy.ts"),
    pathPrefix: options.pathPrefix,
    quietMode: true,
  });
  // Eleventy would print its own errors with stack traces; ours are reported once, by the CLI (#7).
  eleventy.disableLogger();
  try {
    // Large archives render in shards, each its own Eleventy process (issue 6).
    const sharded = await renderInShards({ ...options, onShards: (done, total) => (done === 0 ? reporter.stage("render", total) : reporter.tick(done)) });
    if (sharded === undefined) await eleventy.write();
  } catch (error) {
    throw new SiteBuildError(`the site could not be built: ${describeEleventyError(error)}; the previous output was kept`, {
      file: path.relative(process.cwd(), options.contentDir) || ".",
      fix: "Fix the file named above and build again (add --debug for the full trace).",
      cause: error,
    });
  }
  let searchShards: SearchShard[] = [];
  if (options.search) {
    let started = false;
    const result = await indexSearchShards({
      siteDir: options.outDir,
      ...(previousDir !== undefined && previous ? { previous: { siteDir: previousDir, shards: previous.searchShards } } : {}),
      onProgress: (done, total) => {
        if (!started) reporter.stage("search index", total);
        started = true;
        reporter.tick(done);
      },
    });
    searchShards = result.shards;
  }
  const files = await countFiles(options.outDir);
  if (previousDir !== undefined) {
    const target = previousDir;
    whenSwapped(options.outDir, {
      before: () => removeBuildManifest(target),
      after: () => writeBuildManifest(target, { version: 1, fingerprint, files, searchShards }),
    });
  }
  return files;
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

/** Eleventy wraps the real problem in layers (`originalError`, `cause`): name each layer once. */
export function describeEleventyError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 5) {
    const message = current.message.split("\n")[0]!.replace(/\s*\(via \w+\)$/, "");
    if (!messages.some((m) => m.includes(message))) messages.push(message);
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return messages.join(": ") || String(error);
}
