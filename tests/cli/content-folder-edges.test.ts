// #7: a content folder with no articles gives an empty but valid site; symlinks leaving it are not followed.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { scratchDir } from "../support/scratch-dirs.ts";

async function scratch(): Promise<string> {
  return scratchDir("broadsheet-edges-");
}

describe("content folder edge cases", () => {
  it("builds an empty but valid site from a content folder with 0 articles", async () => {
    const dir = await scratch();
    await mkdir(path.join(dir, "content"));
    const result = await runCli(["build", "--content", path.join(dir, "content"), "--out", path.join(dir, "_site"), "--no-search"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const home = await readFile(path.join(dir, "_site/index.html"), "utf8");
    expect(home).toMatch(/^<!doctype html>/i);
    expect(home).toContain("<main");
    expect(existsSync(path.join(dir, "_site/feed.xml"))).toBe(true);
    expect(existsSync(path.join(dir, "_site/sitemap.xml"))).toBe(true);
    const api = JSON.parse(await readFile(path.join(dir, "_site/api/articles.json"), "utf8")) as { total: number; files: unknown[] };
    expect(api).toMatchObject({ total: 0, files: [] });
  });

  it("does not follow a symlink that points outside the content folder, and says so", async () => {
    const dir = await scratch();
    const outside = path.join(dir, "outside");
    await mkdir(outside);
    await writeFile(path.join(outside, "secret.txt"), "Secret headline\n\nThis text lives outside the content folder.\n");
    await mkdir(path.join(dir, "content/raw"), { recursive: true });
    await writeFile(path.join(dir, "content/raw/inside.txt"), "Inside headline\n\nThis text is an ordinary article.\n");
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "content/raw/linked.txt"));
    // A link to another file inside the folder is fine.
    await symlink(path.join(dir, "content/raw/inside.txt"), path.join(dir, "content/raw/alias.txt"));
    const result = await runCli(["build", "--content", path.join(dir, "content"), "--out", path.join(dir, "_site"), "--no-search"]);
    expect(result.stderr).toMatch(/warning: .*raw\/linked\.txt: is a symbolic link to a place outside the content folder/);
    const articles = await readdir(path.join(dir, "content/articles"));
    const texts = await Promise.all(articles.map((a) => readFile(path.join(dir, "content/articles", a), "utf8")));
    expect(texts.some((t) => t.includes("Secret headline"))).toBe(false);
    expect(texts.filter((t) => t.includes("Inside headline")).length).toBe(2);
  });
});
