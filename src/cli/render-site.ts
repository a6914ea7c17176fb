// Render stage of a build: Eleventy (configured by .eleventy.ts) writes the site, Pagefind indexes it.
// Incremental (#6), from the build manifest kept beside the output (build-manifest.ts):
// - inputs hash to the fingerprint of the site in the output folder: nothing is rendered, the site is kept;
// - only articles changed, and the site's page digests were recorded: only the pages whose digests changed
//   are rendered (src/site/page-digests.ts) and patched into the site, with the search shards that hold
//   them; everything else stays as it is. The index for that comes from the archive core the previous build
//   kept (src/site/load-site-patch.ts), not from every article file: in this process below 30,000 articles,
//   in a child process with a larger heap above;
// - otherwise the whole site is rendered into a temporary folder and swapped in, reusing the search shards
//   whose pages did not change.

import type { ChildProcess } from "node:child_process";
import { cp, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { encodeArchiveCore } from "../archive/index.ts";
import { SiteBuildError } from "../errors.ts";
import { loadSite } from "../site/load-site.ts";
import { loadSitePatch, openArchiveCore, warmArchiveCore, type OpenedCore } from "../site/load-site-patch.ts";
import { incrementalChanges, pageDigests, type PageChanges, type PageDigests } from "../site/page-digests.ts";
import type { PageLists } from "../site/page-lists.ts";
import { pageOutputFile } from "../site/page-outputs.ts";
import { onPageRendered } from "../site/page-progress.ts";
import type { RenderRequest } from "../site/render-request.ts";
import {
  fingerprintCode,
  fingerprintInputs,
  loadedCode,
  readArchiveCore,
  readBuildManifest,
  readPageDigests,
  removeBuildManifest,
  stageRecord,
  writeBuildManifest,
  type StagedRecord,
  type BuildManifest,
  type CoreRecord,
  type Fingerprints,
  type SearchShard,
} from "./build-manifest.ts";
import { countFilesUnder, filesUnder } from "./files-under.ts";
import { indexSearchShards, isArticlePage, isSearchBundle, updateSearchIndex } from "./index-search-shards.ts";
import { startPagefindProcess } from "./pagefind-process.ts";
import { countArticleFiles, prepareShardedRender, RENDER_SHARDS_ENV, SHARD_THRESHOLD, startPrepareStep } from "./render-shards.ts";
import type { Reporter } from "./reporter.ts";
import { runEleventy } from "./run-eleventy.ts";
import { patchSiteAtomically, writeSiteAtomically, type SwapOptions } from "./write-site-atomically.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const debug = createDebug("broadsheet:render");

export interface RenderOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  readonly search: boolean;
  /** sha256 of each content/articles file's text ("articles/x.md"), from the sync stage; files it lacks are read. */
  readonly articleTextHashes?: ReadonlyMap<string, string>;
  /** fingerprintRenderCode's result, when the caller started it during the sync stage. */
  readonly codeFingerprint?: Promise<string>;
  /** openPreviousBuild's result, when the caller started it during the sync stage. */
  readonly previousBuild?: Promise<PreviousBuild | undefined>;
  /** startPatchStep's result, when the caller started it during the sync stage: buildSite ends it. */
  readonly patchStep?: Promise<ChildProcess | undefined>;
  /**
   * The last build of a process that builds again (build --watch), kept open: it stands for the site, instead
   * of previousBuild, while the site's manifest has its fingerprint.
   */
  readonly kept?: KeptBuild;
  /** Given, called once a patched site is in place, with what the next build would open of it. */
  readonly onPatched?: (kept: KeptBuild) => void;
  /**
   * Given, the work after the new site is in place (its manifest, archive core and page digests recorded,
   * the replaced files removed) is handed to it rather than awaited (write-site-atomically.ts SwapOptions).
   */
  readonly deferTail?: (tail: Promise<void>) => void;
}

/** What an incremental build reads of the previous one: its archive core and its page digests (and page lists, when kept). */
export interface PreviousBuild {
  readonly core: OpenedCore;
  readonly digests: PageDigests;
  readonly pages?: PageLists;
}

