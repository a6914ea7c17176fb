// Builds a site with the real CLI (`node bin/broadsheet.js build`) for the browser and quality tests.
// Builds are expensive (2 cores), and vitest runs test files in separate workers, so a build is cached on disk,
// keyed by a hash of everything that goes into it, and builds run one at a time behind a lock directory.
// Set BROADSHEET_TEST_REBUILD=1 to ignore the cache.
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DomUtils, parseDocument } from "htmlparser2";
import { isProcessRunning } from "../../src/is-process-running.ts";
import { listFiles } from "./list-files.ts";
import { normalizePrefix } from "./site-urls.ts";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
// Outside the repository: Eleventy ignores inputs under node_modules/ and paths in .gitignore.
const CACHE_ROOT = join(tmpdir(), "broadsheet-tests");
const LOCK = join(CACHE_ROOT, "build.lock");
/** Inputs of a build besides the content folder: a change to any of them makes a new build. */
const BUILD_INPUTS = ["src", "templates", "public", "bin", ".eleventy.ts", "package-lock.json"];
const BUILD_TIMEOUT_MS = 20 * 60_000;
/** A failed build is reported again to every test file of the same run, not rebuilt by each. */
const FAILURE_TTL_MS = 10 * 60_000;

export interface BuildOptions {
  /** --path-prefix; default "/". */
  readonly pathPrefix?: string;
  /** Content folder to copy and build; default the repository's content/. */
  readonly content?: string;
  /** Exit codes that count as success; default [0]. Issue 7: 1 means an article was left out. */
  readonly allowExitCodes?: readonly number[];
}

export interface BuiltSite {
  /** The output folder. */
  readonly out: string;
  /** The copy of the content folder the build read (and wrote content/articles into). */
  readonly content: string;
  readonly pathPrefix: string;
  /** The site's absolute base URL from content/_data/site.json, when it has one. */
  readonly siteUrl: string | undefined;
  readonly exitCode: number;
  /** What the CLI printed. */
  readonly log: string;
  readonly buildMs: number;
}

const inProcess = new Map<string, Promise<BuiltSite>>();

export function buildSite(options: BuildOptions = {}): Promise<BuiltSite> {
  const key = JSON.stringify([normalizePrefix(options.pathPrefix), resolve(options.content ?? join(REPO_ROOT, "content"))]);
  let promise = inProcess.get(key);
  if (promise === undefined) {
    promise = buildOrReuse(options);
    inProcess.set(key, promise);
  }
  return promise;
}

