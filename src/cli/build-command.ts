// `broadsheet build`: ingest, enrich, render, index for search — into a temporary folder swapped in at the end.

import { access } from "node:fs/promises";
import path from "node:path";
import createDebug from "debug";
import { SiteBuildError, UsageError } from "../errors.ts";
import { parseOptions } from "./parse-options.ts";
import type { ArticlePlan } from "./plan-article-files.ts";
import type { KeptBuild } from "./render-site.ts";
import type { Reporter } from "./reporter.ts";
import { syncArticlesInWorker, type SyncStage } from "./sync-in-worker.ts";

const debug = createDebug("broadsheet:build");

export const BUILD_USAGE = `Usage: broadsheet build [--content DIR] [--out DIR] [--path-prefix /p/] [--debug]

Turns the raw articles in DIR/raw into Markdown (DIR/articles) and builds the static site.

Options:
  --content DIR       content folder (default: content)
  --out DIR           output folder (default: _site); replaced only when the build succeeds
  --path-prefix /p/   URL path the site will be served from (default: /)
  --no-search         skip the Pagefind search index
  --watch             after the build, build again whenever something in DIR changes
  --debug             show stack traces of unexpected errors
  -h, --help          show this help`;

export interface BuildOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  readonly search: boolean;
  /** Build again on every change to the content folder (watch-build.ts). */
  readonly watch: boolean;
}

export function parseBuildOptions(argv: readonly string[]): BuildOptions | "help" {
  const { values, positionals } = parseOptions(
    argv,
    {
      content: { type: "string", default: "content" },
      out: { type: "string", default: "_site" },
      "path-prefix": { type: "string", default: "/" },
      "no-search": { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      debug: { type: "boolean", default: false },
    },
    BUILD_USAGE,
  );
  if (values.help) return "help";
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}'.\n\n${BUILD_USAGE}`);
  return {
    contentDir: path.resolve(values.content),
    outDir: path.resolve(values.out),
    pathPrefix: normalizePathPrefix(values["path-prefix"]),
    search: !values["no-search"],
    watch: values.watch,
  };
}

/** How a process that builds again and again (build --watch) runs each build. */
export interface RepeatedBuild {
  /** Runs the sync stage: on this thread, where it stays loaded, rather than on a new worker each time. */
  startSync: (contentDir: string, reporter: Reporter, changes?: ReadonlySet<string>) => SyncStage;
  /** The paths in the content folder seen to change since the last build began (syncArticlesInProcess). */
  changes?: ReadonlySet<string> | undefined;
  /**
   * What the last build left that the next one would read back from the site folder (its archive core and
   * page digests), with the site's input fingerprint: used while the site's manifest still has it.
   */
  last?: KeptBuild | undefined;
  /**
   * The work the last build left after its site was in place (RenderOptions.deferTail), settled with its
   * error if it failed: the next build starts after it.
   */
  tail?: Promise<unknown> | undefined;
}

/** The content folder exists, and the output folder would not replace it (usage errors). */
export async function checkBuildFolders(options: Pick<BuildOptions, "contentDir" | "outDir">): Promise<void> {
  try {
    await access(options.contentDir);
  } catch {
    throw new UsageError(`The content folder ${options.contentDir} does not exist. Pass --content DIR, or run from the project root.`);
  }
  if (options.outDir === options.contentDir || options.contentDir.startsWith(options.outDir + path.sep)) {
    throw new UsageError(`--out ${options.outDir} would replace the content folder; choose another output folder.`);
  }
}

/**
 * Opens the site's archive core and page digests into `repeated.last` when it holds none (after a start or a
 * full build), so that the next build finds them open. For idle time, between builds.
 */
export async function keepLastBuild(options: Omit<BuildOptions, "watch">, repeated: RepeatedBuild): Promise<void> {
  if (repeated.last) return;
  const [{ fingerprintRenderCode, openPreviousBuild, warmPreviousBuild }, { readBuildManifest }, { countArticleFiles }] = await Promise.all([
    import("./render-site.ts"),
    import("./build-manifest.ts"),
    import("./render-shards.ts"),
  ]);
  // The manifest first: were the site rebuilt meanwhile, the core read after it is newer, its fingerprint no
  // longer the site's, and the next build opens the site again.
  const manifest = await readBuildManifest(options.outDir).catch(() => undefined);
  const build = manifest && (await openPreviousBuild(options.outDir, countArticleFiles(options.contentDir), fingerprintRenderCode(options)).catch(() => undefined));
  if (!manifest || !build) return;
  await warmPreviousBuild(build, options.contentDir);
  repeated.last = { fingerprint: manifest.fingerprint, build };
}

