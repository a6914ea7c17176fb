// The Pagefind index (src/site/pagefind-index.ts) over the fixture site written to disk: only article
// pages are indexed, with the person, organisation, place and year filters.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex } from "../../src/site/index.ts";
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

describe("buildSearchIndex", () => {
  it("indexes the article pages only, with filters, into <site>/pagefind", async () => {
    const summary = await buildSearchIndex({ siteDir: out, pathPrefix: "/news/" });
    expect(summary.outputPath).toBe(path.join(out, "pagefind"));
    const entry = JSON.parse(await readFile(path.join(out, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(4);
    expect((await readdir(path.join(out, "pagefind", "filter"))).length).toBeGreaterThan(0);
    expect(await readdir(path.join(out, "pagefind"))).toContain("pagefind-ui.js");
  });
});
