// #6: a one-off build writes the record of its site (page digests, archive core) under temporary names while
// it finishes the site (stageRecord), and puts it in place only once the site is: a build that fails before
// then leaves the record of the site that stands, and no temporary file.
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { readArchiveCore, readPageDigests, stageRecord } from "../../src/cli/build-manifest.ts";
import { scratchDir } from "../support/scratch-dirs.ts";

const bytes = (text: string) => [new TextEncoder().encode(text)];

describe("stageRecord", () => {
  it("puts the staged digests and core in place, and forgets the core when the site has none", async () => {
    const out = path.join(await scratchDir(), "_site");
    await stageRecord(out, new Map([["index.html", "d1"]]), bytes("core one")).place();
    expect(await readPageDigests(out)).toEqual(new Map([["index.html", "d1"]]));
    expect((await readArchiveCore(out))?.toString()).toBe("core one");

    await stageRecord(out, new Map([["index.html", "d2"]]), undefined).place();
    expect(await readPageDigests(out)).toEqual(new Map([["index.html", "d2"]]));
    expect(await readArchiveCore(out)).toBeUndefined();
    expect(await readdir(path.join(path.dirname(out), ".broadsheet"))).not.toContainEqual(expect.stringMatching(/\.tmp-/));
  });

  it("leaves the record in place untouched, and no temporary file, when discarded", async () => {
    const out = path.join(await scratchDir(), "_site");
    await stageRecord(out, new Map([["index.html", "kept"]]), bytes("kept core")).place();
    const staged = stageRecord(out, new Map([["index.html", "new"]]), bytes("new core"));
    await staged.discard();
    expect(await readPageDigests(out)).toEqual(new Map([["index.html", "kept"]]));
    expect((await readArchiveCore(out))?.toString()).toBe("kept core");
    expect((await readdir(path.join(path.dirname(out), ".broadsheet"))).sort()).toEqual(["_site.core.v8", "_site.pages.json"]);
  });

  it("takes a core held in a file at once, so that its folder may go before the record is placed", async () => {
    const dir = await scratchDir();
    const out = path.join(dir, "_site");
    const file = path.join(dir, "prepared-core.v8");
    await writeFile(file, "core in a file");
    const staged = stageRecord(out, new Map([["index.html", "d3"]]), { file });
    expect(existsSync(file)).toBe(false);
    await staged.place();
    expect((await readArchiveCore(out))?.toString()).toBe("core in a file");

    await writeFile(file, "another core");
    await stageRecord(out, new Map([["index.html", "d4"]]), { file }).discard();
    expect((await readArchiveCore(out))?.toString()).toBe("core in a file");
    expect(await readdir(path.join(dir, ".broadsheet"))).not.toContainEqual(expect.stringMatching(/\.tmp-/));
  });
});
