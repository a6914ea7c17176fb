// Runs a command and measures its wall time and the peak RSS of its whole process tree (the command, its
// worker threads and every process it starts, such as Pagefind's binary). /usr/bin/time is not on every
// machine, so this polls /proc: every 25 ms it sums VmRSS over the tree; each process's own VmHWM is kept too.
// CPU time comes from /proc, so that figures stay comparable when others load the machine: the larger of
// the waited-for children's time (/proc/self/stat) and the sum of each process's own time at its last poll
// (a process the tree kills and never waits for, such as Pagefind's, is missing from the first).
// The polls read /proc synchronously: through the thread pool (four round trips per file, a file per thread of
// every process) they took 16–18 % of a core beside a one-off build, on a machine of two.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

export interface ProcessStats {
  /** Program name (/proc/<pid>/comm: "node", "pagefind_ext…"). */
  readonly command: string;
  /** Peak resident memory of this process alone (VmHWM), in bytes. */
  readonly peakRss: number;
  /** Its own CPU time (user + system, all threads) at the last poll, in ms. */
  readonly cpuMs: number;
  /** Milliseconds after the start when the process was first and last seen. */
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
}

export interface Measurement {
  readonly exitCode: number;
  readonly wallMs: number;
  /**
   * CPU time (user + system) of the whole tree, in ms: this process's waited-for children's time
   * (/proc/self/stat cutime + cstime) before and after. Unlike wall time, it does not grow when other
   * work shares the machine.
   */
  readonly cpuMs: number;
  /** Highest sum of VmRSS over the tree seen by a poll, in bytes. */
  readonly peakTreeRss: number;
  readonly processes: readonly ProcessStats[];
  readonly stdout: string;
  readonly stderr: string;
}

export interface MeasureOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly pollMs?: number;
}

export async function measureProcess(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<Measurement> {
  const cpuBefore = await childrenCpuMs();
  const started = performance.now();
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const seen = new Map<number, { command: string; peakRss: number; cpuMs: number; firstSeenMs: number; lastSeenMs: number }>();
  let peakTreeRss = 0;
  let running = true;
  const poll = async () => {
    while (running && child.pid !== undefined) {
      const now = performance.now() - started;
      let sum = 0;
      for (const pid of processTree(child.pid)) {
        const status = readStatus(pid);
        if (!status) continue;
        sum += status.rss;
        const cpuMs = ownCpuMs(pid) ?? 0;
        const entry = seen.get(pid);
        if (entry) {
          entry.peakRss = Math.max(entry.peakRss, status.hwm);
          entry.cpuMs = Math.max(entry.cpuMs, cpuMs);
          entry.lastSeenMs = now;
        } else {
          seen.set(pid, { command: status.name, peakRss: status.hwm, cpuMs, firstSeenMs: now, lastSeenMs: now });
        }
      }
      peakTreeRss = Math.max(peakTreeRss, sum);
      await new Promise((r) => setTimeout(r, options.pollMs ?? 25));
    }
  };
  const polling = poll();
  const exitCode = await exited;
  const wallMs = performance.now() - started;
  running = false;
  await polling;
  return {
    exitCode,
    wallMs,
    cpuMs: Math.max((await childrenCpuMs()) - cpuBefore, [...seen.values()].reduce((sum, p) => sum + p.cpuMs, 0)),
    peakTreeRss,
    processes: [...seen.values()].sort((a, b) => a.firstSeenMs - b.firstSeenMs),
    stdout,
    stderr,
  };
}

/** CPU time of every child this process has waited for, in ms (fields 16 and 17 of /proc/self/stat). */
async function childrenCpuMs(): Promise<number> {
  const stat = await readFile("/proc/self/stat", "utf8");
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** A process's own CPU time, all its threads, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function ownCpuMs(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** sysconf(_SC_CLK_TCK): 100 on every Linux Node supports. */
const CLOCK_TICKS = 100;

/** The process and all its descendants, through /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      // Gone since its parent listed it.
    }
    for (const tid of tasks) {
      const children = readProc(`/proc/${pid}/task/${tid}/children`) ?? "";
      for (const c of children.split(/\s+/)) if (c) queue.push(Number(c));
    }
  }
  return out;
}

/** A /proc file's text; undefined when its process or thread is gone. */
function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readStatus(pid: number): { name: string; rss: number; hwm: number } | undefined {
  const text = readProc(`/proc/${pid}/status`);
  if (text === undefined) return undefined;
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  return { name: /^Name:\s+(.*)$/m.exec(text)?.[1] ?? "?", rss: kib("VmRSS"), hwm: kib("VmHWM") };
}
