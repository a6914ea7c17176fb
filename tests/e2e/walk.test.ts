// Issue 5: a reader's walk through the built site in headless Debian Chromium, at the root and under
// --path-prefix /archive/: home → seed article → Xavier Becerra → search "Homan" → dark theme → 375 px wide.
// Screenshots go to test-results/e2e/ (gitignored; CI keeps them as artifacts).
import { beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, watchPage } from "../support/browser.ts";
import { buildSite } from "../support/build-site.ts";
import { backgroundOf, screenshot, sidewaysOverflow } from "../support/page-checks.ts";
import { SEED_HEADLINE } from "../support/site-pages.ts";
import { startStaticServer } from "../support/static-server.ts";

const BECERRA_QUOTES = ["It’s important, given these rumors", "We will prosecute those who violate the law"];
const skip = browserSkipReason();

describe.skipIf(skip !== undefined)(skip ?? "the reader's walk in Chromium", () => {
  beforeAll(async () => {
    await Promise.all([buildSite({ pathPrefix: "/" }), buildSite({ pathPrefix: "/archive/" })]);
  });

  it.each(["/", "/archive/"])("works on the site built with path prefix %s", async (pathPrefix) => {
    const site = await buildSite({ pathPrefix });
    const server = await startStaticServer({ root: site.out, pathPrefix });
    const browser = await launchBrowser();
    const folder = `e2e/walk${pathPrefix === "/" ? "-root" : pathPrefix.replace(/\/$/, "").replace(/\//g, "-")}`;
    try {
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      const visited: { name: string; url: string }[] = [];
      const visit = async (name: string): Promise<void> => {
        await page.waitForLoadState("load");
        expect(new URL(page.url()).pathname.startsWith(pathPrefix), `${page.url()} left the path prefix ${pathPrefix}`).toBe(true);
        visited.push({ name, url: page.url() });
        await screenshot(page, folder, `${String(visited.length).padStart(2, "0")}-${name}`);
      };

      // 1. Home, then older pages to the last, which sends undated articles such as the seed to /undated/.
      await page.goto(server.baseUrl);
      await visit("home");
      for (let pageNumber = 2; ; pageNumber += 1) {
        const older = page.locator("main a[rel=next]").first();
        if ((await older.count()) === 0) break;
        expect(pageNumber, "the home pages never end").toBeLessThan(20);
        await older.click();
        await visit(`home-page-${pageNumber}`);
      }
      await page.locator("main").getByRole("link", { name: "Undated", exact: true }).click();
      await visit("undated");
      const seedLink = page.getByRole("link", { name: SEED_HEADLINE, exact: true }).first();
      expect(await seedLink.isVisible(), "the seed article is not on /undated/").toBe(true);

      // 2. The seed article.
      await seedLink.click();
      await expect.poll(() => page.locator("h1").first().textContent()).toBe(SEED_HEADLINE);
      await visit("seed-article");

      // 3. Xavier Becerra's page lists the seed article and his quote.
      await page.locator("main").getByRole("link", { name: "Xavier Becerra", exact: true }).first().click();
      await expect.poll(() => page.locator("h1").first().textContent()).toContain("Xavier Becerra");
      await visit("xavier-becerra");
      await expect(page.getByRole("link", { name: SEED_HEADLINE, exact: true }).count()).resolves.toBeGreaterThan(0);
      const mainText = (await page.locator("main").textContent()) ?? "";
      expect(
        BECERRA_QUOTES.some((quote) => mainText.includes(quote)),
        `Becerra's page quotes none of: ${BECERRA_QUOTES.join(" / ")}`,
      ).toBe(true);

      // 4. Search (public/js/search.js) for "Homan": the results include the seed article.
      await page.getByRole("navigation").getByRole("link", { name: "Search", exact: true }).click();
      await visit("search");
      const box = page.getByRole("searchbox", { name: "Search the archive" });
      await box.waitFor({ state: "visible", timeout: 15_000 });
      await box.fill("Homan");
      await page.getByRole("link", { name: SEED_HEADLINE }).first().waitFor({ state: "visible", timeout: 15_000 });
      // The filters come once the results are shown (their indexes load after).
      await page.locator(".search-filters").waitFor({ state: "visible", timeout: 15_000 });
      visited.pop(); // the search page again, now with results
      await visit("search-homan");
      const result = await page.getByRole("link", { name: SEED_HEADLINE }).first().getAttribute("href");
      expect(new URL(result ?? "", page.url()).pathname.startsWith(pathPrefix), `search result ${result} ignores the prefix`).toBe(true);

      // 5. Dark theme on every visited page: the background really changes; then 375 px: nothing overflows sideways.
      for (const { name, url } of visited) {
        await page.emulateMedia({ colorScheme: "light" });
        await page.goto(url);
        const light = await backgroundOf(page);
        await page.emulateMedia({ colorScheme: "dark" });
        const dark = await backgroundOf(page);
        expect(dark, `${name}: the background stays ${light} in the dark theme`).not.toBe(light);
        await screenshot(page, folder, `dark-${name}`);
      }
      await page.setViewportSize({ width: 375, height: 812 });
      for (const { name, url } of visited) {
        await page.goto(url);
        if (name === "search-homan") {
          await page.getByRole("searchbox", { name: "Search the archive" }).fill("Homan");
          await page.getByRole("link", { name: SEED_HEADLINE }).first().waitFor({ state: "visible", timeout: 15_000 });
          await page.locator(".search-filters").waitFor({ state: "visible", timeout: 15_000 });
        }
        const overflow = await sidewaysOverflow(page);
        expect(overflow.scrollWidth, `${name} at 375 px scrolls sideways: ${overflow.widest}`).toBeLessThanOrEqual(overflow.clientWidth);
        await screenshot(page, folder, `375-dark-${name}`);
      }

      expect(problems.errors, "console errors, failed requests or HTTP errors during the walk").toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});

