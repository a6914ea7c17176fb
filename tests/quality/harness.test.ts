// The test helpers must be able to fail: the crawler, the static host and the _headers parser, on fixtures
// whose broken links are known.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crawlSite } from "../support/crawl-site.ts";
import { headersFor, parseHeadersFile } from "../support/parse-headers.ts";
import { startStaticServer } from "../support/static-server.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "crawler");
const SITE_URL = "https://example.org";

describe("crawlSite", () => {
  it("finds no broken link in a clean site, and really checks its pages, feed, sitemap, CSS and robots.txt", async () => {
    const report = await crawlSite({ root: join(FIXTURES, "clean"), pathPrefix: "/p/", siteUrl: SITE_URL });
    expect(report.broken).toEqual([]);
    for (const file of ["index.html", "a/index.html", "feed.xml", "sitemap.xml", "css/site.css", "robots.txt", "api/articles.json"]) {
      expect(report.checkedByFile.get(file), file).toBeGreaterThan(0);
    }
  });

  it("reports each broken URL with the page that names it", async () => {
    const report = await crawlSite({ root: join(FIXTURES, "broken"), pathPrefix: "/p/", siteUrl: SITE_URL });
    const found = report.broken.map((b) => `${b.page} ${b.url}`).sort();
    expect(found).toEqual(
      [
        "feed.json /p/missing-item/",
        "feed.xml https://example.org/p/gone/",
        "index.html /a/",
        "index.html /p/a/#p9",
        "index.html /p/missing.css",
        "index.html /p/nowhere/",
        "index.html img/none.png",
        "index.html javascript:alert(1)",
        "sitemap.xml https://example.org/p/lost/",
      ].sort(),
    );
    expect(report.broken.find((b) => b.url === "/a/")?.reason).toMatch(/outside the path prefix/);
    expect(report.broken.find((b) => b.url === "/p/a/#p9")?.reason).toMatch(/no element with id "p9"/);
  });

  it("treats the same site as broken when checked under the wrong prefix", async () => {
    const report = await crawlSite({ root: join(FIXTURES, "clean"), pathPrefix: "/", siteUrl: SITE_URL });
    expect(report.broken.length).toBeGreaterThan(0);
  });
});

describe("startStaticServer", () => {
  it("serves a folder under a prefix like a static host, with a 404 page", async () => {
    const server = await startStaticServer({
      root: join(FIXTURES, "clean"),
      pathPrefix: "/p/",
      headersFor: () => ({ "X-Test": "yes" }),
    });
    try {
      const get = (path: string) => fetch(server.origin + path, { redirect: "manual" });
      const home = await get("/p/");
      expect(home.status).toBe(200);
      expect(home.headers.get("content-type")).toMatch(/text\/html/);
      expect(home.headers.get("x-test")).toBe("yes");
      expect((await get("/p/a")).status).toBe(301);
      expect((await get("/p/css/site.css")).headers.get("content-type")).toMatch(/text\/css/);
      const missing = await get("/p/nope/");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Page not found");
      expect((await get("/a/")).status).toBe(404);
      expect((await get("/p/%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("parseHeadersFile", () => {
  const rules = parseHeadersFile(
    "# comment\n/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options: DENY\n/pagefind/*\n  Cache-Control: max-age=60\n",
  );

  it("applies a splat rule to every path and a narrower one only to its own", () => {
    expect(headersFor(rules, "/a/")).toEqual({ "Content-Security-Policy": "default-src 'self'", "X-Frame-Options": "DENY" });
    expect(headersFor(rules, "/pagefind/pagefind.js")["Cache-Control"]).toBe("max-age=60");
  });

  it("rejects a header line outside any rule", () => {
    expect(() => parseHeadersFile("  X-Frame-Options: DENY\n")).toThrow(/line 1/);
  });
});