/** A site's PreviousBuild with the site's input fingerprint (its manifest's). */
export interface KeptBuild {
  readonly fingerprint: string;
  readonly build: PreviousBuild;
}

/**
 * Reads and opens the archive core of the site in `outDir` (load-site-patch.ts), when it was made by the
 * code `code` and this process would patch the site from it (below IN_PROCESS_PATCH_LIMIT `articles`, the
 * count of content/articles), with the site's page digests. The sync stage writes none of it: a build
 * starts this while that stage runs.
 */
export async function openPreviousBuild(outDir: string, articles: Promise<number>, code: Promise<string>): Promise<PreviousBuild | undefined> {
  if (process.env[RENDER_SHARDS_ENV] !== undefined) return undefined;
  // A larger archive's core is opened by the child process that patches it (startPatchStep).
  if ((await articles) >= IN_PROCESS_PATCH_LIMIT) return undefined;
  const [bytes, digests] = await Promise.all([readArchiveCore(outDir), readPageDigests(outDir)]);
  const core = bytes && digests && openArchiveCore(bytes, await code);
  return core && digests && core.core.names.length < IN_PROCESS_PATCH_LIMIT ? { core, digests } : undefined;
}

/**
 * For an archive that a child process patches (IN_PROCESS_PATCH_LIMIT `articles` or more, or shards forced),
 * when the site in `outDir` was built by the code `code`: that process, started now, opens the site's archive
 * core while the sync stage runs (render-shards.ts startPrepareStep). For RenderOptions.patchStep.
 */
export async function startPatchStep(outDir: string, articles: Promise<number>, code: Promise<string>): Promise<ChildProcess | undefined> {
  const forced = process.env[RENDER_SHARDS_ENV];
  if (forced === "1" || (forced === undefined && (await articles) < IN_PROCESS_PATCH_LIMIT)) return undefined;
  const [manifest, fingerprint] = await Promise.all([readBuildManifest(outDir), code]);
  return manifest?.code === fingerprint ? startPrepareStep(outDir, fingerprint) : undefined;
}

/** Readies a previous build for the next patch of a process that builds again (warmArchiveCore); never fails. */
export async function warmPreviousBuild(build: PreviousBuild, contentDir: string): Promise<void> {
  await warmArchiveCore(build.core, contentDir, build.digests).catch(() => {});
}

/** The fingerprint of every render input but the articles, which the sync stage does not change. */
export function fingerprintRenderCode(options: Pick<RenderOptions, "contentDir" | "pathPrefix" | "search">): Promise<string> {
  return fingerprintCode({ ...options, projectRoot: PROJECT_ROOT });
}

/** The digest of the code this process renders with, taken once (build-manifest.ts loadedCode). */
export function takeRenderCode(): Promise<string> {
  return loadedCode(PROJECT_ROOT);
}

/** A render whose data is loaded and whose page digests are known. */
interface PreparedRender {
  readonly digests: ReadonlyMap<string, string>;
  /**
   * Set for an incremental build: the pages to render and to remove. The changed pages are then already
   * rendered, into the staging folder that prepareRender was given.
   */
  readonly changes?: PageChanges;
  /** The archive core of the site (src/archive/archive-core.ts), encoded when it is recorded beside it. */
  readonly core?: () => CoreRecord;
  /** Set when `core` is a file of the render's own folder, which close() removes: its record is staged before. */
  readonly coreInFile?: boolean;
  /**
   * What the next build of this process would read of this one, when the build had its core opened (a patch
   * from the previous core): made when asked for, after the site is in place.
   */
  readonly kept?: () => PreviousBuild;
  /** Renders every page (a full build). */
  render(outDir: string, reporter: Reporter): Promise<void>;
  close(): Promise<void>;
}

/** The previous site, when its page digests are comparable, and the folder to render changed pages into. */
interface PatchTarget {
  readonly out: string;
  readonly staging: string;
}

