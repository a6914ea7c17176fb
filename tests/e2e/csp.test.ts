// Issue 7: the site ships a `_headers` file whose Content-Security-Policy every page satisfies (search included),
// and injected <script>, onerror and javascript: in an article never run — checked in Chromium with the header
// served as a host would serve it, and once more with CSP bypassed, so that escaping alone is shown to hold.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSkipReason, launchBrowser, watchPage, type Browser } from "../support/browser.ts";
import { buildSite, type BuiltSite } from "../support/build-site.ts";
import { crawlSite } from "../support/crawl-site.ts";
import { headersFor, parseHeadersFile, type HeaderRule } from "../support/parse-headers.ts";
import { classifyPages, pickRepresentatives } from "../support/site-pages.ts";
import { urlPathOf } from "../support/site-urls.ts";
import { expectNone } from "../support/expect-none.ts";
import { startStaticServer, type StaticServer } from "../support/static-server.ts";

const skip = browserSkipReason();
const INJECTION_CONTENT = join(import.meta.dirname, "fixtures", "injection");

async function readHeaders(site: BuiltSite): Promise<HeaderRule[]> {
  const text = await readFile(join(site.out, "_headers"), "utf8").catch(() => {
    throw new Error(`the build wrote no _headers file in ${site.out}: issue 7 asks for one (from public/_headers) with a Content-Security-Policy`);
  });
  return parseHeadersFile(text);
}

/** Records CSP violations through a binding (bindings are not subject to the page's CSP). */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding("__cspViolation", ({ page: p }, text: string) => void violations.push(`${p.url()}: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${page.url()}: console: ${message.text()}`);
  });
  return violations;
}

describe.skipIf(skip !== undefined)(skip ?? "Content-Security-Policy from _headers", () => {
  let site: BuiltSite;
  let rules: HeaderRule[] = [];
  let headersProblem: string | undefined;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildSite();
    browser = await launchBrowser();
    rules = await readHeaders(site).catch((error: unknown) => {
      headersProblem = (error as Error).message;
      return [];
    });
    server = await startStaticServer({ root: site.out, headersFor: (path) => headersFor(rules, path) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("_headers gives every page a Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval' for scripts", async () => {
    expect(headersProblem, headersProblem).toBeUndefined();
    const policy = headersFor(rules, "/")["Content-Security-Policy"];
    expect(policy, "_headers has no Content-Security-Policy for /").toBeDefined();
    const scriptSrc = directive(policy ?? "", "script-src") ?? directive(policy ?? "", "default-src") ?? "";
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    for (const path of ["/articles/x/", "/search/", "/pagefind/pagefind.js"]) {
      expect(headersFor(rules, path)["Content-Security-Policy"], `no policy for ${path}`).toBe(policy);
    }
  });

  it("the policy is enforced: an inline script added to a page is blocked and reported", async () => {
    expect(headersProblem, headersProblem).toBeUndefined();
    expect(rules.length, "_headers has no rules").toBeGreaterThan(0);
    const page = await browser.context.newPage();
    const violations = await recordViolations(page);
    await page.goto(server.baseUrl);
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await page.close();
  });

  it("no page of any kind breaks the policy, search with results included", async () => {
    expect(headersProblem, headersProblem).toBeUndefined();
    expect(rules.length, "_headers has no rules").toBeGreaterThan(0);
    const representatives = pickRepresentatives(await classifyPages(site.out));
    const page = await browser.context.newPage();
    const violations = await recordViolations(page);
    const problems = watchPage(page);
    for (const [kind, { file }] of representatives) {
      if (kind === "not-found") continue; // served with status 404, checked below
      const response = await page.goto(new URL(urlPathOf(file, "/").slice(1), server.baseUrl).href);
      expect(response?.headers()["content-security-policy"], `${file} served without the policy`).toBeDefined();
      if (kind === "search") {
        const box = page.getByRole("searchbox", { name: "Search the archive" });
        await box.waitFor({ state: "visible", timeout: 15_000 });
        await box.fill("Becerra");
        await page.locator("main a[href*='/articles/']").first().waitFor({ state: "visible", timeout: 15_000 });
      }
    }
    await page.goto(new URL("no-such-page/", server.baseUrl).href);
    await page.waitForTimeout(200);
    expect(violations).toEqual([]);
    expect(problems.errors.filter((e) => !e.includes("no-such-page"))).toEqual([]);
    await page.close();
  });
});

describe.skipIf(skip !== undefined)(skip ?? "injected markup in articles never runs", () => {
  let site: BuiltSite;
  let browser: Browser;

  beforeAll(async () => {
    // Exit 1 is allowed: issue 7 lets the build leave out an article it must reject, as long as it says so.
    site = await buildSite({ content: INJECTION_CONTENT, allowExitCodes: [0, 1] });
    // bypassCSP: the escaping alone must keep the scripts from running, whatever the host sends.
    browser = await launchBrowser({ bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("publishes the injection articles (raw text, sidecar, hand-edited front matter), showing the markup as text", async () => {
    const pages = await classifyPages(site.out);
    const headings = pages.filter((p) => p.kind === "article").map((p) => p.heading);
    for (const expected of ["Headline with <script>", "Sidecar title <script>", "Hand-edited <script>"]) {
      expect(headings.some((h) => h.startsWith(expected)), `no article headline shows "${expected}" as text: ${headings.join(" | ")}`).toBe(true);
    }
  });

  it("no page of the injection site runs a script, and no link is javascript:", async () => {
    const server = await startStaticServer({ root: site.out });
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pwned: string[] = [];
    try {
      const pages = (await classifyPages(site.out)).filter((p) => p.kind !== "search");
      expect(pages.length).toBeGreaterThan(3);
      for (const { file } of pages) {
        await page.goto(new URL(urlPathOf(file, "/").slice(1), server.baseUrl).href);
        // Hovering and clicking is how onmouseover and javascript: links would fire.
        for (const link of await page.locator("main a").all()) await link.hover({ timeout: 1000 }).catch(() => undefined);
        const value = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
        if (value !== undefined) pwned.push(`${file}: window.__pwned = ${JSON.stringify(value)}`);
      }
    } finally {
      await page.close();
      await server.close();
    }
    expect(pwned).toEqual([]);
    expect(dialogs).toEqual([]);
    const report = await crawlSite({ root: site.out, ...(site.siteUrl === undefined ? {} : { siteUrl: site.siteUrl }) });
    expectNone(
      report.broken.filter((b) => b.reason.includes("javascript:")).map((b) => `${b.page}: ${b.url} — ${b.reason}`),
      "javascript: URLs in the output",
    );
  }, 120_000);
});

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.toLowerCase().startsWith(`${name} `) || d.toLowerCase() === name);
}
