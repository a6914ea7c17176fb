// Issue 4/5: no broken internal link or asset anywhere in the output, checked over every file (not a sample),
// once for a site at the root and once for a site built with --path-prefix.
import { describe, expect, it } from "vitest";
import { buildSite } from "../support/build-site.ts";
import { crawlSite, formatBroken } from "../support/crawl-site.ts";
import { classifyPages, missingKinds } from "../support/site-pages.ts";

describe.each(["/", "/archive/"])("the site built with path prefix %s", (pathPrefix) => {
  it("has every kind of page issue 4 asks for", async () => {
    const site = await buildSite({ pathPrefix });
    const pages = await classifyPages(site.out);
    const missing = missingKinds(pages);
    expect(missing, `no page of kind ${missing.join(", ")} among ${pages.length} pages: ${pages.slice(0, 15).map((p) => `${p.file} (${p.kind})`).join(", ")}`).toEqual([]);
  });

  it("has no broken internal link, asset, feed or sitemap URL in any file", async () => {
    const site = await buildSite({ pathPrefix });
    const report = await crawlSite({ root: site.out, pathPrefix, ...(site.siteUrl === undefined ? {} : { siteUrl: site.siteUrl }) });
    expect(report.broken.length, `${report.broken.length} broken of ${report.checked} internal URLs:\n${formatBroken(report.broken)}`).toBe(0);
    // Something was really checked: at least one link per HTML page on average, and the feeds and sitemap.
    const htmlPages = report.files.filter((f) => f.endsWith(".html")).length;
    expect(report.checked).toBeGreaterThan(htmlPages);
    for (const file of ["sitemap.xml", "robots.txt"]) {
      expect(report.checkedByFile.get(file) ?? 0, `${file} names no internal URL (is site.json's url the site's?)`).toBeGreaterThan(0);
    }
  });
});