/**
 * Builds the site into `options.outDir`, which is replaced (or patched) only when everything succeeded.
 * Returns the number of files in it.
 */
export async function buildSite(options: RenderOptions, reporter: Reporter): Promise<number> {
  try {
    return await buildSiteOnce(options, reporter);
  } finally {
    // Its step took it and has ended, or none did.
    void options.patchStep?.then((child) => child?.kill());
  }
}

async function buildSiteOnce(given: RenderOptions, reporter: Reporter): Promise<number> {
  const out = given.outDir;
  const started = performance.now();
  const fingerprints = await fingerprintInputs({ ...given, projectRoot: PROJECT_ROOT }, given.codeFingerprint);
  debug("inputs fingerprinted in %dms", Math.round(performance.now() - started));
  const previous = await readBuildManifest(out);
  const { kept } = given;
  const options = kept && previous?.fingerprint === kept.fingerprint ? { ...given, previousBuild: Promise.resolve(kept.build) } : given;
  if (previous?.fingerprint === fingerprints.all) {
    reporter.info("site: nothing changed since the last build; the site is kept as it is");
    return previous.files;
  }
  let prepared: PreparedRender | undefined;
  try {
    // Same code and settings: the page digests tell what changed, and a few changes are patched in.
    if (previous?.code === fingerprints.code) {
      // Search is a patch's last step: its Pagefind process starts while the pages are made (~40 ms, #6).
      if (options.search) void startPagefindProcess().catch(() => {});
      const patched = await patchSite(options, previous, fingerprints, reporter, async (staging) => {
        prepared = await prepareRender(options, reporter, { out, staging }, fingerprints.code);
        return prepared;
      });
      if (patched !== undefined) return patched;
    }
    const full = (prepared ??= await prepareRender(options, reporter, undefined, fingerprints.code));
    let files = 0;
    let record: StagedRecord | undefined;
    await writeSiteAtomically(out, async (tmp) => {
      await full.render(tmp, reporter);
      const searchShards = options.search
        ? await indexSearch(tmp, full.digests, fingerprints.code, reporter, previous && {
            shards: previous.searchShards,
            reuse: (dir) => cp(path.join(out, dir), path.join(tmp, dir), { recursive: true }),
          })
        : [];
      files = countFilesUnder(tmp);
      const manifest: BuildManifest = { version: 3, fingerprint: fingerprints.all, code: fingerprints.code, files, searchShards };
      if (full.coreInFile) record = stageRecord(out, full.digests, full.core?.());
      return {
        before: () => removeBuildManifest(out),
        after: async () => {
          await (record ?? stageRecord(out, full.digests, full.core?.())).place();
          await writeBuildManifest(out, manifest);
        },
      };
    }, swapOptions(options)).catch(async (error: unknown) => {
      await record?.discard();
      throw error;
    });
    return files;
  } finally {
    await prepared?.close();
  }
}

/**
 * An incremental build: `prepare` renders the changed pages into a staging folder, which is then moved into
 * the site (patchSiteAtomically) with the search index brought up to date. Returns the number of files, or
 * undefined, having changed nothing, when so much changed that a full build should run instead.
 */
