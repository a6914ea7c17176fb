// #7: a build that cannot finish leaves the previous output exactly as it was — failed or killed.
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { copyFixture, runCli, spawnCli } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");

describe("the previous site survives a build that cannot finish", () => {
  let dir: string;
  let content: string;
  let out: string;
  let good: Map<string, string>;

  beforeAll(async () => {
    dir = await copyFixture(FIXTURE);
    content = path.join(dir, "content");
    out = path.join(dir, "_site");
    const first = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    expect(first.code).toBe(0);
    good = await hashTree(out);
  });

  it("keeps it when the site build throws (broken global data)", async () => {
    await mkdir(path.join(content, "_data"), { recursive: true });
    const siteData = path.join(content, "_data", "broken.json");
    await writeFile(siteData, "{ not json");
    const result = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    await writeFile(siteData, "{}");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*the previous output was kept/);
    expect(await hashTree(out)).toEqual(good);
    expect((await readdir(dir)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("keeps it when the build is killed mid-way, and the next build cleans up", async () => {
    const { child, done } = spawnCli(["build", "--content", content, "--out", out, "--no-search"]);
    let exited = false;
    void done.then(() => (exited = true));
    // Kill as soon as the temporary output folder exists: the render is under way.
    const rendering = async () => (await readdir(dir)).some((n) => n.startsWith("_site.tmp-"));
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && !exited && !(await rendering())) await new Promise((r) => setTimeout(r, 20));
    if (!(await rendering())) {
      child.kill("SIGKILL");
      const { code, stdout, stderr } = await done;
      throw new Error(`the build never had a temporary output folder (exit ${code}):\n${stdout}\n${stderr}`);
    }
    child.kill("SIGKILL");
    await done;
    expect(await hashTree(out)).toEqual(good);
    const next = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    expect(next.code).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes(".tmp-") || n.includes(".old-"))).toEqual([]);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
  });
});
