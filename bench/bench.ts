// `npm run bench`: every figure of issue 6, each beside its reference measured in the same run, on articles
// generated from the real corpus (bench/generate-articles.ts). Builds run through the real CLI in a child
// process; wall time and the peak RSS of the whole process tree are measured from outside.
//
//   npm run bench -- [--sizes 1000,10000] [--skip-100k] [--profile] [--work DIR] [--compromise-sample 300] [--repeat 3]
//
// An edit and an add are each measured --repeat times, alternating, and reported by their median: one build of
// a few seconds moves by ±30 % with the shared machine's load.
// Prints a table and writes bench/results.json. One heavy build at a time: the machine is shared.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateArticles, loadSourcePools, writeGeneratedArticles, type GeneratedArticle } from "./generate-articles.ts";
import { diffTrees, hashTree, type TreeDiff } from "./hash-tree.ts";
import { measureProcess, type Measurement } from "./measure-process.ts";
import { analyzeProfileDir, formatBreakdown, type ThreadBreakdown } from "./profile-breakdown.ts";
import { isSearchBundle, SHARD_LIST } from "../src/cli/index-search-shards.ts";
import { plainSiteCommand, writePlainSite } from "./write-plain-site.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
const CLI = path.join(ROOT, "bin", "broadsheet.js");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const PAGEFIND = path.join(ROOT, "node_modules", "pagefind", "lib", "runner", "bin.cjs");
/** Node flags of `npm run build` (package.json), so that the bench measures the build users run. */
const BUILD_NODE_FLAGS: readonly string[] = (() => {
  const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.build ?? "";
  return script.split(/\s+/).filter((word) => word.startsWith("--"));
})();
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * Folders the bench is done with: moved aside at once and deleted when every figure is measured. ext4 without
 * a journal (this machine's disk) skips, for each inode it makes, every inode freed in the last 60–300 s
 * (fs/ext4/ialloc.c, recently_deleted: a buffer lookup each), so a build right after the previous run's
 * ~100,000 files were deleted spent ~5 CPU-s more in the kernel (session 31: 94.8–95.9 against 89.3 CPU-s);
 * a cold build on a fresh clone follows no such delete.
 */
class Trash {
  #moved = 0;
  constructor(readonly dir: string) {}

  async discard(target: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await rename(target, path.join(this.dir, `${++this.#moved}-${path.basename(target)}`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }

  async empty(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

interface Run {
  readonly ok: boolean;
  readonly wallS: number;
  /** CPU seconds of the whole process tree (user + system). */
  readonly cpuS: number;
  readonly peakRssMiB: number;
  /** Peak RSS and lifetime of each process of the tree (node, pagefind, …). */
  readonly processes: readonly { command: string; peakRssMiB: number; fromS: number; toS: number }[];
  /** 1-minute load average when the run started: the machine is shared, so figures vary with it. */
  readonly loadBefore?: number;
  readonly tail?: string;
}

interface SizeResult {
  readonly articles: number;
  readonly words: number;
  readonly generateS: number;
  readonly cold: Run;
  readonly plainEleventy: Run & { readonly files: number };
  readonly plainPagefind: Run;
  readonly compromise?: { cpuMsPerArticle: number; estimatedCpuSeconds: number; sampled: number };
  readonly siteFiles: number;
  readonly noChange: Run;
  /** The median of the edits (by wall time); correct and searchUpdated hold for every one of them. */
  readonly edit: Change;
  /** An article added with a date among the others' (the generator's dates: anywhere in 1990–2025). */
  readonly add: Change;
  /** An article added with a date after all the others': what a newsroom adds every day. */
  readonly publish?: Change;
  /** Wall seconds of every edit and every add, in the order they ran. */
  readonly editWallS?: readonly number[];
  readonly addWallS?: readonly number[];
  readonly publishWallS?: readonly number[];
  /**
   * The same kinds of change under `broadsheet build --watch` (one process that stays loaded): seconds from
   * the file written to the site built again, change noticed and settled included.
   */
  readonly watch?: { readonly edit: Change; readonly add: Change; readonly editWallS: readonly number[]; readonly addWallS: readonly number[] };
  readonly deterministic: { readonly coldVsRebuild: Summary; readonly coldVsCold?: Summary; readonly markdownUntouched: Summary };
  /**
   * The site after every edit and add against a cold build of the same raw files in new folders, search
   * bundles aside (a patch adds delta bundles instead of indexing the main ones again).
   */
  readonly patchedVsCold?: Summary;
}

type Change = Run & { readonly correct: boolean; readonly searchUpdated: boolean | undefined };

type Summary = Omit<TreeDiff, "changed" | "onlyInFirst" | "onlyInSecond"> & { readonly examples: readonly string[] };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      "skip-100k": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      "cold-twice": { type: "boolean", default: false },
      work: { type: "string", default: path.join(os.tmpdir(), "broadsheet-bench") },
      "compromise-sample": { type: "string", default: "300" },
      repeat: { type: "string", default: "3" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("Usage: npm run bench -- [--sizes 1000,10000] [--skip-100k] [--profile] [--cold-twice] [--work DIR] [--compromise-sample N] [--repeat N]\n");
    return;
  }
  const sizes = values.sizes.split(",").map(Number);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat ${values.repeat}: give a whole number of at least 1`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes ${values.sizes}: give whole numbers, like 1000,10000`);
  const work = path.resolve(values.work);
  await mkdir(work, { recursive: true });
  // A trash folder left by an interrupted run is emptied with this run's, after the measurements.
  const trash = new Trash(path.join(work, `trash-${process.pid}`));
  for (const entry of await readdir(work)) if (entry.startsWith("trash-")) await trash.discard(path.join(work, entry));
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), memoryGiB: +(os.totalmem() / GiB).toFixed(1), node: process.version, cpu: os.cpus()[0]?.model },
  };
  const bySize: Record<string, SizeResult> = {};
  results.sizes = bySize;

  for (const size of sizes) {
    log(`\n== ${size} articles ==`);
    bySize[size] = await benchSize(size, work, {
      compromiseSample: Number(values["compromise-sample"]),
      coldTwice: values["cold-twice"] || size <= 2000,
      repeat,
      trash,
    });
    await save(results);
  }
  let hundredK: { cold: Run; generateS: number } | undefined;
  if (!values["skip-100k"]) {
    log("\n== 100000 articles (cold build only) ==");
    const dir = path.join(work, "n100000");
    await trash.discard(dir);
    const t = performance.now();
    await writeGeneratedArticles(path.join(dir, "content", "raw"), { count: 100_000 });
    const generateS = (performance.now() - t) / 1000;
    const cold = await build(path.join(dir, "content"), path.join(dir, "site"), "cold build");
    hundredK = { cold, generateS };
    results.hundredK = hundredK;
    await trash.discard(dir);
    await save(results);
  }
  let profile: ThreadBreakdown[] | undefined;
  if (values.profile) {
    const size = Math.max(...sizes.filter((n) => n <= 10_000));
    log(`\n== profile: cold build and no-change rebuild of ${size} articles with --cpu-prof ==`);
    const dir = path.join(work, `n${size}`);
    const content = path.join(dir, "content-profile");
    await trash.discard(content);
    await writeGeneratedArticles(path.join(content, "raw"), { count: size });
    for (const kind of ["cold", "rebuild"] as const) {
      const profDir = path.join(dir, `profile-${kind}`);
      await trash.discard(profDir);
      const run = await build(content, path.join(dir, "site-profile"), `${kind} build (profiled)`, ["--cpu-prof", "--cpu-prof-dir", profDir]);
      const threads = await analyzeProfileDir(profDir).catch(() => []);
      results[`profile-${kind}`] = { run, threads: threads.map(({ file, main, totalMs, stages, packages }) => ({ file, main, totalMs, stages, packages: packages.slice(0, 15) })) };
      if (kind === "cold") profile = threads;
      log(`\n${kind} build, ${size} articles: ${run.wallS.toFixed(1)} s wall (profiling slows it down)\n${formatBreakdown(threads)}`);
    }
    await save(results);
  }
  // A run without 10,000 articles compares the 100,000-article build with the last 10,000 results.json holds.
  const storedTenK = hundredK && !bySize["10000"] ? await storedSize("10000") : undefined;
  process.stdout.write(`\n${formatTable(bySize, hundredK, storedTenK)}\n`);
  if (profile) process.stdout.write(`\nWhere the cold build's time goes (--cpu-prof):\n${formatBreakdown(profile)}\n`);
  process.stdout.write(`\nResults: ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
  await trash.empty();
}

async function benchSize(size: number, work: string, options: { compromiseSample: number; coldTwice: boolean; repeat: number; trash: Trash }): Promise<SizeResult> {
  const { trash } = options;
  const dir = path.join(work, `n${size}`);
  await trash.discard(dir);
  const content = path.join(dir, "content");
  const out = path.join(dir, "site");
  const raw = path.join(content, "raw");

  let t = performance.now();
  const generated = await writeGeneratedArticles(raw, { count: size });
  const generateS = (performance.now() - t) / 1000;
  log(`generated ${size} articles (${generated.words} words) in ${generateS.toFixed(1)} s`);
  // A pristine copy for the second cold build, taken before any edit.
  if (options.coldTwice) await cp(raw, path.join(dir, "content-twin", "raw"), { recursive: true });

  const cold = await build(content, out, "cold build");
  const coldHashes = cold.ok ? await hashTree(out) : new Map<string, string>();
  const markdownBefore = await hashTree(path.join(content, "articles")).catch(() => new Map<string, string>());

  // References: a plain Eleventy site of the same Markdown, Pagefind over it, compromise over the same text.
  const plainDir = path.join(dir, "plain");
  let plainEleventy: SizeResult["plainEleventy"];
  let plainPagefind: Run;
  if (markdownBefore.size > 0) {
    await writePlainSite(plainDir, path.join(content, "articles"));
    const { command, args } = plainSiteCommand();
    plainEleventy = { ...(await measured("plain Eleventy build (reference)", command, args, { cwd: plainDir })), files: await countFiles(path.join(plainDir, "_site")) };
    plainPagefind = await measured("Pagefind over the plain site (reference)", process.execPath, [PAGEFIND, "--site", "_site"], { cwd: plainDir });
  } else {
    plainEleventy = { ...failed("no Markdown was written, so there is nothing to compare with"), files: 0 };
    plainPagefind = failed("no plain site");
  }
  const tagged = await measured("compromise tagging (reference)", process.execPath, [TSX, path.join(ROOT, "bench", "tag-with-compromise.ts"), "--dir", raw, "--sample", String(options.compromiseSample)]);
  const compromise = tagged.ok ? (JSON.parse(tagged.tail ?? "{}") as SizeResult["compromise"]) : undefined;

  const noChange = await build(content, out, "no-change rebuild");
  const rebuildHashes = noChange.ok ? await hashTree(out) : new Map<string, string>();
  const markdownAfter = await hashTree(path.join(content, "articles")).catch(() => new Map<string, string>());

  let coldVsCold: Summary | undefined;
  if (options.coldTwice) {
    const twin = await build(path.join(dir, "content-twin"), path.join(dir, "site-twin"), "second cold build (determinism)");
    if (twin.ok && cold.ok) coldVsCold = summarize(diffTrees(coldHashes, await hashTree(path.join(dir, "site-twin"))));
    await trash.discard(path.join(dir, "content-twin"));
    await trash.discard(path.join(dir, "site-twin"));
  }

  // One article edited (a sentence added to its last paragraph), then one added; `repeat` times each, in turn,
  // each time another article.
  const extras = [...generateArticles(await loadSourcePools(), { count: options.repeat * 3, start: size + 1, seed: 4242 })];
  if (extras.length < options.repeat * 3) throw new Error("the generator gave too few articles");
  const edits: Change[] = [];
  const adds: Change[] = [];
  const publishes: Change[] = [];
  for (let k = 0; k < options.repeat; k++) {
    const editMarker = `Bench edit marker ${size.toString(36)}qx${k}.`;
    const victim = path.join(raw, `bench-${String(((Math.ceil(size / 2) + k - 1) % size) + 1).padStart(6, "0")}.txt`);
    const text = await readFile(victim, "utf8");
    await writeFile(victim, `${text.trimEnd()} ${editMarker}\n`);
    const editRun = await build(content, out, `one article edited (${k + 1} of ${options.repeat})`);
    edits.push({ ...editRun, ...(await check(out, editMarker, editRun.ok)) });

    const addMarker = `Bench added article ${size.toString(36)}zq${k}.`;
    const extra = extras[k]!;
    await writeFile(path.join(raw, `${extra.name}.txt`), `${extra.text.trimEnd()} ${addMarker}\n`);
    await writeFile(path.join(raw, `${extra.name}.json`), extra.sidecar);
    const addRun = await build(content, out, `one article added (${k + 1} of ${options.repeat})`);
    adds.push({ ...addRun, ...(await check(out, addMarker, addRun.ok)) });

    // Today's article: dated after every generated one (they end in 2025).
    const publishMarker = `Bench published article ${size.toString(36)}pq${k}.`;
    const fresh = extras[options.repeat + k]!;
    const sidecar = { ...(JSON.parse(fresh.sidecar) as Record<string, unknown>), date: `2026-01-${String(k + 1).padStart(2, "0")}` };
    await writeFile(path.join(raw, `${fresh.name}.txt`), `${fresh.text.trimEnd()} ${publishMarker}\n`);
    await writeFile(path.join(raw, `${fresh.name}.json`), `${JSON.stringify(sidecar, null, 1)}\n`);
    const publishRun = await build(content, out, `one article published (${k + 1} of ${options.repeat})`);
    publishes.push({ ...publishRun, ...(await check(out, publishMarker, publishRun.ok)) });
  }
  const edit = median(edits);
  const add = median(adds);
  const publish = median(publishes);
  const watch = await watchChanges(content, out, size, extras.slice(options.repeat * 2), options.repeat);

  // Correct again means the whole site, not only the changed page: what a cold build of the same raw files
  // gives, with nothing reused (no enrichment cache, no archive core, no previous site).
  const fresh = path.join(dir, "content-fresh");
  const freshOut = path.join(dir, "site-fresh");
  await trash.discard(fresh);
  await cp(raw, path.join(fresh, "raw"), { recursive: true });
  const freshRun = await build(fresh, freshOut, "cold build of the content as the edits and adds left it");
  const patchedVsCold = freshRun.ok ? summarize(diffTrees(withoutSearch(await hashTree(out)), withoutSearch(await hashTree(freshOut)))) : undefined;
  await trash.discard(fresh);
  await trash.discard(freshOut);

  const result: SizeResult = {
    articles: size,
    words: generated.words,
    generateS,
    cold,
    plainEleventy,
    plainPagefind,
    ...(compromise ? { compromise } : {}),
    siteFiles: coldHashes.size,
    noChange,
    edit,
    add,
    publish,
    editWallS: edits.map((r) => r.wallS),
    addWallS: adds.map((r) => r.wallS),
    publishWallS: publishes.map((r) => r.wallS),
    ...(watch ? { watch } : {}),
    deterministic: {
      coldVsRebuild: summarize(diffTrees(coldHashes, rebuildHashes)),
      ...(coldVsCold ? { coldVsCold } : {}),
      markdownUntouched: summarize(diffTrees(markdownBefore, markdownAfter)),
    },
    ...(patchedVsCold ? { patchedVsCold } : {}),
  };
  await trash.discard(plainDir);
  return result;
}

async function build(content: string, out: string, label: string, nodeFlags: readonly string[] = []): Promise<Run> {
  const args = [...BUILD_NODE_FLAGS, ...nodeFlags, CLI, "build", "--content", content, "--out", out];
  return measured(label, process.execPath, args, { env: { ...process.env, CI: "1" } });
}

async function measured(label: string, command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const loadBefore = +os.loadavg()[0]!.toFixed(1);
  const m: Measurement = await measureProcess(command, args, options);
  const run: Run = {
    loadBefore,
    ok: m.exitCode === 0,
    wallS: m.wallMs / 1000,
    cpuS: m.cpuMs / 1000,
    peakRssMiB: m.peakTreeRss / MiB,
    processes: m.processes
      .filter((p) => p.lastSeenMs - p.firstSeenMs > 50 || p.peakRss > 50 * MiB)
      .map((p) => ({ command: p.command, peakRssMiB: Math.round(p.peakRss / MiB), fromS: +(p.firstSeenMs / 1000).toFixed(2), toS: +(p.lastSeenMs / 1000).toFixed(2) })),
    tail: (m.exitCode === 0 ? m.stdout : `${m.stdout}\n${m.stderr}`).trim().split("\n").slice(-12).join("\n"),
  };
  log(`${label}: ${run.ok ? "ok" : `FAILED (exit ${m.exitCode})`}, ${run.wallS.toFixed(2)} s wall, ${run.cpuS.toFixed(1)} CPU-s (load ${loadBefore}), peak RSS ${run.peakRssMiB.toFixed(0)} MiB${run.processes.length > 1 ? ` [${run.processes.map((p) => `${p.command} ${p.peakRssMiB} MiB ${p.fromS}–${p.toS} s`).join("; ")}]` : ""}`);
  if (!run.ok) log(indent(`${m.stderr}`.trim().split("\n").slice(-8).join("\n")));
  return run;
}

/** Between one watched build's "watching" line and the next change. */
const WATCH_PAUSE_MS = 1_000;

/**
 * Edits and adds (`repeat` of each, in turn) under one `broadsheet build --watch` process, each timed from the
 * file written to the watcher's "watching" line after the build it caused. Undefined when the watcher failed.
 */
async function watchChanges(content: string, out: string, size: number, extras: readonly GeneratedArticle[], repeat: number) {
  const raw = path.join(content, "raw");
  const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, CLI, "build", "--watch", "--content", content, "--out", out], {
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const builds = () => text.match(/^watching /gm)?.length ?? 0;
  const built = async (count: number): Promise<boolean> => {
    const deadline = performance.now() + 300_000;
    while (builds() < count && child.exitCode === null && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    return builds() >= count;
  };
  const change = async (label: string, marker: string, write: () => Promise<void>): Promise<Change> => {
    // A person's pace: a build records its caches after it reports the site (#6), and a change written the
    // same moment would wait for that; each change here is one in a quiet folder.
    await new Promise((resolve) => setTimeout(resolve, WATCH_PAUSE_MS));
    const count = builds() + 1;
    const before = text.length;
    const started = performance.now();
    await write();
    const ok = (await built(count)) && !/^error:/m.test(text.slice(before));
    const wallS = (performance.now() - started) / 1000;
    log(`${label}: ${ok ? "ok" : "FAILED"}, ${wallS.toFixed(2)} s wall`);
    return { ok, wallS, cpuS: NaN, peakRssMiB: NaN, processes: [], ...(await check(out, marker, ok)) };
  };
  try {
    if (!(await built(1))) {
      log(`build --watch did not start:\n${indent(text.trim().split("\n").slice(-8).join("\n"))}`);
      return undefined;
    }
    const edits: Change[] = [];
    const adds: Change[] = [];
    for (let k = 0; k < repeat; k++) {
      // Other articles than the one-off builds' edits.
      const victim = path.join(raw, `bench-${String(((Math.ceil(size / 2) + repeat + k - 1) % size) + 1).padStart(6, "0")}.txt`);
      const editMarker = `Bench watch edit ${size.toString(36)}wx${k}.`;
      edits.push(
        await change(`build --watch: one article edited (${k + 1} of ${repeat})`, editMarker, async () => {
          await writeFile(victim, `${(await readFile(victim, "utf8")).trimEnd()} ${editMarker}\n`);
        }),
      );
      const extra = extras[k]!;
      const addMarker = `Bench watch added article ${size.toString(36)}wz${k}.`;
      adds.push(
        await change(`build --watch: one article added (${k + 1} of ${repeat})`, addMarker, async () => {
          // The sidecar first, as an editor's tool would: the text names the article.
          await writeFile(path.join(raw, `${extra.name}.json`), extra.sidecar);
          await writeFile(path.join(raw, `${extra.name}.txt`), `${extra.text.trimEnd()} ${addMarker}\n`);
        }),
      );
    }
    return { edit: median(edits), add: median(adds), editWallS: edits.map((r) => r.wallS), addWallS: adds.map((r) => r.wallS) };
  } finally {
    child.kill("SIGINT");
    await exited;
  }
}

/** The run of median wall time (the lower middle one of an even count), correct only if every run was. */
function median(runs: readonly Change[]): Change {
  const sorted = [...runs].sort((a, b) => (a.ok === b.ok ? a.wallS - b.wallS : a.ok ? -1 : 1));
  const middle = runs.some((r) => !r.ok) ? runs.find((r) => !r.ok)! : sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    ...middle,
    correct: runs.every((r) => r.correct),
    searchUpdated: runs.some((r) => r.searchUpdated === undefined) ? undefined : runs.every((r) => r.searchUpdated === true),
  };
}

function failed(reason: string): Run {
  return { ok: false, wallS: NaN, cpuS: NaN, peakRssMiB: NaN, processes: [], tail: reason };
}

/** Is the marker on an HTML page of the site, and in the search index (Pagefind's gzipped fragments)? */
async function check(out: string, marker: string, ok: boolean): Promise<{ correct: boolean; searchUpdated: boolean | undefined }> {
  if (!ok) return { correct: false, searchUpdated: undefined };
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  let correct = false;
  let searchUpdated: boolean | undefined;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    if (!correct && e.name.endsWith(".html") && (await readFile(file, "utf8")).includes(marker)) correct = true;
    if (e.name.endsWith(".pf_fragment")) {
      searchUpdated ??= false;
      if (!searchUpdated && gunzipText(await readFile(file)).includes(marker)) searchUpdated = true;
    }
  }
  return { correct, searchUpdated };
}

function gunzipText(bytes: Buffer): string {
  try {
    return gunzipSync(bytes).toString("utf8");
  } catch {
    return "";
  }
}

async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).length;
}

/** A site's files without its search index (the bundles' top-level folders, and their list). */
function withoutSearch(files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].filter(([file]) => file !== SHARD_LIST && !isSearchBundle(file.split(path.sep)[0]!)));
}

function summarize(diff: TreeDiff): Summary {
  return {
    identical: diff.identical,
    files: diff.files,
    examples: [...diff.changed.map((f) => `changed ${f}`), ...diff.onlyInFirst.map((f) => `only in first ${f}`), ...diff.onlyInSecond.map((f) => `only in second ${f}`)].slice(0, 5),
  };
}

// ---- the table ----

/** The issue's reference machine built the plain site in 11.7 s: a target of `seconds` there, at this machine's pace. */
const ISSUE_PLAIN_ELEVENTY_S = 11.7;
function scaled(seconds: number, eleventy: Run): string {
  const ratio = seconds / ISSUE_PLAIN_ELEVENTY_S;
  return `the issue's ${seconds} s = ${ratio.toFixed(2)}× its plain Eleventy = ${(ratio * eleventy.wallS).toFixed(1)} s here`;
}

/** A size's results as results.json holds them: with the date of their run. */
type SavedSize = SizeResult & { readonly date?: string };

/** The results of `size` articles that results.json holds, if any. */
async function storedSize(size: string): Promise<SavedSize | undefined> {
  const saved = (await readSavedResults()) as { sizes?: Record<string, SavedSize> };
  return saved.sizes?.[size];
}

function formatTable(bySize: Record<string, SizeResult>, hundredK: { cold: Run } | undefined, storedTenK?: SavedSize): string {
  const rows: string[][] = [["figure", "measured", "reference (same run)", "ratio", "target", "met"]];
  const s = (r: Run) => (r.ok ? `${r.wallS.toFixed(2)} s${Number.isNaN(r.cpuS) ? "" : ` (${r.cpuS.toFixed(1)} CPU-s)`}` : "failed");
  const mem = (r: Run) => (r.ok ? `${fmtMiB(r.peakRssMiB)}` : "");
  for (const r of Object.values(bySize)) {
    const n = r.articles.toLocaleString("en");
    const eleventy = r.plainEleventy;
    const pagefind = r.plainPagefind;
    const cpuS = r.compromise?.estimatedCpuSeconds;
    const refCold = eleventy.ok && pagefind.ok && cpuS !== undefined ? eleventy.wallS + pagefind.wallS + cpuS / os.availableParallelism() : NaN;
    rows.push([`${n}: plain Eleventy build (articles, paginated home, tags, RSS)`, `${s(eleventy)}, ${mem(eleventy)}, ${eleventy.files} files`, "issue: 11.7 s, 753 MiB at 10k", "", "reference", ""]);
    rows.push([`${n}: Pagefind indexes the plain site`, `${s(pagefind)}, ${mem(pagefind)}`, "issue: 18 s, 2.8 GiB at 10k", "", "reference", ""]);
    rows.push([
      `${n}: compromise tags the text`,
      cpuS === undefined ? "failed" : `${cpuS.toFixed(0)} CPU-s (${r.compromise!.cpuMsPerArticle.toFixed(1)} ms/article, from ${r.compromise!.sampled})`,
      "issue: 150 CPU-s at 10k",
      "",
      "reference",
      "",
    ]);
    const refColdCpu = eleventy.ok && pagefind.ok && cpuS !== undefined ? eleventy.cpuS + pagefind.cpuS + cpuS : NaN;
    rows.push([
      `${n}: cold build (ingest, enrich, all pages, search)`,
      `${s(r.cold)}, ${mem(r.cold)}, ${r.siteFiles} files`,
      Number.isFinite(refCold)
        ? `Eleventy + Pagefind + compromise/${os.availableParallelism()} cores = ${refCold.toFixed(1)} s (${refColdCpu.toFixed(0)} CPU-s); ${scaled(30, eleventy)}`
        : "",
      r.cold.ok && Number.isFinite(refCold) ? `${(r.cold.wallS / refCold).toFixed(2)}× wall, ${(r.cold.cpuS / refColdCpu).toFixed(2)}× CPU` : "",
      r.articles === 10_000 ? "≤ 30 s, ≤ 3 GiB" : "",
      r.articles === 10_000 ? yes(r.cold.ok && r.cold.wallS <= 30 && r.cold.peakRssMiB <= 3 * 1024) : "",
    ]);
    const ratio = r.noChange.ok && eleventy.ok ? r.noChange.wallS / eleventy.wallS : NaN;
    const cpuRatio = r.noChange.ok && eleventy.ok ? r.noChange.cpuS / eleventy.cpuS : NaN;
    rows.push([
      `${n}: no-change rebuild`,
      `${s(r.noChange)}, ${mem(r.noChange)}`,
      `plain Eleventy ${s(eleventy)}`,
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU` : "",
      "≤ 1.2×",
      yes(ratio <= 1.2),
    ]);
    const changes = [
      ["one article edited", r.edit, r.editWallS],
      ["one article added, dated among the others", r.add, r.addWallS],
      ...(r.publish ? [["one article added, dated after the others", r.publish, r.publishWallS] as const] : []),
      ...(r.watch
        ? ([
            ["build --watch: one article edited", r.watch.edit, r.watch.editWallS],
            ["build --watch: one article added, dated among the others", r.watch.add, r.watch.addWallS],
          ] as const)
        : []),
    ] as const;
    for (const [label, run, all] of changes) {
      const search = run.searchUpdated === undefined ? "search index: not found" : `search index ${run.searchUpdated ? "updated" : "NOT updated"}`;
      const spread = all && all.length > 1 ? `median of ${all.length}: ${s(run)} (all: ${all.map((w) => w.toFixed(2)).join(", ")} s)` : s(run);
      rows.push([
        `${n}: ${label}`,
        `${spread}; page ${run.correct ? "correct" : "NOT correct"}; ${search}`,
        eleventy.ok ? `plain Eleventy ${s(eleventy)}; ${scaled(2, eleventy)}` : "",
        run.ok && eleventy.ok ? `${(run.wallS / eleventy.wallS).toFixed(3)}× wall` : "",
        "≤ 2 s, correct",
        yes(run.ok && run.wallS <= 2 && run.correct && run.searchUpdated === true),
      ]);
    }
    const d = r.deterministic;
    const det = (x: Summary | undefined, what: string) => (x ? `${what}: ${x.identical ? "identical" : `DIFFERENT (${x.examples.join(", ")})`} (${x.files} files)` : "");
    rows.push([
      `${n}: deterministic output`,
      [det(d.coldVsCold, "cold vs cold"), det(d.coldVsRebuild, "cold vs rebuild"), det(d.markdownUntouched, "articles/*.md untouched by rebuild")].filter(Boolean).join("; "),
      "",
      "",
      "byte-identical",
      yes(r.cold.ok && d.coldVsRebuild.identical && (d.coldVsCold?.identical ?? true) && d.markdownUntouched.identical),
    ]);
    rows.push([
      `${n}: site after the edits and adds`,
      r.patchedVsCold ? det(r.patchedVsCold, "vs a cold build of the same raw files, search bundles aside") : "cold build failed or not run",
      "",
      "",
      "byte-identical",
      yes(r.patchedVsCold?.identical === true),
    ]);
  }
  const tenK = bySize["10000"] ?? storedTenK;
  if (hundredK) {
    const ratio = tenK?.cold.ok && hundredK.cold.ok ? hundredK.cold.wallS / tenK.cold.wallS : NaN;
    rows.push([
      "100,000: cold build",
      `${s(hundredK.cold)}, ${mem(hundredK.cold)}`,
      tenK ? `10,000 cold ${s(tenK.cold)}${bySize["10000"] ? "" : ` (results.json, run of ${storedTenK?.date?.slice(0, 10) ?? "an earlier day"})`}` : "",
      Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : "",
      "≤ 12×, ≤ 8 GiB",
      yes(ratio <= 12 && hundredK.cold.peakRssMiB <= 8 * 1024),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function yes(met: boolean): string {
  return met ? "yes" : "no";
}

function fmtMiB(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB` : `${mib.toFixed(0)} MiB`;
}

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Merges into bench/results.json: a run at other sizes keeps the figures already there (each has its date). */
async function save(results: Record<string, unknown>): Promise<void> {
  const previous = await readSavedResults();
  const stamp = (sizes: unknown) =>
    Object.fromEntries(Object.entries((sizes ?? {}) as Record<string, object>).map(([k, v]) => [k, { date: results.date, ...v }]));
  const merged = {
    ...previous,
    ...results,
    sizes: { ...((previous.sizes ?? {}) as object), ...stamp(results.sizes) },
  };
  await writeFile(RESULTS_FILE, `${JSON.stringify(merged, null, 1)}\n`);
}

/** bench/results.json as the last runs left it ({} when there is none). */
async function readSavedResults(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(RESULTS_FILE, "utf8").catch(() => "{}")) as Record<string, unknown>;
}

await main();