async function patchSite(
  options: RenderOptions,
  previous: BuildManifest,
  fingerprints: Fingerprints,
  reporter: Reporter,
  prepare: (staging: string) => Promise<PreparedRender>,
): Promise<number | undefined> {
  const out = options.outDir;
  let files = previous.files;
  // A one-off build writes its record while the search index is updated; one that defers its work after the
  // site is in place (build --watch) writes it then.
  let record: StagedRecord | undefined;
  let applied = false;
  try {
    applied = await patchSiteAtomically(out, async (staging) => {
      const prepared = await prepare(staging);
      const { changes } = prepared;
      if (!changes) return undefined;
      reporter.info(`site: ${changes.render.size} pages rendered, ${changes.removed.length} removed (the rest are unchanged)`);
      if (!options.deferTail || prepared.coreInFile) record = stageRecord(out, prepared.digests, prepared.core?.());
      const searchStarted = performance.now();
      const removedFiles = changes.removed.map(pageOutputFile);
      const read = async (page: string) => readFile(path.join(staging, page)).catch(() => readFile(path.join(out, page)));
      const articlePages = (permalinks: Iterable<string>) => new Set([...permalinks].map(pageOutputFile).filter(isArticlePage));
      const search = options.search
        ? await updateSearchIndex({
            stagingDir: staging,
            siteDir: out,
            pages: articlePageDigests(prepared.digests),
            read,
            code: fingerprints.code,
            previous: { shards: previous.searchShards, deltas: previous.searchDeltas ?? [] },
            changed: articlePages(changes.render),
            removed: articlePages(changes.removed),
            onProgress: progress(reporter),
          })
        : { shards: [], deltas: [], remove: [] };
      debug("search index updated in %dms", Math.round(performance.now() - searchStarted));
      const replaced = new Set((await readdir(staging)).filter(isSearchBundle));
      const [staged, added, gone] = await Promise.all([
        countFilesAt(staging, [...replaced]),
        countNew(out, staging, replaced),
        countFilesAt(out, [...replaced, ...search.remove, ...removedFiles]),
      ]);
      files += staged + added - gone;
      const manifest: BuildManifest = {
        version: 3,
        fingerprint: fingerprints.all,
        code: fingerprints.code,
        files,
        searchShards: search.shards,
        ...(search.deltas.length > 0 ? { searchDeltas: search.deltas } : {}),
      };
      return {
        remove: [...removedFiles, ...search.remove],
        wholeFolders: isSearchBundle,
        before: () => removeBuildManifest(out),
        after: async () => {
          await (record ?? stageRecord(out, prepared.digests, prepared.core?.())).place();
          await writeBuildManifest(out, manifest);
          if (prepared.kept) options.onPatched?.({ fingerprint: manifest.fingerprint, build: prepared.kept() });
        },
      };
    }, swapOptions(options));
  } finally {
    // Not applied, or failed: the staged record is not the site's.
    if (!applied) await record?.discard();
  }
  return applied ? files : undefined;
}

function swapOptions(options: RenderOptions): SwapOptions {
  return options.deferTail ? { defer: options.deferTail } : {};
}

/**
 * Renders every page into `outDir` (no previous site, no manifest): the render stage on its own, for tests
 * and tools. Returns the number of files written.
 */
export async function renderSite(options: RenderOptions, reporter: Reporter): Promise<number> {
  const prepared = await prepareRender(options, reporter, undefined, undefined);
  try {
    await prepared.render(options.outDir, reporter);
  } finally {
    await prepared.close();
  }
  if (options.search) await indexSearch(options.outDir, prepared.digests, "", reporter, undefined);
  return countFilesUnder(options.outDir);
}

/**
 * Loads the site and computes its page digests: in a child process for a large archive, else here. Given
 * a patch target, and few pages changed since it was built, renders those pages into its staging folder
 * at once (in the same process: the site is loaded only once), starting from the previous build's archive
 * core when there is one. `code` (the build's code fingerprint) stamps the archive core it makes; without
 * it (renderSite), none is made.
 */
