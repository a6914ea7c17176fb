// Incremental builds (#6): a build with nothing changed keeps the site as it is (same files, untouched), and
// any change — an edited article — renders the site again, with the change on its page.

import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGeneratedArticles } from "../../bench/generate-articles.ts";
import { hashTree } from "../../bench/hash-tree.ts";
import { manifestPathFor } from "../../src/cli/build-manifest.ts";
import { SHARD_LIST } from "../../src/cli/index-search-shards.ts";
import { RENDER_SHARDS_ENV } from "../../src/cli/render-shards.ts";
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

  it("renders again when the site's settings change, and shows them", async () => {
    await mkdir(path.join(content, "_data"), { recursive: true });
    await writeFile(path.join(content, "_data", "site.json"), JSON.stringify({ title: "The Renamed Gazette" }));
    const again = await build();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/nothing changed/);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain("The Renamed Gazette");
    expect((await build()).stderr).toMatch(/nothing changed/);
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

// An incremental build renders only the pages whose digests changed (src/site/page-digests.ts) and patches
// them into the site. Whatever it skipped must be exactly what a full build writes: after each kind of
// change, the patched site is compared file by file with a full build of the same content into a new folder.
// In-process for a small archive; the same through the child process that large archives use
// (BROADSHEET_RENDER_SHARDS forces it), where the changed pages are rendered in the prepare step, from the
// archive core as in process.
describe.each([
  { mode: "in process", shards: undefined },
  { mode: "in the prepare process of a sharded build", shards: "2" },
])("broadsheet build, patching the site ($mode)", ({ shards }) => {
  let dir: string;
  let shardsBefore: string | undefined;
  let content: string;
  let out: string;
  let fresh = 0;
  const build = (target: string, env?: NodeJS.ProcessEnv) => spawnCli(["build", "--content", content, "--out", target], env ? { env } : {}).done;
  const raw = (n: number) => path.join(content, "raw", `bench-${String(n).padStart(6, "0")}.txt`);

  /** Builds incrementally, then from scratch, and returns the files that differ (expected: none). */
  async function patchAndCompare(env?: NodeJS.ProcessEnv): Promise<{ differing: string[]; stderr: string; files: number }> {
    const patched = await build(out, env);
    expect(patched.code, patched.stderr).toBe(0);
    const full = path.join(dir, `full-${++fresh}`);
    const reference = await build(full);
    expect(reference.code, reference.stderr).toBe(0);
    const [a, b] = [await hashTree(out), await hashTree(full)];
    // Search bundles differ by design: a patch adds a delta bundle instead of indexing the main ones again.
    const searchBundle = (f: string) => /^pagefind/.test(f);
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((f) => !searchBundle(f) && a.get(f) !== b.get(f));
    const manifest = JSON.parse(await readFile(manifestPathFor(out), "utf8")) as { files: number };
    expect(manifest.files).toBe(a.size);
    await rm(full, { recursive: true, force: true });
    return { differing, stderr: patched.stderr, files: a.size };
  }

  beforeAll(async () => {
    shardsBefore = process.env[RENDER_SHARDS_ENV];
    if (shards === undefined) delete process.env[RENDER_SHARDS_ENV];
    else process.env[RENDER_SHARDS_ENV] = shards;
    dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-patch-"));
    content = path.join(dir, "content");
    out = path.join(dir, "site");
    await writeGeneratedArticles(path.join(content, "raw"), { count: 30, seed: 5 });
    const first = await build(out);
    expect(first.code, first.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    if (shardsBefore === undefined) delete process.env[RENDER_SHARDS_ENV];
    else process.env[RENDER_SHARDS_ENV] = shardsBefore;
    await rm(dir, { recursive: true, force: true });
  });

  it("patches an edited article (new sentence, new entity) and leaves other pages untouched", async () => {
    const untouched = path.join(out, "archive", "index.html");
    const pages = [...(await hashTree(out)).keys()].filter((f) => f.startsWith(`articles${path.sep}`));
    const before = new Map(await Promise.all(pages.map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs] as const)));
    await writeFile(raw(7), `${(await readFile(raw(7), "utf8")).trimEnd()}\n\nThe mayor of Springfield, Eleanor Quimby, said the bridge would open in March.\n`);
    const { differing, stderr } = await patchAndCompare();
    expect(stderr).toMatch(/pages rendered/);
    expect(differing).toEqual([]);
    expect(await stat(untouched)).toBeDefined();
    // Search: the edited page is in the recent bundle and listed as stale for the main shards.
    const list = JSON.parse(await readFile(path.join(out, SHARD_LIST), "utf8")) as { deltas?: { bundle?: string; stale: string[] }[] };
    expect(list.deltas?.map((d) => d.bundle)).toEqual(["../pagefind-recent/"]);
    const shards = { stale: list.deltas?.[0]?.stale };
    const edited = [...(await hashTree(out)).keys()].filter((f) => f.startsWith(`articles${path.sep}`));
    const withSentence = [];
    for (const f of edited) if ((await readFile(path.join(out, f), "utf8")).includes("Eleanor Quimby")) withSentence.push(f.split(path.sep).slice(0, 2).join("/") + "/");
    expect(withSentence).toHaveLength(1);
    expect(shards.stale).toContain(withSentence[0]);
    const fragments = await readdir(path.join(out, "pagefind-recent", "fragment"));
    expect(fragments.length).toBeGreaterThan(0);
    const after = await Promise.all(pages.map(async (f) => (await stat(path.join(out, f))).mtimeMs === before.get(f)));
    // Most article pages were not written again: only the edited one and those that show it.
    expect(after.filter((same) => same).length).toBeGreaterThan(pages.length / 2);
  }, 180_000);

  it("leaves the one-off files an edit does not change as they are", async () => {
    const monthOf = async (n: number) => (JSON.parse(await readFile(raw(n).replace(/\.txt$/, ".json"), "utf8")) as { date?: string }).date?.slice(0, 7) ?? "undated";
    const edited = path.join("api", "articles", `${await monthOf(9)}.json`);
    const files = [
      path.join("api", "entities.json"),
      path.join("api", "articles.json"),
      ...(await readdir(path.join(out, "api", "entities"), { recursive: true })).filter((f) => f.endsWith(".json")).map((f) => path.join("api", "entities", f)),
      "sitemap.xml",
      "robots.txt",
      "404.html",
      path.join("search", "index.html"),
    ];
    const mtimes = () => Promise.all(files.map(async (f) => (await stat(path.join(out, f))).mtimeMs));
    const before = await mtimes();
    const articlesApi = await readFile(path.join(out, edited), "utf8");
    // A sentence that names nobody: no entity gains or loses an article, no URL comes or goes.
    await writeFile(raw(9), `${(await readFile(raw(9), "utf8")).trimEnd()}\n\nThe meeting ended late in the evening.\n`);
    const { differing, stderr } = await patchAndCompare({ DEBUG: "broadsheet:site,broadsheet:render" });
    expect(stderr).toMatch(/pages rendered/);
    // The child process that patches was started while the sync stage ran, and opened the core then.
    if (shards !== undefined) expect(stderr).toMatch(/archive core opened before the step came/);
    // Either way the patch starts from the archive core, whose index memo this edit keeps valid
    // (src/archive/index-memo.ts): the site it gives is still the full build's.
    expect(stderr).toMatch(/archive-wide steps reused, 1 articles changed/);
    expect(differing).toEqual([]);
    expect(await mtimes()).toEqual(before);
    // The article's word count is in its month's API file, which is written again.
    expect(await readFile(path.join(out, edited), "utf8")).not.toBe(articlesApi);
  }, 180_000);

  it("patches an added article", async () => {
    await cp(raw(3), raw(31));
    await writeFile(raw(31), `Harbour tolls rise in Springfield\n\n${(await readFile(raw(3), "utf8")).split("\n\n").slice(1).join("\n\n")}`);
    await writeFile(raw(31).replace(/\.txt$/, ".json"), JSON.stringify({ title: "Harbour tolls rise in Springfield", date: "2001-02-03", source: "Wikinews" }));
    const { differing, stderr } = await patchAndCompare();
    expect(stderr).toMatch(/pages rendered/);
    expect(differing).toEqual([]);
  }, 180_000);

  it("patches today's article from what differs since the previous index, and renders few pages", async () => {
    await writeFile(raw(32), `Ferry timetable changes in Springfield\n\n${(await readFile(raw(5), "utf8")).split("\n\n").slice(1).join("\n\n")}`);
    await writeFile(raw(32).replace(/\.txt$/, ".json"), JSON.stringify({ title: "Ferry timetable changes in Springfield", date: "2030-01-01", source: "Wikinews" }));
    const deltaPages = async () => (JSON.parse(await readFile(manifestPathFor(out), "utf8")) as { searchDeltas?: { pages: string[] }[] }).searchDeltas?.flatMap((d) => d.pages) ?? [];
    const deltaBefore = await deltaPages();
    const { differing, stderr, files } = await patchAndCompare({ DEBUG: "broadsheet:site" });
    expect(differing).toEqual([]);
    // Its neighbour and the articles that now list it as related were rendered again for those links only,
    // outside their search record page: the search delta gains today's page alone.
    const deltaAfter = await deltaPages();
    expect(deltaAfter.filter((p) => !deltaBefore.includes(p))).toEqual(["articles/ferry-timetable-changes-in-springfield/index.html"]);
    // Either way the patch starts from the archive core: the index diff (src/archive/index-diff.ts) keeps the
    // digests of the pages that show nothing of the new article.
    expect(stderr).toMatch(/archive-wide steps computed \([^)]*\), \d+ articles and \d+ entities changed/);
    const rendered = Number(/(\d+) pages rendered/.exec(stderr)?.[1]);
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(files / 4);
  }, 180_000);

  it("patches a hand-edited title and a removed article", async () => {
    const articles = path.join(content, "articles");
    const md = path.join(articles, (await readdir(articles)).filter((f) => f.endsWith(".md")).sort()[4]!);
    await writeFile(md, (await readFile(md, "utf8")).replace(/^title: .*$/m, "title: A headline rewritten by an editor"));
    await rm(raw(12));
    await rm(raw(12).replace(/\.txt$/, ".json"), { force: true });
    const { differing, stderr } = await patchAndCompare();
    expect(stderr).toMatch(/pages rendered/);
    expect(stderr).toMatch(/[1-9]\d* removed/);
    expect(differing).toEqual([]);
  }, 180_000);

  it("patches from the articles themselves when the recorded archive core is cut short", async () => {
    const core = manifestPathFor(out).replace(/\.json$/, ".core.v8");
    const bytes = await readFile(core);
    await writeFile(core, bytes.subarray(0, bytes.length >> 1));
    await writeFile(raw(14), `${(await readFile(raw(14), "utf8")).trimEnd()}\n\nThe ferry left on time.\n`);
    const { differing, stderr } = await patchAndCompare({ DEBUG: "broadsheet:site" });
    expect(stderr).toMatch(/pages rendered/);
    expect(stderr).not.toMatch(/archive-wide steps/);
    expect(differing).toEqual([]);
    // The patched site's record holds a whole core again.
    expect((await readFile(core)).length).toBeGreaterThan(bytes.length >> 1);
  }, 180_000);

  it("renders everything when most pages changed", async () => {
    // A new headline renames every article: every page that shows or links one changes.
    for (const name of (await readdir(path.join(content, "raw"))).filter((f) => f.endsWith(".json"))) {
      const file = path.join(content, "raw", name);
      const sidecar = JSON.parse(await readFile(file, "utf8")) as { title: string };
      await writeFile(file, JSON.stringify({ ...sidecar, title: `Update: ${sidecar.title}` }));
    }
    const { differing, stderr } = await patchAndCompare();
    expect(stderr).not.toMatch(/pages rendered/);
    expect(stderr).not.toMatch(/nothing changed/);
    expect(differing).toEqual([]);
  }, 180_000);
});
