// Issue 6: builds through the article parse cache write exactly what builds without it write — the articles
// and the site, cold, after a raw edit, and with a warm cache feeding the render stage — and a hand edit of
// the same size is seen by the next build.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { ARTICLE_CACHE_DIR, ARTICLE_CACHE_ENV } from "../../src/article-cache/index.ts";
import { runCli } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");
const RAW = "raw/000_f383523450ecae10.txt";
const SEED = "articles/northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report.md";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-build-"));
  dirs.push(dir);
  await cp(FIXTURE, path.join(dir, "content"), { recursive: true });
  return dir;
}

async function build(dir: string, out: string, cache: boolean): Promise<void> {
  if (!cache) vi.stubEnv(ARTICLE_CACHE_ENV, "0");
  try {
    const result = await runCli(["build", "--content", path.join(dir, "content"), "--out", path.join(dir, out), "--no-search"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** The articles and the site of a build, by path (the cache folder left out). */
async function outputOf(dir: string, out: string): Promise<Record<string, string>> {
  const articles = await hashTree(path.join(dir, "content/articles"));
  const site = await hashTree(path.join(dir, out));
  return Object.fromEntries([...[...articles].map(([f, h]) => [`articles/${f}`, h]), ...[...site].map(([f, h]) => [`site/${f}`, h])]);
}

afterEach(() => vi.unstubAllEnvs());

describe("builds with the article parse cache (issue 6)", () => {
  it("write byte-identical articles and site to builds without it", async () => {
    const [plain, cached] = await Promise.all([scratch(), scratch()]);

    await build(plain, "_site", false);
    await build(cached, "_site", true);
    expect(await outputOf(cached, "_site")).toEqual(await outputOf(plain, "_site"));
    await expect(readFile(path.join(plain, "content", ARTICLE_CACHE_DIR, "00.v8"))).rejects.toThrow();

    // A raw edit: the sync stage plans from cached facts, the render stage reads cached articles.
    for (const dir of [plain, cached]) {
      await writeFile(path.join(dir, "content", RAW), `${await readFile(path.join(dir, "content", RAW), "utf8")}\nOne more sentence from the wire.\n`);
    }
    await build(plain, "_site", false);
    await build(cached, "_site", true);
    expect(await outputOf(cached, "_site")).toEqual(await outputOf(plain, "_site"));
    expect(await readFile(path.join(cached, "content", SEED), "utf8")).toContain("One more sentence from the wire.");

    // A fresh output folder renders everything again, every article from the warm cache.
    await build(cached, "_site2", true);
    expect(await outputOf(cached, "_site2")).toEqual(await outputOf(plain, "_site"));
  });

  it("sees a hand edit that keeps the file's size", async () => {
    const dir = await scratch();
    await build(dir, "_site", true);
    const file = path.join(dir, "content", SEED);
    const text = await readFile(file, "utf8");
    const edited = text.replace("Law enforcement officials", "Law ENFORCEMENT officials");
    expect(edited.length).toBe(text.length);
    await writeFile(file, edited);
    await build(dir, "_site", true);
    expect(await readFile(file, "utf8")).toBe(edited);
    const page = await readFile(path.join(dir, "_site", SEED.replace(/^articles\/(.*)\.md$/, "articles/$1/index.html")), "utf8");
    expect(page).toContain("Law ENFORCEMENT officials");
  });
});
