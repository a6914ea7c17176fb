// #7 hand-edited Markdown: every bad file is left out with a message naming it and its line; the rest is built;
// nothing is written outside the output folder.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFixture, runCli, type CliResult } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/bad-markdown");

describe("bad hand-edited Markdown", () => {
  let dir: string;
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    dir = await copyFixture(FIXTURE);
    out = path.join(dir, "_site");
    result = await runCli(["build", "--content", path.join(dir, "content"), "--out", out, "--no-search"]);
  });

  it("exits 1 and still builds the good articles", async () => {
    expect(result.code).toBe(1);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
    const home = await readFile(path.join(out, "index.html"), "utf8");
    expect(home).toContain("A hand-written article");
    expect(home).toContain("Ryanair exercises options on five Boeing 737s");
  });

  it.each([
    ["broken-yaml.md", /\(line 4\): has front matter that is not valid YAML/],
    ["missing-title.md", /field 'title'/],
    ["wrong-types.md", /\(line 4\): field 'wordCount'/],
    ["escaping-slug.md", /\(line 3\): field 'slug' must be lower-case ASCII/],
    ["claims-taken-slug.md", /claims the slug 'good-hand-written'/],
  ])("reports %s by name and leaves it out", async (file, message) => {
    const line = result.stderr.split("\n").find((l) => l.includes(file));
    expect(line, result.stderr).toMatch(/^error: /);
    expect(line).toMatch(message);
    const titles = { "broken-yaml.md": "Broken", "wrong-types.md": "Wrong types", "escaping-slug.md": "Escaping slug", "claims-taken-slug.md": "Claims a taken slug" } as Record<string, string>;
    const title = titles[file];
    if (title) expect(await readFile(path.join(out, "index.html"), "utf8")).not.toContain(`>${title}<`);
  });

  it("writes nothing outside the output folder", async () => {
    expect(existsSync("/tmp/escaped")).toBe(false);
    // .broadsheet/ holds the build manifest, beside the output folder.
    expect((await readdir(dir)).filter((n) => n !== ".broadsheet").sort()).toEqual(["_site", "content"]);
  });

  it("never touches the bad files", async () => {
    for (const name of ["broken-yaml.md", "missing-title.md", "wrong-types.md", "escaping-slug.md", "claims-taken-slug.md"]) {
      expect(await readFile(path.join(dir, "content/articles", name), "utf8")).toBe(await readFile(path.join(FIXTURE, "articles", name), "utf8"));
    }
  });
});
