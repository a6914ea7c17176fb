// #6: `broadsheet build --watch` builds, then builds again on every change to the content folder — a raw
// article added or edited, a broken settings file reported and the last good site kept — never on its own
// writes, and stops on Ctrl+C. Run as a real process (signals, the launcher's sync worker).
import { existsSync, writeFileSync } from "node:fs";
import { appendFile, cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { copyFixture, runCli } from "../support/run-cli.ts";
import { scratchDir } from "../support/scratch-dirs.ts";
import { spawnWatchingCli, type WatchingCli } from "../support/watching-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");

describe("build --watch", () => {
  let content: string;
  let out: string;
  let cli: WatchingCli;
  const output = () => cli.output();
  const builds = (count: number) => cli.built(count);
  const page = (slug: string) => readFile(path.join(out, "articles", slug, "index.html"), "utf8");

  beforeAll(async () => {
    const dir = await copyFixture(FIXTURE);
    content = path.join(dir, "content");
    out = path.join(dir, "_site");
    cli = spawnWatchingCli(["build", "--watch", "--content", content, "--out", out, "--no-search"]);
    await builds(1);
  });

  afterAll(async () => {
    if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
    await cli.done;
  });

  it("builds the site first", () => {
    expect(output()).toMatch(/^articles: 3 \(3 enriched, 3 written, 0 removed\)$/m);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
  });

  it("puts an added raw article on the site, then an edit of it", async () => {
    const raw = path.join(content, "raw", "watch-added.txt");
    await writeFile(raw, "Harbour Board Approves New Ferry Pier\n\nThe Harbour Board approved a new ferry pier on Tuesday.\n");
    await builds(2);
    expect(output()).toMatch(/raw\/watch-added\.txt changed; building/);
    expect(await page("harbour-board-approves-new-ferry-pier")).toContain("approved a new ferry pier");

    await appendFile(raw, "\nConstruction starts in the spring, the board said.\n");
    await builds(3);
    expect(await page("harbour-board-approves-new-ferry-pier")).toContain("Construction starts in the spring");
    // The seed's three warnings, from the first build, are not told again by the builds after it.
    expect(output().match(/Removed aggregator text/g)).toHaveLength(3);
  });

  it("builds a new raw article and its sidecar once and with both, though the sidecar came first and a while before", async () => {
    const seen = cli.builds();
    // Longer apart than the watcher's quiet time (50 ms): a loaded machine leaves such gaps (seen in CI), and a
    // sidecar without its article is nothing to build yet.
    await writeFile(path.join(content, "raw", "watch-pair.json"), JSON.stringify({ date: "2011-04-05", byline: "Ana Ruiz" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writeFile(path.join(content, "raw", "watch-pair.txt"), "Ferry Timetable Changes for Summer\n\nThe ferry service published its summer timetable.\n");
    await builds(seen + 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(cli.builds(), output()).toBe(seen + 1);
    expect(output().slice(output().lastIndexOf("changed; building") - 200)).toMatch(/raw\/watch-pair\.(json|txt), raw\/watch-pair\.(txt|json) changed; building/);
    const html = await page("ferry-timetable-changes-for-summer");
    expect(html).toContain("2011-04-05");
    expect(html).toContain("Ana Ruiz");
  });

  it("sees an edit to a sidecar alone, though only what its watcher reported is checked again", async () => {
    // Past the racy window of the fixture's files (2 s), and a build that checks them: their entries are then trusted.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await writeFile(path.join(content, "raw", "watch-other.txt"), "Council Opens New Library\n\nThe council opened a new library on Monday.\n");
    await builds(cli.builds() + 1);
    const sidecar = path.join(content, "raw", "wn-gum-news-afghan.json");
    // Saved as an editor saves atomically (written aside, renamed over it): one event. Truncated and then written in
    // place it is two, and on a loaded machine the second came after the build had begun, which then ran again.
    const aside = path.join(path.dirname(content), "sidecar-saved.json");
    await writeFile(aside, (await readFile(sidecar, "utf8")).replace('"date": "2017-07-18"', '"date": "2017-07-19"'));
    await rename(aside, sidecar);
    await builds(cli.builds() + 1);
    const slug = (await readdir(path.join(out, "articles"))).find((name) => name.startsWith("after-visa-snags"))!;
    expect(await page(slug)).toContain("2017-07-19");
  });

  it("does not build again on its own writes", async () => {
    const seen = cli.builds();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(cli.builds(), output()).toBe(seen);
  });

  it("does not build on an event of its own write that comes late: an article file written again with its bytes", async () => {
    const seen = cli.builds();
    const file = path.join(content, "articles", "harbour-board-approves-new-ferry-pier.md");
    await writeFile(file, await readFile(file, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(cli.builds(), output()).toBe(seen);
  });

  it("reports a build that fails, keeps the last good site, and builds again once fixed", async () => {
    const seen = cli.builds();
    const good = await hashTree(out);
    const settings = path.join(content, "_data", "broken.json");
    await mkdir(path.dirname(settings), { recursive: true });
    await writeFile(settings, "{ not json");
    await builds(seen + 1);
    expect(output()).toMatch(/error: .*the previous output was kept/);
    expect(output()).not.toMatch(/^\s+at /m); // no stack trace
    expect(await hashTree(out)).toEqual(good);

    await rm(settings);
    await builds(seen + 2);
    expect(output().slice(output().lastIndexOf("changed; building"))).toMatch(/^site: /m);
  });

  it("leaves the site a one-off build of the same content makes", async () => {
    const fresh = await scratchDir();
    await cp(path.join(content, "raw"), path.join(fresh, "content", "raw"), { recursive: true });
    const built = await runCli(["build", "--content", path.join(fresh, "content"), "--out", path.join(fresh, "_site"), "--no-search"]);
    expect(built.code).toBe(0);
    expect(await hashTree(out)).toEqual(await hashTree(path.join(fresh, "_site")));
  });

  it("stops on Ctrl+C", async () => {
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.done;
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe("build --watch on a content folder that is not there", () => {
  it("exits 2 with what to do, without watching", async () => {
    const dir = await scratchDir();
    const result = await runCli(["build", "--watch", "--content", path.join(dir, "missing"), "--out", path.join(dir, "_site")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/content folder .*missing does not exist\. Pass --content DIR/);
    expect(result.stdout).not.toMatch(/watching/);
  });
});

describe("build --watch, before it watches", () => {
  it("syncs once on its own thread, so that the first change's sync runs warm and checks only what changed", async () => {
    const dir = await copyFixture(FIXTURE);
    const cli = spawnWatchingCli(["build", "--watch", "--content", path.join(dir, "content"), "--out", path.join(dir, "_site"), "--no-search"], {
      env: { DEBUG: "broadsheet:sync" },
    });
    try {
      await cli.built(1);
      const start = cli.output().slice(0, cli.output().search(/^watching /m));
      // After the first build's report, before it says it is watching: the warming sync on the watcher's thread.
      const afterFirst = start.slice(start.search(/^site: /m));
      expect(afterFirst, start).toMatch(/sync stage: .*raw files: /);
    } finally {
      cli.child.kill("SIGINT");
      await cli.done;
    }
  });
});
