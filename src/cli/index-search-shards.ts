// The search index, in shards (#6): Pagefind's memory grows with the pages of one index (2.8 GiB for 10,000
// pages, out of memory near 34,000), so large archives are split into shards of at most `shardSize` articles,
// indexed one after the other and merged by the browser (Pagefind's mergeIndex). A shard whose pages have the
// same digests as in the previous build (src/site/page-digests.ts) is reused instead of being indexed again.
//
// Only article pages carry data-pagefind-body, so only they are read: Pagefind would otherwise parse every
// entity, archive and feed page just to find that they have nothing to index.
//
// Layout: the first shard is the usual /pagefind/ bundle (with the UI files); the others are /pagefind-2/,
// /pagefind-3/, …; /pagefind/shards.json lists them, relative to /pagefind/ ({"merge": ["../pagefind-2/"]}).

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
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
  /** Where bundles are written: the site being built, or the staging folder of an incremental build. */
  readonly siteDir: string;
  /**
   * Every article page, by path relative to the site ("articles/x/index.html"), with the digest that
   * decides its bytes (src/site/page-digests.ts): a shard is reused while its pages' digests hold.
   */
  readonly pages?: ReadonlyMap<string, string>;
  /** The bytes of a page (default: read from siteDir). */
  readonly read?: (page: string) => Promise<Uint8Array>;
  /** Fingerprint of the code and settings that render the pages (a page's bytes = f(code, digest)). */
  readonly code?: string;
  /** The shards of the previous build, and how to put one of them in place unchanged. */
  readonly previous?: { readonly shards: readonly SearchShard[]; reuse(dir: string): Promise<void> };
  readonly shardSize?: number;
  /** Called as pages are indexed or reused. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface IndexSearchResult {
  readonly shards: SearchShard[];
  /** Folders of the shards indexed in this build (the rest were reused). */
  readonly indexed: string[];
}

export async function indexSearchShards(options: IndexSearchOptions): Promise<IndexSearchResult> {
  const siteDir = path.resolve(options.siteDir);
  const read = options.read ?? ((page: string) => readFile(path.join(siteDir, page)));
  // Without digests (a site indexed on its own), a page's bytes are its digest.
  const digests = options.pages ?? (await hashArticlePages(siteDir));
  const pages = [...digests.keys()].sort();
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
  const indexed: string[] = [];
  let done = 0;
  try {
    for (const [i, group] of groups.entries()) {
      const dir = i === 0 ? "pagefind" : `pagefind-${i + 1}`;
      const digest = createHash("sha256").update(`pagefind ${PAGEFIND_VERSION}, shard ${i + 1} of ${count}, ${options.code ?? ""}\n`);
      for (const page of group) digest.update(`${page}\0${digests.get(page)}\n`);
      const shard: SearchShard = { dir, pagesSha256: digest.digest("hex"), pages: group.length };
      shards.push(shard);
      const before = options.previous?.shards.find((s) => s.dir === dir && s.pagesSha256 === shard.pagesSha256);
      if (before && options.previous) {
        await options.previous.reuse(dir);
        done += group.length;
        options.onProgress?.(done, pages.length);
        continue;
      }
      const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
      if (!index) throw fail("start", errors);
      // Read first, then send: pages reach Pagefind in the same order on every build (its output depends on it).
      const contents = await Promise.all(group.map(async (page) => Buffer.from(await read(page)).toString("utf8")));
      // Several requests in flight: one at a time, the round trips to Pagefind's process dominate.
      let next = 0;
      const feed = async () => {
        while (next < group.length) {
          const j = next++;
          const page = group[j]!;
          const content = contents[j]!;
          const added = await index.addHTMLFile({ sourcePath: page, content });
          if (added.errors.length > 0) throw fail(`index ${page}`, added.errors);
          options.onProgress?.(++done, pages.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, group.length) }, feed));
      const written = await index.writeFiles({ outputPath: path.join(siteDir, dir) });
      if (written.errors.length > 0) throw fail(`write ${dir}/`, written.errors);
      await index.deleteIndex();
      indexed.push(dir);
    }
  } finally {
    await pagefind.close();
  }
  // The list of shards lives in the first bundle: a reused first bundle already holds the same list.
  if (indexed.includes("pagefind")) {
    const merge = shards.slice(1).map((s) => `../${s.dir}/`);
    await writeFile(path.join(siteDir, "pagefind", "shards.json"), `${JSON.stringify({ merge })}\n`);
  }
  return { shards, indexed };
}

/** Whether a path relative to the site is an article page, which Pagefind indexes. */
export function isArticlePage(page: string): boolean {
  return page.startsWith(`${ARTICLE_PAGES}/`) && page.endsWith(".html");
}

/** Whether a top-level folder of the site is a search bundle. */
export function isSearchBundle(dir: string): boolean {
  return dir === "pagefind" || /^pagefind-\d+$/.test(dir);
}

/** Article pages of a written site, each with the sha256 of its bytes. */
async function hashArticlePages(siteDir: string): Promise<Map<string, string>> {
  const entries = await readdir(path.join(siteDir, ARTICLE_PAGES), { recursive: true, withFileTypes: true }).catch(() => []);
  const pages = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter(isArticlePage);
  const hashed = new Map<string, string>();
  for (const page of pages) hashed.set(page, createHash("sha256").update(await readFile(path.join(siteDir, page))).digest("hex"));
  return hashed;
}

function shardOf(page: string, count: number): number {
  return createHash("sha256").update(page).digest().readUInt32BE(0) % count;
}