async function buildOrReuse(options: BuildOptions): Promise<BuiltSite> {
  const pathPrefix = normalizePrefix(options.pathPrefix);
  const contentSource = resolve(options.content ?? join(REPO_ROOT, "content"));
  const hash = await hashInputs(contentSource, pathPrefix);
  const dir = join(CACHE_ROOT, hash);
  const force = process.env["BROADSHEET_TEST_REBUILD"] === "1";
  await mkdir(CACHE_ROOT, { recursive: true });

  if (!force) {
    const cached = await readCached(dir);
    if (cached !== undefined) return check(cached, options);
  }
  await acquireLock();
  try {
    // Another worker may have built it while this one waited.
    const cached = force ? undefined : await readCached(dir);
    if (cached !== undefined) return check(cached, options);
    await pruneBuildCache();
    const built = await runBuild(dir, contentSource, pathPrefix);
    await writeFile(join(dir, "result.json"), JSON.stringify({ ...built, finishedAt: Date.now() }));
    return check(built, options);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

function check(built: BuiltSite, options: BuildOptions): BuiltSite {
  const allowed = options.allowExitCodes ?? [0];
  if (!allowed.includes(built.exitCode)) {
    throw new Error(
      `broadsheet build --content ${built.content} --path-prefix ${built.pathPrefix} exited ${built.exitCode}` +
        ` (expected ${allowed.join(" or ")}). Its output, last 60 lines:\n${built.log.split("\n").slice(-60).join("\n")}`,
    );
  }
  return built;
}

async function readCached(dir: string): Promise<BuiltSite | undefined> {
  try {
    const result = JSON.parse(await readFile(join(dir, "result.json"), "utf8")) as BuiltSite & { finishedAt: number };
    if (result.exitCode !== 0 && Date.now() - result.finishedAt > FAILURE_TTL_MS) return undefined;
    const now = new Date();
    await utimes(dir, now, now); // in use: keep pruneBuildCache away from it
    return result;
  } catch {
    return undefined;
  }
}

async function runBuild(dir: string, contentSource: string, pathPrefix: string): Promise<BuiltSite> {
  await rm(dir, { recursive: true, force: true });
  const content = join(dir, "content");
  const out = join(dir, "out");
  await mkdir(dir, { recursive: true });
  await cp(contentSource, content, { recursive: true, verbatimSymlinks: true });
  // A fixture folder may hold only raw articles: give it the repository's site settings.
  const fixtureData = join(content, "_data");
  if (!(await exists(fixtureData)) && (await exists(join(REPO_ROOT, "content", "_data")))) {
    await cp(join(REPO_ROOT, "content", "_data"), fixtureData, { recursive: true });
  }
  const args = [join(REPO_ROOT, "bin", "broadsheet.js"), "build", "--content", content, "--out", out];
  if (pathPrefix !== "/") args.push("--path-prefix", pathPrefix);
  const started = performance.now();
  const { exitCode, log } = await new Promise<{ exitCode: number; log: string }>((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        const reason = error !== null && typeof error.code !== "number" ? `\n[${error.message}]` : "";
        done({ exitCode: code, log: `${stdout}\n${stderr}${reason}` });
      },
    );
  });
  const buildMs = Math.round(performance.now() - started);
  await writeFile(join(dir, "build.log"), log);
  const siteUrl = (await readCanonicalOrigin(out)) ?? (await readSiteUrl(content));
  return { out, content, pathPrefix, siteUrl, exitCode, log, buildMs };
}

/** The origin of the home page's canonical URL: what the site itself uses for absolute URLs. */
async function readCanonicalOrigin(out: string): Promise<string | undefined> {
  const html = await readFile(join(out, "index.html"), "utf8").catch(() => "");
  const link = DomUtils.findOne((e) => e.name === "link" && e.attribs["rel"] === "canonical", parseDocument(html).children);
  try {
    return link?.attribs["href"] === undefined ? undefined : new URL(link.attribs["href"]).origin;
  } catch {
    return undefined;
  }
}

async function readSiteUrl(content: string): Promise<string | undefined> {
  try {
    const site = JSON.parse(await readFile(join(content, "_data", "site.json"), "utf8")) as Record<string, unknown>;
    const url = ["url", "baseUrl", "baseURL", "base_url", "siteUrl"].map((k) => site[k]).find((v) => typeof v === "string");
    return typeof url === "string" ? url : undefined;
  } catch {
    return undefined;
  }
}

async function hashInputs(contentSource: string, pathPrefix: string): Promise<string> {
  const hash = createHash("sha256").update(`prefix ${pathPrefix}\n`);
  const roots: [string, string][] = [["content", contentSource], ...BUILD_INPUTS.map((p): [string, string] => [p, join(REPO_ROOT, p)])];
  for (const [label, root] of roots) {
    const info = await stat(root).catch(() => undefined);
    if (info === undefined) continue;
    const files = info.isDirectory() ? await listFiles(root) : [""];
    for (const file of files) {
      hash.update(`${label}/${file}\n`);
      hash.update(await readFile(file === "" ? root : join(root, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** mkdir is atomic: the first worker to create the lock directory builds; a lock whose owner died is taken over. */
async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number(await readFile(join(LOCK, "pid"), "utf8").catch(() => ""));
    const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((owner > 0 && !isProcessRunning(owner)) || (owner === 0 && age > 30_000) || age > BUILD_TIMEOUT_MS) {
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    await sleep(500);
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** Remove cached builds unused for 30 minutes (sources change often while people work); never fails. */
async function pruneBuildCache(maxAgeMs = 30 * 60_000): Promise<void> {
  const entries = await readdir(CACHE_ROOT, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === "build.lock") continue;
    const info = await stat(join(CACHE_ROOT, entry.name)).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > maxAgeMs) {
      await rm(join(CACHE_ROOT, entry.name), { recursive: true, force: true });
    }
  }
}
