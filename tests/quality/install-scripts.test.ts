// The brief: no package may download a binary or a browser at install time. npm runs a dependency's install
// script unless package.json's `allowScripts` denies it (npm 12 runs none it does not allow), so every
// dependency with one must be named there, and vnu-jar's (it fetches a Java runtime when the machine has
// none) denied: the HTML checks run vnu.jar on the machine's Java (.ci/run installs it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/build-site.ts";

interface LockedPackage {
  readonly hasInstallScript?: boolean;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockedPackage> };

/** The installed packages whose install scripts npm would run, by name. */
function packagesWithInstallScripts(): string[] {
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length));
}

describe("install scripts", () => {
  it("names every dependency's install script in allowScripts", () => {
    const reviewed = Object.keys(manifest.allowScripts ?? {});
    expect(packagesWithInstallScripts().filter((name) => !reviewed.includes(name))).toEqual([]);
  });

  it("denies vnu-jar's, which downloads a Java runtime", () => {
    expect(packagesWithInstallScripts()).toContain("vnu-jar");
    expect(manifest.allowScripts?.["vnu-jar"]).toBe(false);
  });
});
