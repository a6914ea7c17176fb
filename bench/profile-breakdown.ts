// Where a build's time goes: reads the .cpuprofile files that `node --cpu-prof` wrote (one per thread) and
// splits the samples by pipeline stage (ingest, enrich, front matter, archive, markdown, Eleventy, Pagefind…)
// and by the package that was on the CPU.
//
//   tsx bench/profile-breakdown.ts DIR_OF_CPUPROFILES

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface StageTime {
  readonly stage: string;
  readonly ms: number;
  /** On the main thread: when the stage was first and last on the CPU, from the start of the profile. */
  readonly firstMs?: number;
  readonly lastMs?: number;
}

export interface ThreadBreakdown {
  readonly file: string;
  readonly main: boolean;
  readonly totalMs: number;
  readonly stages: readonly StageTime[];
  readonly packages: readonly { readonly name: string; readonly ms: number }[];
}

/** Most specific first: a sample counts for the first stage any frame of its stack belongs to. */
const STAGES: readonly (readonly [string, RegExp])[] = [
  ["markdown (unified)", /\/src\/markdown\/|node_modules\/(unified|remark-[^/]+|mdast-[^/]+|micromark[^/]*|hast-[^/]+|hast|rehype-[^/]+|vfile[^/]*|unist-[^/]+)\//],
  ["enrich", /\/src\/enrich\/|node_modules\/compromise\//],
  ["ingest", /\/src\/ingest\/|\/src\/cli\/read-content-folder/],
  ["archive index", /\/src\/archive\//],
  ["front matter (yaml, zod)", /\/src\/front-matter\/|node_modules\/(gray-matter|js-yaml|zod)\//],
  ["pagefind", /node_modules\/pagefind\/|\/src\/site\/pagefind/],
  ["site templates/plugins", /\/src\/site\/|\/templates\//],
  ["eleventy", /node_modules\/(@11ty\/[^/]+|nunjucks|liquidjs|markdown-it|fast-glob|chokidar|graceful-fs|@sindresorhus|posthtml[^/]*)\//],
  ["cli", /\/src\/cli\/|\/bin\/broadsheet/],
  ["module loading (tsx, esbuild)", /node_modules\/(tsx|esbuild|get-tsconfig)\/|node:internal\/modules/],
];

export function analyzeProfile(profile: CpuProfile, file: string, main: boolean): ThreadBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = stageOf.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!.callFrame.functionName;
    let stage: string;
    if (leaf === "(idle)") stage = "(idle: waiting for workers, I/O, child processes)";
    else if (leaf === "(garbage collector)") stage = "(garbage collector)";
    else if (leaf === "(program)") stage = "(program: native, unattributed)";
    else {
      const urls: string[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) urls.push(byId.get(at)!.callFrame.url);
      stage = STAGES.find(([, re]) => urls.some((u) => re.test(u)))?.[0] ?? "other (node internals, libraries)";
    }
    stageOf.set(id, stage);
    return stage;
  };
  const stages = new Map<string, { ms: number; firstMs: number; lastMs: number }>();
  const packages = new Map<string, number>();
  let clock = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    clock += ms;
    const stage = classify(id);
    const entry = stages.get(stage) ?? { ms: 0, firstMs: clock, lastMs: clock };
    entry.ms += ms;
    entry.lastMs = clock;
    stages.set(stage, entry);
    const pkg = packageOf(byId.get(id)!.callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  });
  return {
    file,
    main,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    stages: [...stages].map(([stage, s]) => ({ stage, ms: s.ms, ...(main ? { firstMs: s.firstMs, lastMs: s.lastMs } : {}) })).sort((a, b) => b.ms - a.ms),
    packages: [...packages].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
  };
}

function packageOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(src\/[^/]+|bin|bench)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  return "other";
}

/** Every .cpuprofile in `dir`; Node names the main thread's with thread id 0 ("CPU.…​.<pid>.0.<seq>.cpuprofile"). */
export async function analyzeProfileDir(dir: string): Promise<ThreadBreakdown[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".cpuprofile")).sort();
  const out: ThreadBreakdown[] = [];
  for (const name of names) {
    const profile = JSON.parse(await readFile(path.join(dir, name), "utf8")) as CpuProfile;
    const tid = name.split(".").at(-3);
    out.push(analyzeProfile(profile, name, tid === "0"));
  }
  return out;
}

/** Stage times summed over threads: the main thread's alone, the workers' together. */
export function formatBreakdown(threads: readonly ThreadBreakdown[]): string {
  const lines: string[] = [];
  for (const group of [threads.filter((t) => t.main), threads.filter((t) => !t.main)]) {
    if (group.length === 0) continue;
    const main = group[0]!.main;
    const total = group.reduce((s, t) => s + t.totalMs, 0);
    lines.push(main ? `main thread (${(total / 1000).toFixed(1)} s of profile):` : `${group.length} worker thread(s) (${(total / 1000).toFixed(1)} s of profile together):`);
    const stages = new Map<string, { ms: number; firstMs?: number; lastMs?: number }>();
    for (const t of group) for (const s of t.stages) {
      const e = stages.get(s.stage) ?? { ms: 0 };
      e.ms += s.ms;
      if (s.firstMs !== undefined) e.firstMs = Math.min(e.firstMs ?? Infinity, s.firstMs);
      if (s.lastMs !== undefined) e.lastMs = Math.max(e.lastMs ?? 0, s.lastMs);
      stages.set(s.stage, e);
    }
    for (const [stage, s] of [...stages].sort((a, b) => b[1].ms - a[1].ms)) {
      const span = s.firstMs === undefined ? "" : `   on CPU between ${(s.firstMs / 1000).toFixed(1)} s and ${(s.lastMs! / 1000).toFixed(1)} s`;
      lines.push(`  ${(s.ms / 1000).toFixed(2).padStart(8)} s  ${((100 * s.ms) / total).toFixed(0).padStart(3)}%  ${stage}${span}`);
    }
    const packages = new Map<string, number>();
    for (const t of group) for (const p of t.packages) packages.set(p.name, (packages.get(p.name) ?? 0) + p.ms);
    lines.push(`  self time by package: ${[...packages].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error("Usage: tsx bench/profile-breakdown.ts DIR_OF_CPUPROFILES");
  process.stdout.write(`${formatBreakdown(await analyzeProfileDir(dir))}\n`);
}