async function prepareRender(
  options: RenderOptions,
  reporter: Reporter,
  patch: PatchTarget | undefined,
  code: string | undefined,
): Promise<PreparedRender> {
  // A patch of an archive that fits in this process's heap is prepared here: a child process would
  // start Node again and reload the same data (about a second of a one-edit build at 10,000 articles).
  const count = await countArticleFiles(options.contentDir);
  const articles = patch && process.env[RENDER_SHARDS_ENV] === undefined ? count : undefined;
  // The index and page digests take seconds at 10,000 articles, before a page is rendered.
  reporter.status(`index: ${count} articles`);
  if (patch && code !== undefined && articles !== undefined && articles < IN_PROCESS_PATCH_LIMIT) {
    const quick = await patchFromCore(options, reporter, patch, code);
    if (quick === "full") return prepareRender(options, reporter, undefined, code);
    if (quick) return quick;
  }
  if (articles !== undefined && articles < IN_PROCESS_PATCH_LIMIT) {
    const local = await prepareInProcess(options, reporter, patch, code);
    if (local.changes || articles < SHARD_THRESHOLD) return local;
    // Too much changed for a patch, and the archive renders in shards: they start from their own process.
  }
  const sharded = await eleventyErrors(options, () =>
    prepareShardedRender({
      contentDir: options.contentDir,
      pathPrefix: options.pathPrefix,
      ...(patch ? { previousOut: patch.out, stagingDir: patch.staging } : {}),
      ...(patch && options.articleTextHashes ? { textHashes: options.articleTextHashes } : {}),
      ...(patch && options.patchStep ? { started: options.patchStep } : {}),
      ...(code !== undefined ? { code } : {}),
    }),
  );
  if (sharded) {
    const { coreFile } = sharded;
    return {
      digests: sharded.digests,
      ...(sharded.changes ? { changes: sharded.changes } : {}),
      ...(coreFile !== undefined ? { core: () => ({ file: coreFile }), coreInFile: true } : {}),
      render: (outDir) => eleventyErrors(options, async () => void (await sharded.render(outDir, renderStage(reporter)))),
      close: () => sharded.close(),
    };
  }
  return prepareInProcess(options, reporter, patch, code);
}

/**
 * From this many articles on, an incremental build runs in a child process with a larger heap, the prepare
 * step of render-shards.ts (from the archive core there too): the loaded index of 10,000 articles takes
 * about 0.8 GB.
 */
const IN_PROCESS_PATCH_LIMIT = 30_000;

/**
 * An incremental build from the previous build's archive core (load-site-patch.ts), its changed pages
 * rendered into the staging folder; "full" when so much changed that everything should be rendered;
 * undefined when there is no usable core.
 */
async function patchFromCore(
  options: RenderOptions,
  reporter: Reporter,
  patch: PatchTarget,
  code: string,
): Promise<PreparedRender | "full" | undefined> {
  const previous = await (options.previousBuild ?? openPreviousBuild(patch.out, countArticleFiles(options.contentDir), Promise.resolve(code)));
  if (previous?.core.core.code !== code) return undefined;
  const loaded = await loadSitePatch({
    contentDir: options.contentDir,
    core: previous.core,
    previous: previous.digests,
    ...(previous.pages ? { previousPages: previous.pages } : {}),
    ...(options.articleTextHashes ? { textHashes: options.articleTextHashes } : {}),
  });
  if (loaded === undefined || loaded === "full") return loaded;
  const rendering = performance.now();
  await eleventyErrors(options, () => {
    const request = { contentDir: path.resolve(options.contentDir), site: loaded.site, only: loaded.changes.render };
    return withRenderProgress(reporter, request.only.size, () =>
      runEleventy({ contentDir: options.contentDir, outDir: patch.staging, pathPrefix: options.pathPrefix, request }),
    );
  });
  debug("%d of %d pages rendered in %dms", loaded.changes.render.size, loaded.digests.size, Math.round(performance.now() - rendering));
  return {
    digests: loaded.digests,
    changes: loaded.changes,
    core: loaded.core,
    kept: () => ({ core: loaded.opened(), digests: loaded.digests, pages: loaded.site.pages }),
    render: () => Promise.reject(new Error("an incremental build from the archive core renders only the changed pages")),
    close: async () => {},
  };
}

