import AxeBuilder from "@axe-core/playwright";
import { startStaticServer } from "./tests/support/static-server.ts";
import { launchBrowser } from "./tests/support/browser.ts";
const [root, prefix = "/"] = process.argv.slice(2);
const server = await startStaticServer({ root: root!, pathPrefix: prefix });
const pages = ["", "articles/northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report/", "people/xavier-becerra/", "people/", "archive/", "archive/2009/03/", "undated/", "search/?q=Becerra", "404.html"];
for (const scheme of ["light", "dark"] as const) {
  const browser = await launchBrowser({ colorScheme: scheme, viewport: { width: 375, height: 800 } });
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  for (const p of pages) {
    await page.goto(server.baseUrl + p);
    if (p.startsWith("search")) await page.waitForSelector(".pagefind-ui__result", { timeout: 5000 }).catch(() => console.log("no search results"));
    const r = await new AxeBuilder({ page }).analyze();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(scheme, p, "violations:", r.violations.map((v) => `${v.id}(${v.nodes.length}): ${v.nodes.slice(0,2).map(n=>n.target.join(" ")).join(" | ")}`).join("; ") || 0, overflow ? "OVERFLOW" : "");
  }
  if (errors.length) console.log("console errors", errors);
  await browser.close();
}
await server.close();
