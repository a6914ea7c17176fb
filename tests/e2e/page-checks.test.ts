// The browser checks of the walk must be able to fail: a page that overflows at 375 px and a page that keeps
// its background in the dark theme are caught.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, watchPage, type Browser } from "../support/browser.ts";
import { backgroundOf, sidewaysOverflow } from "../support/page-checks.ts";
import { startStaticServer, type StaticServer } from "../support/static-server.ts";

const skip = browserSkipReason();

describe.skipIf(skip !== undefined)(skip ?? "the walk's page checks", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root: join(import.meta.dirname, "fixtures", "page-checks") });
    browser = await launchBrowser({ viewport: { width: 375, height: 700 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("catch sideways overflow, a fixed light background in dark mode, and a missing file", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}wide.html`);
    const overflow = await sidewaysOverflow(page);
    expect(overflow.scrollWidth).toBeGreaterThan(overflow.clientWidth);
    expect(overflow.widest).toMatch(/table/);
    const light = await backgroundOf(page);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await backgroundOf(page)).toBe(light);
    await page.goto(`${server.baseUrl}missing.html`);
    expect(problems.errors.join("\n")).toMatch(/HTTP 404/);
    await page.close();
  });
});
