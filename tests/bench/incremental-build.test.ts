// Incremental builds (#6): a build with nothing changed keeps the site as it is (same files, untouched), and
// any change — an edited article — renders the site again, with the change on its page.

import { cp, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGeneratedArticles } from "../../bench/generate-articles.ts";
import { hashTree } from "../../bench/hash-tree.ts";
import { manifestPathFor } from "../../src/cli/build-manifest.ts";
import { spawnCli } from "../support/run-cli.ts";

describe("broadsheet build, run again", () => {
  let dir: string;
  let content: string;
  let out: string;
  const build = () => spawnCli(["build", "--content", content, "--out", out]).done;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-incremental-"));
    content = path.join(dir, "content");
    out = path.join(dir, "site");
    await writeGeneratedArticles(path.join(content, "raw"), { count: 12, seed: 11 });
    const first = await build();
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps the site as it is when nothing changed", async () => {
    const before = await hashTree(out);
    const inode = (await stat(out)).ino;
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/nothing changed/);
    expect((await stat(out)).ino).toBe(inode);
    expect(await hashTree(out)).toEqual(before);
    // The manifest lives beside the output, never in it (it would be deployed).
    expect([...before.keys()].filter((f) => f.includes("broadsheet"))).toEqual([]);
    expect(JSON.parse(await readFile(manifestPathFor(out), "utf8")).files).toBe(before.size);
  }, 180_000);

  it("renders again when the output folder was replaced by other means", async () => {
    const moved = `${out}-moved`;
    await rename(out, moved);
    await cp(moved, out, { recursive: true });
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/nothing changed/);
    await rm(moved, { recursive: true, force: true });
  }, 180_000);

  it("renders again when an article changed, and shows the change", async () => {
    const raw = path.join(content, "raw", "bench-000004.txt");
    await writeFile(raw, `${(await readFile(raw, "utf8")).trimEnd()} A sentence added for the incremental test.\n`);
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/nothing changed/);
    const pages = [...(await hashTree(out)).keys()].filter((f) => f.startsWith(`articles${path.sep}`));
    const texts = await Promise.all(pages.map((f) => readFile(path.join(out, f), "utf8")));
    expect(texts.filter((t) => t.includes("A sentence added for the incremental test.")).length).toBe(1);
  }, 180_000);
});
