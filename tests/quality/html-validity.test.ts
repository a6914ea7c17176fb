// Issue 5: the Nu Html Checker (vnu-jar) reports 0 errors over every kind of generated page.
// All pages go to one Java process (JVM start-up dominates); BROADSHEET_VNU=sample checks one page per kind.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/build-site.ts";
import { classifyPages, pickRepresentatives, type SitePage } from "../support/site-pages.ts";
import { formatVnu, runVnu } from "../support/vnu.ts";

describe("HTML validity (vnu)", () => {
  it("the checker itself reports errors on an invalid page", async () => {
    const root = join(import.meta.dirname, "fixtures", "invalid-html");
    const errors = (await runVnu([join(root, "index.html")], root)).filter((m) => m.type === "error");
    expect(errors.map((e) => e.message).join("\n")).toMatch(/Duplicate ID/);
  });

  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite();
  });

  it("0 errors over the generated pages", async () => {
    const pages = await classifyPages(site.out);
    const chosen: SitePage[] = process.env["BROADSHEET_VNU"] === "sample" ? [...pickRepresentatives(pages).values()] : pages;
    const started = performance.now();
    const messages = await runVnu(chosen.map((p) => join(site.out, p.file)), site.out);
    console.info(`vnu: ${chosen.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const errors = messages.filter((m) => m.type !== "info");
    const kinds = new Set(chosen.map((p) => p.kind));
    expect(kinds.size).toBeGreaterThan(5);
    expect(errors.length, `${errors.length} errors:\n${formatVnu(errors)}`).toBe(0);
  }, 300_000);
});
