// Issue 5: axe-core reports 0 violations on the home page, an article, an entity page, a type index, the date
// archive and search (with results showing) — and on every other kind of page — in the light and dark themes.
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, type Browser } from "../support/browser.ts";
import { buildSite } from "../support/build-site.ts";
import { classifyPages, pickRepresentatives, REQUIRED_KINDS, type PageKind } from "../support/site-pages.ts";
import { urlPathOf } from "../support/site-urls.ts";
import { startStaticServer, type StaticServer } from "../support/static-server.ts";

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)(skip ?? "accessibility (axe-core)", () => {
  let browser: Browser;
  let server: StaticServer;
  let pages: Map<PageKind, { file: string }>;

  beforeAll(async () => {
    const site = await buildSite();
    pages = pickRepresentatives(await classifyPages(site.out));
    server = await startStaticServer({ root: site.out });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("axe itself reports a violation on a page that has one", async () => {
    const fixture = await startStaticServer({ root: join(import.meta.dirname, "..", "quality", "fixtures", "invalid-html") });
    const page = await browser.context.newPage();
    try {
      await page.goto(fixture.baseUrl);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => v.id)).toContain("image-alt");
    } finally {
      await page.close();
      await fixture.close();
    }
  });

  const cases = REQUIRED_KINDS.flatMap((kind) => (["light", "dark"] as const).map((scheme) => [kind, scheme] as const));
  it.each(cases)("%s page, %s theme: 0 violations", async (kind, scheme) => {
    const chosen = pages.get(kind);
    expect(chosen, `the site has no ${kind} page`).toBeDefined();
    const page = await browser.context.newPage();
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(new URL(urlPathOf(chosen?.file ?? "", "/").slice(1), server.baseUrl).href);
      if (kind === "search") {
        // Check the search page with its results showing, as a reader sees it.
        const box = page.getByRole("searchbox", { name: "Search the archive" });
        await box.waitFor({ state: "visible", timeout: 15_000 });
        await box.fill("Becerra");
        await page.locator("main a[href*='/articles/']").first().waitFor({ state: "visible", timeout: 15_000 });
        // Open the filter groups too, so their checkboxes are checked (they come once the results are shown).
        await page.locator("details:not([hidden]) > summary").first().waitFor({ state: "visible", timeout: 15_000 });
        for (const summary of await page.locator("details:not([hidden]) > summary").all()) await summary.click();
        await page.locator("main input[type=checkbox]").first().waitFor({ state: "visible" });
      }
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map(
        (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`,
      );
      expect(violations, `${chosen?.file}`).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
