// The search index, in shards (#6): Pagefind's memory grows with the pages of one index (2.8 GiB for 10,000
// pages, out of memory near 34,000), so large archives are split into shards of at most `shardSize` articles,
// indexed one after the other and merged by the browser (Pagefind's mergeIndex). A shard whose pages have the
// same bytes as in the previous build is copied from it instead of being indexed again.
//
// Only article pages carry data-pagefind-body, so only they are read: Pagefind would otherwise parse every
// entity, archive and feed page just to find that they have nothing to index.
//
// Layout: the first shard is the usual /pagefind/ bundle (with the UI files); the others are /pagefind-2/,
// /pagefind-3/, …; /pagefind/shards.json lists them, relative to /pagefind/ ({"merge": ["../pagefind-2/"]}).

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { SiteBuildError } from "../errors.ts";
import type { SearchShard } from "./build-manifest.ts";

/** Where article pages are written (paths.article in src/site/urls.ts: /articles/<slug>/). */
const ARTICLE_PAGES = "articles";
/** Articles per shard: Pagefind peaked at 1.3 GiB on 2,500 articles of 600 words, 3.5 GiB on 10,000 (bench). */
export const DEFAULT_SHARD_SIZE = 2_500;
const IN_FLIGHT = 32;
/** Part of each shard's hash: a shard written by another Pagefind version is not reused. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as { version: string }).version;

export interface IndexSearchOptions {
  /** The site just rendered; bundles are written into it. */
  readonly siteDir: string;
  /** The site of the previous build and its shards, to reuse shards whose pages did not change. */
  readonly previous?: { readonly siteDir: string; readonly shards: readonly SearchShard[] };
  readonly shardSize?: number;
  /** Called as pages are indexed or reused. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface IndexSearchResult {
  readonly shards: SearchShard[];
  /** Shards indexed in this build (the rest were copied from the previous one). */
  readonly indexed: number;
}

export async function indexSearchShards(options: IndexSearchOptions): Promise<IndexSearchResult> {
  const siteDir = path.resolve(options.siteDir);
  const pages = await listArticlePages(siteDir);
  const count = Math.max(1, Math.ceil(pages.length / (options.shardSize ?? DEFAULT_SHARD_SIZE)));
  const groups: string[][] = Array.from({ length: count }, () => []);
  // By a hash of the path, not by position: adding an article then changes one shard, not all that follow it.
  for (const page of pages) groups[count === 1 ? 0 : shardOf(page, count)]!.push(page);

  const fail = (what: string, errors: readonly string[]) =>
    new SiteBuildError(`Pagefind could not ${what}: ${errors.join("; ")}`, {
      file: siteDir,
      fix: "Check that the site was written completely, then build again; run with --debug for details.",
    });
  const shards: SearchShard[] = [];
  let done = 0;
  let indexed = 0;
  try {
    for (const [i, group] of groups.entries()) {
      const dir = i === 0 ? "pagefind" : `pagefind-${i + 1}`;
      const contents = await Promise.all(group.map((page) => readFile(path.join(siteDir, page))));
      const digest = createHash("sha256").update(`pagefind ${PAGEFIND_VERSION}, shard ${i + 1} of ${count}\n`);
      group.forEach((page, j) => digest.update(`${page}\0${createHash("sha256").update(contents[j]!).digest("hex")}\n`));
      const shard: SearchShard = { dir, pagesSha256: digest.digest("hex"), pages: group.length };
      shards.push(shard);
      const before = options.previous?.shards.find((s) => s.dir === dir && s.pagesSha256 === shard.pagesSha256);
      if (before && options.previous) {
        await cp(path.join(options.previous.siteDir, dir), path.join(siteDir, dir), { recursive: true });
        done += group.length;
        options.onProgress?.(done, pages.length);
        continue;
      }
      const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
      if (!index) throw fail("start", errors);
      // Several requests in flight: one at a time, the round trips to Pagefind's process dominate.
      let next = 0;
      const feed = async () => {
        while (next < group.length) {
          const j = next++;
          const added = await index.addHTMLFile({ sourcePath: group[j]!, content: contents[j]!.toString("utf8") });
          if (added.errors.length > 0) throw fail(`index ${group[j]}`, added.errors);
          options.onProgress?.(++done, pages.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, group.length) }, feed));
      const written = await index.writeFiles({ outputPath: path.join(siteDir, dir) });
      if (written.errors.length > 0) throw fail(`write ${dir}/`, written.errors);
      await index.deleteIndex();
      indexed++;
    }
  } finally {
    await pagefind.close();
  }
  const merge = shards.slice(1).map((s) => `../${s.dir}/`);
  await writeFile(path.join(siteDir, "pagefind", "shards.json"), `${JSON.stringify({ merge })}\n`);
  return { shards, indexed };
}

/** Article pages, as sorted "/"-separated paths relative to the site. */
async function listArticlePages(siteDir: string): Promise<string[]> {
  const root = path.join(siteDir, ARTICLE_PAGES);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

function shardOf(page: string, count: number): number {
  return createHash("sha256").update(page).digest().readUInt32BE(0) % count;
}
