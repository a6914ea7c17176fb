// #6 target 6 (progress on a terminal, quiet in CI) for the render stage: the progress line counts pages
// (src/site/page-progress.ts) up to every page of the site, in one in-process Eleventy run and across the
// processes of a sharded render; with progress off (CI, or no terminal) nothing is drawn.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RENDER_SHARDS_ENV } from "../../src/cli/render-shards.ts";
import { renderSite } from "../../src/cli/render-site.ts";
import { Reporter } from "../../src/cli/reporter.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

const SITE_FIXTURE = path.join(PROJECT_ROOT, "tests/site/fixtures/content");
const PUBLIC = path.join(PROJECT_ROOT, "public");

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "broadsheet-progress-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Renders the fixture with `shards` ("1": in process) and returns what the reporter drew, and the output folder. */
async function renderCapturing(shards: string, progress: boolean): Promise<{ drawn: string; out: string }> {
  let drawn = "";
  const stream = { write: (text: string) => ((drawn += text), true), isTTY: true } as unknown as NodeJS.WriteStream;
  const out = await mkdtemp(path.join(tmp, `out-${shards}-`));
  const before = process.env[RENDER_SHARDS_ENV];
  process.env[RENDER_SHARDS_ENV] = shards;
  try {
    await renderSite({ contentDir: SITE_FIXTURE, outDir: out, pathPrefix: "/", search: false }, new Reporter({ stream, progress }));
  } finally {
    if (before === undefined) delete process.env[RENDER_SHARDS_ENV];
    else process.env[RENDER_SHARDS_ENV] = before;
  }
  return { drawn, out };
}

async function filesUnder(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
}

/** The render stage's progress lines, as [done, total], in the order they were drawn. */
function renderLines(drawn: string): [number, number][] {
  const lines = drawn.split("\r").map((l) => l.replace(/\x1b\[K/g, "").trim());
  return lines.flatMap((line) => {
    const m = /^render: (\d+)\/(\d+)(?: \(\d+\/s, \d+ s left\))?$/.exec(line);
    return m ? [[Number(m[1]), Number(m[2])] as [number, number]] : [];
  });
}

describe.each([
  { name: "one in-process Eleventy run", shards: "1" },
  { name: "a render in three shard processes", shards: "3" },
])("render progress of $name", ({ shards }) => {
  it("counts every page the run writes, up to the site's page count, never backwards", async () => {
    const { drawn, out } = await renderCapturing(shards, true);
    const lines = renderLines(drawn);
    expect(lines.length, drawn.slice(0, 300)).toBeGreaterThan(0);
    // Eleventy's outputs: everything written but public/ (copied through) — here no search index.
    const pages = (await filesUnder(out)) - (await filesUnder(PUBLIC));
    expect(pages).toBeGreaterThan(50);
    for (const [, total] of lines) expect(total).toBe(pages);
    expect(lines.at(-1)).toEqual([pages, pages]);
    const counts = lines.map(([done]) => done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  }, 180_000);

  it("draws nothing when progress is off", async () => {
    const { drawn } = await renderCapturing(shards, false);
    expect(drawn).not.toMatch(/render:|\r/);
  }, 180_000);
});
