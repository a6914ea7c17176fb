// Sharded rendering (issue 6): a site rendered by several Eleventy processes, each writing its slice of
// the pages, is byte-identical to one rendered by a single in-process Eleventy run, with every page
// written by exactly one shard; and a shard's failure fails the build with the problem named.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { format } from "node:util";
import createDebug from "debug";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteBuildError } from "../../src/errors.ts";
import { RENDER_SHARDS_ENV, removeAbandonedShardData, renderInShards, shardWaves } from "../../src/cli/render-shards.ts";
import { renderSite } from "../../src/cli/render-site.ts";
import { Reporter } from "../../src/cli/reporter.ts";
import { hashTree } from "../../bench/hash-tree.ts";
import { runningChildren } from "../support/child-processes.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

const SITE_FIXTURE = path.join(PROJECT_ROOT, "tests/site/fixtures/content");
const BUNDLED = path.join(PROJECT_ROOT, "content");
const PUBLIC = path.join(PROJECT_ROOT, "public");

const quiet = (): Reporter => new Reporter({ stream: { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream, progress: false });

/** renderSite with RENDER_SHARDS_ENV set for the call ("1": one in-process run). */
async function render(contentDir: string, outDir: string, shards: string, pathPrefix = "/"): Promise<number> {
  const before = process.env[RENDER_SHARDS_ENV];
  process.env[RENDER_SHARDS_ENV] = shards;
  try {
    return await renderSite({ contentDir, outDir, pathPrefix, search: false }, quiet());
  } finally {
    if (before === undefined) delete process.env[RENDER_SHARDS_ENV];
    else process.env[RENDER_SHARDS_ENV] = before;
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "broadsheet-shards-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe.each([
  { name: "the site fixture under a path prefix", content: SITE_FIXTURE, shards: 3, prefix: "/news/" },
  { name: "the bundled content", content: BUNDLED, shards: 2, prefix: "/" },
])("sharded render of $name", ({ content, shards, prefix }) => {
  let single: Map<string, string>;
  let sharded: Map<string, string>;
  let pagesBySharding: number | undefined;

  beforeAll(async () => {
    const one = await mkdtemp(path.join(tmp, "single-"));
    const many = await mkdtemp(path.join(tmp, "sharded-"));
    await render(content, one, "1", prefix);
    single = await hashTree(one);
    const result = await renderInShards({ contentDir: content, outDir: many, pathPrefix: prefix }, { [RENDER_SHARDS_ENV]: String(shards) });
    expect(result?.shards).toBe(shards);
    pagesBySharding = result?.pages;
    sharded = await hashTree(many);
  }, 180_000);

  it("writes byte-identical files to one in-process Eleventy run", () => {
    expect(single.size).toBeGreaterThan(20);
    const differing = [...new Set([...single.keys(), ...sharded.keys()])].filter((f) => single.get(f) !== sharded.get(f));
    expect(differing).toEqual([]);
  });

  it("writes each page from exactly one shard", async () => {
    const copied = (await readdir(PUBLIC, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    expect(pagesBySharding).toBe(single.size - copied);
  });

  it("leaves no step process behind, spares started ahead included", async () => {
    await expect.poll(stepProcesses).toEqual([]);
  });
});

describe("the processes of a sharded render", () => {
  it("render a lane's later shards in the process that rendered its first, and byte-identical to one run", async () => {
    const lines: string[] = [];
    const { log } = createDebug;
    const enabled = createDebug.disable();
    createDebug.log = (...args: unknown[]) => void lines.push(format(...args));
    createDebug.enable("broadsheet:render");
    const out = path.join(tmp, "lanes");
    try {
      expect((await renderInShards({ contentDir: SITE_FIXTURE, outDir: out, pathPrefix: "/" }, { [RENDER_SHARDS_ENV]: "5" }))?.shards).toBe(5);
    } finally {
      createDebug.log = log;
      createDebug.enable(enabled);
    }
    const shards = lines.filter((line) => / rendered in \d+ms/.test(line));
    expect(shards).toHaveLength(5);
    // One process per lane (one lane per core, at most 2 here): the rest reuse it.
    const lanes = Math.min(2, os.availableParallelism());
    expect(shards.filter((line) => line.includes("by this lane's process"))).toHaveLength(5 - lanes);
    const single = path.join(tmp, "lanes-single");
    await render(SITE_FIXTURE, single, "1");
    expect(await hashTree(out)).toEqual(await hashTree(single));
    await expect.poll(stepProcesses).toEqual([]);
  }, 180_000);
});

describe("a failing shard", () => {
  it("fails the build with a SiteBuildError naming the problem", async () => {
    const content = path.join(tmp, "broken");
    await cp(SITE_FIXTURE, content, { recursive: true });
    // Read by each shard's Eleventy, not by the parent: the error has to come back from a shard process.
    await writeFile(path.join(content, "_data", "site.json"), "{ not json");
    const failure = render(content, path.join(tmp, "broken-out"), "2");
    await expect(failure).rejects.toBeInstanceOf(SiteBuildError);
    await expect(failure).rejects.toThrow(/site\.json/);
    await expect.poll(stepProcesses).toEqual([]);
  }, 120_000);
});

/** Step processes of a sharded render (render-shard-process.js) started by this test file and still running. */
function stepProcesses(): Promise<number[]> {
  return runningChildren((command) => command.includes("render-shard-process"));
}

describe("the shard override", () => {
  it("rejects a value that is not a number of shards", async () => {
    await expect(renderInShards({ contentDir: SITE_FIXTURE, outDir: path.join(tmp, "unused"), pathPrefix: "/" }, { [RENDER_SHARDS_ENV]: "many" })).rejects.toThrow(
      /BROADSHEET_RENDER_SHARDS=many/,
    );
  });

  it("leaves a small archive to one in-process run", async () => {
    await expect(renderInShards({ contentDir: SITE_FIXTURE, outDir: path.join(tmp, "unused"), pathPrefix: "/" }, {})).resolves.toBeUndefined();
  });
});

describe("the order of shards", () => {
  it("runs the shard of the one-off pages alone first in a large archive, and every shard once", () => {
    expect(shardWaves(4, true)).toEqual([[0], [1, 2, 3]]);
    expect(shardWaves(4, false)).toEqual([[0, 1, 2, 3]]);
    expect(shardWaves(1, true)).toEqual([[0]]);
  });
});

describe("shard data left by a killed build", () => {
  it("is removed when its build's process is gone, and kept while it runs", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "shard-data-"));
    try {
      // A process that has ended: its pid names no running process.
      const ended = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => ended.on("exit", resolve));
      const names = [`broadsheet-shards-${ended.pid}-abc123`, `broadsheet-shards-${process.pid}-def456`, "broadsheet-shards-Legacy", "other-folder"];
      for (const name of names) {
        await mkdir(path.join(tmp, name));
        await writeFile(path.join(tmp, name, "records.v8"), "data");
      }
      await removeAbandonedShardData(tmp);
      expect((await readdir(tmp)).sort()).toEqual(names.slice(1).sort());
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
