// The build command end to end on a small content folder: idempotence, the hand-edit rule, exit codes.
import { readdir, readFile, writeFile, stat } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { copyFixture, runCli, spawnCli } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");
const SEED_SLUG = "northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report";

describe("broadsheet build", () => {
  let dir: string;
  let content: string;
  let out: string;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dir = await copyFixture(FIXTURE);
    content = path.join(dir, "content");
    out = path.join(dir, "_site");
    first = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
  });

  it("writes one Markdown file per raw article and the site", async () => {
    expect(first.stderr).not.toMatch(/^error/m);
    expect(first.code).toBe(0);
    const articles = (await readdir(path.join(content, "articles"))).filter((f) => f.endsWith(".md"));
    expect(articles).toContain(`${SEED_SLUG}.md`);
    expect(articles.length).toBe(3);
    const seed = await readFile(path.join(content, "articles", `${SEED_SLUG}.md`), "utf8");
    expect(seed).toContain("took office. ICE officials");
    const body = seed.slice(seed.indexOf("\n---\n") + 5);
    expect(body).not.toContain("READ MORE");
    expect(body).toContain("Oakland Mayor Libby Schaaf told reporters");
    expect(seed).not.toMatch(/^date:/m);
    await expect(stat(path.join(out, "index.html"))).resolves.toBeTruthy();
  });

  it("writes nothing the second time, and the site is byte-identical", async () => {
    // All but the parse cache, which may rewrite an entry that was racy (its file changed within 2 s of being
    // recorded) once the file is older: on a loaded machine the second build starts that much later.
    const hashAll = async () => new Map([...(await hashTree(dir))].filter(([file]) => !file.split(path.sep).join("/").includes(".broadsheet/article-cache/")));
    const before = await hashAll();
    const mtimes = await Promise.all((await readdir(path.join(content, "articles"))).map(async (f) => (await stat(path.join(content, "articles", f))).mtimeMs));
    const second = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/0 enriched, 0 written/);
    const after = await hashAll();
    expect(after).toEqual(before);
    const mtimesAfter = await Promise.all((await readdir(path.join(content, "articles"))).map(async (f) => (await stat(path.join(content, "articles", f))).mtimeMs));
    expect(mtimesAfter).toEqual(mtimes);
  });

  it("keeps a hand-edited article when its raw source changes, and warns naming both files", async () => {
    const md = path.join(content, "articles", `${SEED_SLUG}.md`);
    const edited = (await readFile(md, "utf8")).replace("Law enforcement officials from Northern California", "EDITED BY HAND officials");
    await writeFile(md, edited);
    const raw = path.join(content, "raw", "000_f383523450ecae10.txt");
    await writeFile(raw, `${await readFile(raw, "utf8")}\n\nA new paragraph from the wire.\n`);
    const result = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(await readFile(md, "utf8")).toBe(edited);
    expect(result.stderr).toMatch(new RegExp(`warning: .*articles/${SEED_SLUG}\\.md: was edited by hand, and its source .*raw/000_f383523450ecae10\\.txt has changed`));
    const page = await readFile(path.join(out, "articles", SEED_SLUG, "index.html"), "utf8").catch(async () =>
      readFile(path.join(out, SEED_SLUG, "index.html"), "utf8"),
    );
    expect(page).toContain("EDITED BY HAND");
  });

  it("exits 1 and names the file when an article is left out, and still builds the others", async () => {
    await writeFile(path.join(content, "raw", "empty.txt"), "");
    const result = await runCli(["build", "--content", content, "--out", out, "--no-search"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*raw\/empty\.txt/);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace without --debug
    expect((await readdir(path.join(content, "articles"))).filter((f) => f.endsWith(".md")).length).toBe(3);
  });
});

describe("usage errors", () => {
  it.each([[["nonsense"]], [["build", "--bogus"]], [[]], [["extract"]]])("exit 2 for %j", async (argv) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: broadsheet/);
  });

  it.each(["build", "extract", "serve"])("%s --help prints its usage and exits 0", async (command) => {
    const result = await runCli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: broadsheet ${command}`);
  });
});

describe("broadsheet build, read by a reader that stops reading", () => {
  it("runs to its end and exits 0, the site complete (`broadsheet build 2>&1 | head -1`)", async () => {
    const dir = await copyFixture(FIXTURE);
    const out = path.join(dir, "_site");
    const { child, done } = spawnCli(["build", "--content", path.join(dir, "content"), "--out", out]);
    // The reader goes after the first line: every later write meets a closed pipe (EPIPE).
    child.stderr.once("data", () => {
      child.stderr.destroy();
      child.stdout.destroy();
    });
    const { code } = await done;
    expect(code).toBe(0);
    await expect(stat(path.join(out, "index.html"))).resolves.toBeTruthy();
    await expect(stat(path.join(out, "pagefind", "pagefind.js"))).resolves.toBeTruthy();
  }, 120_000);
});
