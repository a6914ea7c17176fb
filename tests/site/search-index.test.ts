// The Pagefind index the build writes (src/cli/index-search-shards.ts) over the fixture site on disk: only
// article pages are indexed, with the person, organisation, place and year filters; shards are listed for merging.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexSearchShards, SHARD_LIST } from "../../src/cli/index-search-shards.ts";
import { FIXTURE_CONTENT, REPO_ROOT } from "./render-site.ts";

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "broadsheet-site-search-"));
  const { default: Eleventy } = await import("@11ty/eleventy");
  await new Eleventy(FIXTURE_CONTENT, out, { configPath: path.join(REPO_ROOT, ".eleventy.ts"), pathPrefix: "/news/", quietMode: true }).write();
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("indexSearchShards", () => {
  it("indexes the article pages only, with filters, into <site>/pagefind", async () => {
    const result = await indexSearchShards({ siteDir: out });
    expect(result.shards).toHaveLength(1);
    const entry = JSON.parse(await readFile(path.join(out, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(4);
    expect((await readdir(path.join(out, "pagefind", "filter"))).length).toBeGreaterThan(0);
    expect(await readdir(path.join(out, "pagefind"))).toContain("pagefind-ui.js");
    expect(JSON.parse(await readFile(path.join(out, SHARD_LIST), "utf8"))).toEqual({ merge: [] });
  });

  it("splits a large archive into shards that the first one lists for merging", async () => {
    const result = await indexSearchShards({ siteDir: out, shardSize: 2 });
    expect(result.shards.length).toBeGreaterThan(1);
    const { merge } = JSON.parse(await readFile(path.join(out, SHARD_LIST), "utf8")) as { merge: string[] };
    expect(merge).toEqual(result.shards.slice(1).map((_, i) => `../pagefind-${i + 2}/`));
    for (const rel of merge) expect(await readdir(path.join(out, "pagefind", rel))).toContain("pagefind-entry.json");
  });
});