/** Loads the site here; given a patch target and few changes, renders the changed pages into its staging folder. */
async function prepareInProcess(
  options: RenderOptions,
  reporter: Reporter,
  patch: PatchTarget | undefined,
  code: string | undefined,
): Promise<PreparedRender> {
  const started = performance.now();
  const site = await loadSite(options.contentDir, code === undefined ? {} : { core: code });
  const loaded = performance.now();
  const digests = pageDigests(site.index, site.pages, new Map(site.bodies.map((b) => [b.key, b.textSha256])));
  debug("site loaded in %dms, %d page digests in %dms", Math.round(loaded - started), digests.size, Math.round(performance.now() - loaded));
  const previous = patch && (await readPageDigests(patch.out));
  const changes = previous && incrementalChanges(previous, digests);
  const contentDir = path.resolve(options.contentDir);
  const run = (outDir: string, request: RenderRequest) =>
    eleventyErrors(options, async () => {
      const total = request.only?.size ?? digests.size;
      await withRenderProgress(reporter, total, () => runEleventy({ contentDir: options.contentDir, outDir, pathPrefix: options.pathPrefix, request }));
    });
  if (patch && changes) {
    const rendering = performance.now();
    await run(patch.staging, { contentDir, site, only: changes.render });
    debug("%d of %d pages rendered in %dms", changes.render.size, digests.size, Math.round(performance.now() - rendering));
  }
  return {
    digests,
    ...(changes ? { changes } : {}),
    ...(site.core ? { core: () => encodeArchiveCore(site.core!) } : {}),
    render: (outDir) => run(outDir, { contentDir, site }),
    close: async () => {},
  };
}

function renderStage(reporter: Reporter): (done: number, total: number) => void {
  return (done, total) => (done === 0 ? reporter.stage("render", total) : reporter.tick(done));
}

/** An in-process Eleventy run with the progress line counting its pages (page-progress.ts) up to `total`. */
async function withRenderProgress<T>(reporter: Reporter, total: number, render: () => Promise<T>): Promise<T> {
  const progress = renderStage(reporter);
  progress(0, total);
  let done = 0;
  const stop = onPageRendered(() => progress((done = Math.min(done + 1, total)), total));
  try {
    return await render();
  } finally {
    stop();
  }
}

async function eleventyErrors<T>(options: RenderOptions, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new SiteBuildError(`the site could not be built: ${describeEleventyError(error)}; the previous output was kept`, {
      file: path.relative(process.cwd(), options.contentDir) || ".",
      fix: "Fix the file named above and build again (add --debug for the full trace).",
      cause: error,
    });
  }
}

/** Indexes the article pages for search into `siteDir`; returns the shards for the manifest. */
async function indexSearch(
  siteDir: string,
  digests: ReadonlyMap<string, string>,
  code: string,
  reporter: Reporter,
  previous: { readonly shards: readonly SearchShard[]; reuse(dir: string): Promise<void> } | undefined,
): Promise<SearchShard[]> {
  const result = await indexSearchShards({
    siteDir,
    pages: articlePageDigests(digests),
    code,
    ...(previous ? { previous } : {}),
    onProgress: progress(reporter),
  });
  return result.shards;
}

/** The article pages (which search indexes), by output file, with their digests. */
function articlePageDigests(digests: ReadonlyMap<string, string>): Map<string, string> {
  const pages = new Map<string, string>();
  for (const [permalink, digest] of digests) {
    const file = pageOutputFile(permalink);
    if (isArticlePage(file)) pages.set(file, digest);
  }
  return pages;
}

function progress(reporter: Reporter): (done: number, total: number) => void {
  let started = false;
  return (done, total) => {
    if (!started) reporter.stage("search index", total);
    started = true;
    reporter.tick(done);
  };
}

/** Files at these paths of `dir` (a path may be a folder). Checked side by side: they are on the patch's way (#6). */
async function countFilesAt(dir: string, rels: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    rels.map(async (rel) => {
      const info = await stat(path.join(dir, rel)).catch(() => undefined);
      return info?.isDirectory() ? countFilesUnder(path.join(dir, rel)) : info ? 1 : 0;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Files of `staging` (outside the replaced folders) that `out` did not have: they add to the count. */
async function countNew(out: string, staging: string, replaced: ReadonlySet<string>): Promise<number> {
  const rels = filesUnder(staging).filter((rel) => !replaced.has(rel.split("/")[0]!));
  const missing = await Promise.all(rels.map(async (rel) => !(await stat(path.join(out, rel)).catch(() => undefined))));
  return missing.filter(Boolean).length;
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
