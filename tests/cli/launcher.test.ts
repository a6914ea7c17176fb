// The launcher (bin/broadsheet.js, #6): the CLI starts from its compiled bundle when one matches the
// sources, without tsx; from its sources through tsx when none does (first run, or a source changed), making
// the bundle meanwhile. Both ways build the same site. Run on a copy of the project, so that changing a
// source here leaves the real tree and its bundles alone.

import { spawn } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { BUNDLE_CACHE_DIR, readRecipe } from "../../src/bundle-recipe.js";
import { PROJECT_ROOT } from "../support/run-cli.ts";
import { scratchDir } from "../support/scratch-dirs.ts";

const SEED = "000_f383523450ecae10";

describe("bin/broadsheet.js", () => {
  let project: string;
  let content: string;
  const build = (out: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(project, "bin/broadsheet.js"), "build", "--content", content, "--out", out], {
        cwd: project,
        env: { ...process.env, CI: "true", DEBUG: "broadsheet:compile" },
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  beforeAll(async () => {
    const dir = await scratchDir("broadsheet-launcher-");
    project = path.join(dir, "project");
    for (const part of ["bin", "src", "templates", "public", ".eleventy.ts", "package.json", "package-lock.json"]) {
      await cp(path.join(PROJECT_ROOT, part), path.join(project, part), { recursive: true });
    }
    await symlink(path.join(PROJECT_ROOT, "node_modules"), path.join(project, "node_modules"));
    content = path.join(dir, "content");
    await mkdir(path.join(content, "raw"), { recursive: true });
    for (const file of [`${SEED}.txt`, "wn-gum-interview-ants.txt", "wn-gum-interview-ants.json"]) {
      await cp(path.join(PROJECT_ROOT, "content/raw", file), path.join(content, "raw", file));
    }
  }, 60_000);
  // The copy's bundles share the real cache folder (through the node_modules link): they go with it.
  afterAll(async () => {
    const files = await readdir(BUNDLE_CACHE_DIR).catch(() => []);
    for (const recipe of files.filter((f) => f.endsWith(".json"))) {
      if (!readRecipe(path.join(BUNDLE_CACHE_DIR, recipe))?.inputs.some((input) => input.startsWith(`${project}/`))) continue;
      const name = recipe.slice(0, -".json".length);
      for (const file of files.filter((f) => f === recipe || (f.startsWith(`${name}-`) && f.endsWith(".mjs")))) await rm(path.join(BUNDLE_CACHE_DIR, file), { force: true });
    }
  });

  it("starts from its sources until its bundle is made, then from the bundle, and again from its sources after a change", async () => {
    const out = (n: number) => path.join(path.dirname(content), `site-${n}`);
    const first = await build(out(1));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/the CLI starts from its sources, through tsx/);
    expect(first.stderr).toMatch(/main\.ts compiled from \d+ files/);

    const second = await build(out(2));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/the CLI starts from main-[0-9a-f]+-[0-9a-f]+\.mjs/);
    // Eleventy reads the compiled configuration too: nothing in the build goes through tsx.
    expect(second.stderr).toMatch(/Eleventy's configuration: \.eleventy-[0-9a-f]+-[0-9a-f]+\.mjs/);
    const [a, b] = [await hashTree(out(1)), await hashTree(out(2))];
    expect(b).toEqual(a);

    const main = path.join(project, "src/cli/main.ts");
    await writeFile(main, `${await readFile(main, "utf8")}\n// A change to a source.\n`);
    const third = await build(out(3));
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/the CLI starts from its sources, through tsx/);
    expect(await hashTree(out(3))).toEqual(a);
  }, 240_000);

  it("renders with the code it loaded until it stops: a template edited while it watches is built after it", async () => {
    const out = path.join(path.dirname(content), "site-watched");
    const watcher = spawn(process.execPath, [path.join(project, "bin/broadsheet.js"), "build", "--watch", "--content", content, "--out", out], {
      cwd: project,
      env: { ...process.env, CI: "true" },
    });
    let output = "";
    watcher.stdout.on("data", (d: Buffer) => (output += d.toString()));
    watcher.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => watcher.on("close", () => resolve()));
    const builds = async (count: number) => {
      while ((output.match(/^watching /gm)?.length ?? 0) < count) {
        if (watcher.exitCode !== null) throw new Error(output);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await builds(1);
      const shell = path.join(project, "templates/shell.ts");
      await writeFile(shell, (await readFile(shell, "utf8")).replace('<footer class="site-footer">', '<footer class="site-footer"><p>Edited while watching</p>'));
      const seed = path.join(content, "raw", `${SEED}.txt`);
      await writeFile(seed, `${(await readFile(seed, "utf8")).trimEnd()} A sentence added while watching.\n`);
      await builds(2);
    } finally {
      watcher.kill("SIGINT");
      await exited;
    }
    const home = () => readFile(path.join(out, "index.html"), "utf8");
    // The watcher's build rendered with the templates it started with, and did not count the edit as built.
    expect(await home()).not.toContain("Edited while watching");
    const after = await build(out);
    expect(after.code, after.stderr).toBe(0);
    expect(await home()).toContain("Edited while watching");
  }, 240_000);
});
