// The generator fingerprint (`broadsheet.extractor` of every article): it changes with the code that writes an
// article and the packages that code names, and with nothing else — a new dependency of the site must not
// re-enrich an archive of 10⁶ articles (#6) — and the bundled articles carry the current one, so that a fresh
// clone's `npm run build` leaves every tracked file as it is (#2).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatorFingerprint } from "../../src/cli/generator-fingerprint.ts";
import { scratchDir } from "../support/scratch-dirs.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content/articles");

/** A scratch project: one generator file naming "named-pkg", and two dependencies at these versions. */
async function project(versions: { named: string; other: string }, code = 'import x from "named-pkg";\n'): Promise<string> {
  const root = await scratchDir();
  await mkdir(path.join(root, "src/enrich"), { recursive: true });
  await writeFile(path.join(root, "src/enrich/a.ts"), code);
  await writeFile(path.join(root, "package.json"), JSON.stringify({ dependencies: { "named-pkg": "*", "other-pkg": "*" } }));
  const packages = { "node_modules/named-pkg": { version: versions.named }, "node_modules/other-pkg": { version: versions.other } };
  await writeFile(path.join(root, "package-lock.json"), JSON.stringify({ packages }));
  return root;
}

describe("generatorFingerprint", () => {
  it("follows the generator's code and the packages it names, not the others", async () => {
    const base = await generatorFingerprint(await project({ named: "1.0.0", other: "1.0.0" }));
    expect(await generatorFingerprint(await project({ named: "1.0.0", other: "2.0.0" }))).toBe(base);
    expect(await generatorFingerprint(await project({ named: "1.0.1", other: "1.0.0" }))).not.toBe(base);
    expect(await generatorFingerprint(await project({ named: "1.0.0", other: "1.0.0" }, 'import x from "named-pkg";\n// changed\n'))).not.toBe(base);
    // Named as data ("pkg/data/file.json") counts as well as an import.
    const asData = await generatorFingerprint(await project({ named: "1.0.0", other: "1.0.0" }, 'load(`named-pkg/data/x.json`);\n'));
    expect(await generatorFingerprint(await project({ named: "9.9.9", other: "1.0.0" }, 'load(`named-pkg/data/x.json`);\n'))).not.toBe(asData);
  });

  it("is the one every bundled article was generated with (else run `npm run build` and commit content/articles)", async () => {
    const current = await generatorFingerprint();
    const names = (await readdir(CONTENT)).filter((name) => name.endsWith(".md"));
    expect(names.length).toBeGreaterThan(100);
    const stale: string[] = [];
    for (const name of names) {
      const extractor = /^ {2}extractor: (.+)$/m.exec(await readFile(path.join(CONTENT, name), "utf8"))?.[1];
      if (extractor !== current) stale.push(`${name}: ${extractor}`);
    }
    expect(stale, `generated with another generator than ${current}`).toEqual([]);
  });
});
