// The bench's measurements (#6): peak RSS must include processes the command starts, CPU time must be the
// tree's, and two folders compare equal only when every file has the same bytes.

import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffTrees, hashTree } from "../../bench/hash-tree.ts";
import { measureProcess } from "../../bench/measure-process.ts";

const MiB = 2 ** 20;
/** Holds `mib` MiB of touched memory for a moment, then exits. */
const hold = (mib: number) => `const b = Buffer.alloc(${mib} * 1024 * 1024, 1); setTimeout(() => console.log(b[7]), 400);`;

describe("measureProcess", () => {
  it("sees the memory of a grandchild process, and the exit code", async () => {
    const parent = `const { spawnSync } = require("node:child_process"); const r = spawnSync(process.execPath, ["-e", ${JSON.stringify(hold(300))}], { stdio: "inherit" }); process.exit(r.status === 0 ? 3 : 4);`;
    const m = await measureProcess(process.execPath, ["-e", parent]);
    expect(m.exitCode).toBe(3);
    expect(m.peakTreeRss).toBeGreaterThan(300 * MiB);
    expect(m.processes.length).toBeGreaterThanOrEqual(2);
    expect(m.stdout.trim()).toBe("1");
  });

  it("counts CPU time of the tree, not idle time", async () => {
    const idle = await measureProcess(process.execPath, ["-e", "setTimeout(() => {}, 600)"]);
    const busy = await measureProcess(process.execPath, ["-e", "while (process.cpuUsage().user < 600_000);"]);
    expect(idle.wallMs).toBeGreaterThan(550);
    expect(idle.cpuMs).toBeLessThan(400);
    expect(busy.cpuMs).toBeGreaterThan(500);
  });

  it("counts the CPU time of a grandchild that is killed and never waited for (Pagefind's binary)", async () => {
    // The grandchild spins until it has used 600 ms of CPU, says so, and spins on until it is killed: the CPU
    // it used does not depend on how busy the machine is.
    const spin = `let said = false; while (true) if (!said && process.cpuUsage().user >= 600_000) { process.stdout.write("spun"); said = true; }`;
    const parent = `const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(spin)}], { stdio: ["ignore", "pipe", "ignore"] }); c.stdout.once("data", () => { c.kill("SIGKILL"); process.exit(0); });`;
    const m = await measureProcess(process.execPath, ["-e", parent]);
    expect(m.exitCode).toBe(0);
    expect(m.cpuMs).toBeGreaterThan(500);
  });
});

describe("hashTree and diffTrees", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "bench-hash-"));
    for (const side of ["a", "b"]) {
      await mkdir(path.join(dir, side, "sub"), { recursive: true });
      await writeFile(path.join(dir, side, "same.html"), "<p>same</p>");
      await writeFile(path.join(dir, side, "sub", "page.html"), side === "a" ? "<p>one</p>" : "<p>two</p>");
    }
    await writeFile(path.join(dir, "b", "extra.xml"), "<rss/>");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names the files that differ or exist on one side only", async () => {
    const a = await hashTree(path.join(dir, "a"));
    const b = await hashTree(path.join(dir, "b"));
    expect([...a.keys()]).toEqual(["same.html", path.join("sub", "page.html")]);
    const diff = diffTrees(a, b);
    expect(diff.identical).toBe(false);
    expect(diff.changed).toEqual([path.join("sub", "page.html")]);
    expect(diff.onlyInSecond).toEqual(["extra.xml"]);
    expect(diffTrees(a, await hashTree(path.join(dir, "a"))).identical).toBe(true);
  });
});