/** One build; returns the sync stage's plan. */
export async function runBuild(options: Omit<BuildOptions, "watch">, reporter: Reporter, repeated?: RepeatedBuild): Promise<ArticlePlan> {
  const started = performance.now();
  await checkBuildFolders(options);
  // The sync stage runs on a worker thread while this one loads the render stage, fingerprints the code,
  // templates and settings and opens the previous build's archive core and page digests (nothing the sync
  // stage writes). The worker starts first: an edit waits for it (#6). It records its caches while the site
  // is built; the build ends when it is done, failed or not.
  const sync = repeated ? repeated.startSync(options.contentDir, reporter, repeated.changes) : syncArticlesInWorker(options.contentDir, reporter);
  const pages = await buildAfterSync(sync.plan, options, reporter, repeated).catch(async (error: unknown) => {
    await sync.finished.catch(() => {});
    throw error;
  });
  await sync.finished;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  reporter.info(`site: ${pages} files in ${path.relative(process.cwd(), options.outDir) || "."}/ (${seconds} s)`);
  return sync.plan;
}

/** The render stage, started beside the sync stage and fed its plan. Returns the number of files of the site. */
async function buildAfterSync(
  syncPlan: Promise<ArticlePlan>,
  options: Omit<BuildOptions, "watch">,
  reporter: Reporter,
  repeated: RepeatedBuild | undefined,
): Promise<number> {
  const [{ buildSite, fingerprintRenderCode, openPreviousBuild, startPatchStep }, { preloadRenderer }, { countArticleFiles }] = await Promise.all([
    import("./render-site.ts"),
    import("./run-eleventy.ts"),
    import("./render-shards.ts"),
  ]);
  preloadRenderer();
  const codeFingerprint = fingerprintRenderCode(options);
  const last = repeated?.last;
  if (repeated) repeated.last = undefined;
  // The last build's core and digests, kept, stand for the site while its manifest is that build's (buildSite
  // checks): reading and opening them again took ~0.4 s of each build under --watch at 10,000 articles (#6).
  const articles = countArticleFiles(options.contentDir);
  const previousBuild = last ? undefined : openPreviousBuild(options.outDir, articles, codeFingerprint).catch(() => undefined);
  // A large archive is patched in a child process, which opens the site's core meanwhile (#6).
  const patchStep = last ? undefined : startPatchStep(options.outDir, articles, codeFingerprint).catch(() => undefined);
  codeFingerprint.catch(() => {}); // awaited by buildSite; a failed sync must not leave it unhandled
  const ready = Promise.allSettled([codeFingerprint, previousBuild]).then(() => performance.now());
  const plan = await syncPlan.catch((error: unknown) => {
    void patchStep?.then((child) => child?.kill());
    throw error;
  });
  // Which of the two threads an edit waits for (#6): times since the process started.
  debug("sync stage done at %dms; code fingerprint and previous build ready at %dms", Math.round(performance.now()), Math.round(await ready));
  reporter.info(`articles: ${plan.articleCount} (${plan.enriched} enriched, ${plan.writes.length} written, ${plan.deletes.length} removed)`);
  return buildSite(
    {
      contentDir: options.contentDir,
      outDir: options.outDir,
      pathPrefix: options.pathPrefix,
      search: options.search,
      articleTextHashes: plan.textSha256,
      codeFingerprint,
      ...(previousBuild ? { previousBuild } : {}),
      ...(patchStep ? { patchStep } : {}),
      ...(last ? { kept: last } : {}),
      ...(repeated
        ? {
            onPatched: (kept: KeptBuild) => (repeated.last = kept),
            // Handled at once: it is awaited only before the next build.
            deferTail: (tail: Promise<void>) => (repeated.tail = tail.then(() => undefined, (error: unknown) => error ?? new Error("unknown error"))),
          }
        : {}),
    },
    reporter,
  ).catch((error: unknown) => {
    if (error instanceof SiteBuildError) throw error;
    throw new SiteBuildError(`the site could not be built (${(error as Error).message}); the previous output was kept`, {
      file: path.relative(process.cwd(), options.contentDir) || ".",
      fix: "Fix the problem above and run the build again; run with --debug for the full trace.",
      cause: error,
    });
  });
}

function normalizePathPrefix(prefix: string): string {
  if (!/^[\w\-./~%]*$/.test(prefix) || prefix.split("/").includes("..")) {
    throw new UsageError(`--path-prefix '${prefix}' is not a URL path; use something like /archive/.`);
  }
  return `/${prefix.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
}
