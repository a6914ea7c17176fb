// #6/#7: an incremental build patches the site in place (patchSiteAtomically): each changed file is moved in,
// what it replaces is kept until the end, and a patch that fails or is killed mid-way is rolled back, so the
// site is either the old one or the new one, never a mix.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashTree } from "../../bench/hash-tree.ts";
import { patchSiteAtomically, recoverInterruptedBuild } from "../../src/cli/write-site-atomically.ts";

let dir: string;
let out: string;

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}

const isBundle = (name: string) => name.startsWith("pagefind");

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-patch-site-"));
  out = path.join(dir, "site");
  await put(out, {
    "index.html": "home v1",
    "articles/a/index.html": "a v1",
    "articles/b/index.html": "b v1",
    "pagefind/pagefind-entry.json": "bundle v1",
    "pagefind/index/old.pf_index": "old chunk",
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("patchSiteAtomically", () => {
  it("replaces and adds files, swaps search bundles whole, removes pages and their empty folders", async () => {
    await patchSiteAtomically(out, async (staging) => {
      await put(staging, { "index.html": "home v2", "articles/c/index.html": "c v1", "pagefind/pagefind-entry.json": "bundle v2" });
      return { remove: ["articles/b/index.html"], wholeFolders: isBundle };
    });
    const files = await hashTree(out);
    expect([...files.keys()].sort()).toEqual(["articles/a/index.html", "articles/c/index.html", "index.html", "pagefind/pagefind-entry.json"].map((f) => f.split("/").join(path.sep)));
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("home v2");
    expect(await readFile(path.join(out, "articles/a/index.html"), "utf8")).toBe("a v1");
    expect(await readdir(path.join(out, "articles"))).toEqual(["a", "c"]);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });

  it("hands over the work after its commit point when asked to: the new site stands before it runs", async () => {
    let tail: Promise<void> | undefined;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const recorded: string[] = [];
    await patchSiteAtomically(
      out,
      async (staging) => {
        await put(staging, { "index.html": "home v2" });
        return {
          remove: ["articles/b/index.html"],
          wholeFolders: isBundle,
          after: async () => {
            await held;
            recorded.push(await readFile(path.join(out, "index.html"), "utf8"));
          },
        };
      },
      { defer: (work) => (tail = work) },
    );
    expect(tail).toBeInstanceOf(Promise);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("home v2");
    expect(recorded).toEqual([]);
    // What the patch replaced is still kept aside until the handed-over work ends.
    expect((await readdir(dir)).some((name) => name.startsWith("site.undo-"))).toBe(true);
    release();
    await tail;
    expect(recorded).toEqual(["home v2"]);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
    expect(await readdir(path.join(out, "articles"))).toEqual(["a"]);
  });

  it("starts the handed-over work only after the caller has gone on: its synchronous steps do not hold back the report", async () => {
    let tail: Promise<void> | undefined;
    let started = false;
    await patchSiteAtomically(
      out,
      async (staging) => {
        await put(staging, { "index.html": "home v2" });
        // As the build's record does: its first steps (an archive core encoded) run before any await.
        return { remove: [], wholeFolders: isBundle, after: async () => void (started = true) };
      },
      { defer: (work) => (tail = work) },
    );
    // The build reports its site a few awaits up the stack.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(started).toBe(false);
    await tail;
    expect(started).toBe(true);
  });

  it("leaves the site as it was when writing the patch fails", async () => {
    const before = await hashTree(out);
    const failing = patchSiteAtomically(out, async (staging) => {
      await put(staging, { "index.html": "home v2" });
      throw new Error("render failed");
    });
    await expect(failing).rejects.toThrow("render failed");
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });

  it("rolls back the files already moved in when moving the others fails", async () => {
    // The site has a file "zz" where the patch needs a folder: its last move fails, after three succeeded.
    await writeFile(path.join(out, "zz"), "a file");
    const before = await hashTree(out);
    const failing = patchSiteAtomically(out, async (staging) => {
      await put(staging, { "articles/a/index.html": "a v2", "articles/new/index.html": "new", "index.html.d/x": "x", "zz/index.html": "z" });
      return { remove: ["articles/b/index.html"], wholeFolders: () => false };
    });
    await expect(failing).rejects.toThrow();
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(out)).not.toContain("index.html.d");
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });
});

describe("recoverInterruptedBuild after a patch was killed", () => {
  it("puts back what was replaced and takes out what was added before the commit point", async () => {
    const before = await hashTree(out);
    // The state a patch leaves when killed after moving two of its three files in.
    const staging = `${out}.tmp-999999`;
    const undo = `${out}.undo-999999`;
    await put(staging, { "articles/c/index.html": "c v1" });
    await put(undo, { "articles/a/index.html": "a v1", ".journal.json": JSON.stringify({ put: ["articles/a/index.html", "articles/new/index.html", "articles/c/index.html"], remove: [], staging: path.basename(staging) }) });
    await put(out, { "articles/a/index.html": "a v2", "articles/new/index.html": "new" });
    await recoverInterruptedBuild(out);
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });

  it("puts back what was replaced from an undo folder that keeps each by its place in the journal", async () => {
    const before = await hashTree(out);
    const staging = `${out}.tmp-999998`;
    const undo = `${out}.undo-999998`;
    await put(staging, { "articles/c/index.html": "c v1" });
    // Killed after replacing a, adding new and moving out b (removed): c not yet moved in.
    const journal = { put: ["articles/a/index.html", "articles/new/index.html", "articles/c/index.html"], remove: ["articles/b/index.html"], staging: path.basename(staging), flat: true };
    await put(undo, { "0": "a v1", "3": "b v1", ".journal.json": JSON.stringify(journal) });
    await rm(path.join(out, "articles/b/index.html"));
    await put(out, { "articles/a/index.html": "a v2", "articles/new/index.html": "new" });
    await recoverInterruptedBuild(out);
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });

  it("keeps a patch that reached its commit point", async () => {
    const undo = `${out}.undo-999999`;
    await put(undo, { "articles/a/index.html": "a v1" });
    await put(out, { "articles/a/index.html": "a v2" });
    await recoverInterruptedBuild(out);
    expect(await readFile(path.join(out, "articles/a/index.html"), "utf8")).toBe("a v2");
    expect((await readdir(dir)).sort()).toEqual(["site"]);
  });
});
