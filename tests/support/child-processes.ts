// Child processes of the test file's process (vitest runs each file in a process of its own) that are still
// running: what a test checks is gone after a build or a failure. Reaped and zombie processes are left out.

import { readdir, readFile } from "node:fs/promises";

/** Pids of this process's running children whose command line (arguments joined by spaces) `matches`. */
export async function runningChildren(matches: (commandLine: string) => boolean): Promise<number[]> {
  const pids: number[] = [];
  for (const task of await readdir("/proc/self/task")) {
    const children = await readFile(`/proc/self/task/${task}/children`, "utf8").catch(() => "");
    for (const pid of children.split(/\s+/).filter(Boolean)) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const commandLine = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").join(" ");
      if (/\) [^Z]/.test(stat) && matches(commandLine)) pids.push(Number(pid));
    }
  }
  return pids;
}
