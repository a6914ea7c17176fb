// Issue 4/5: no broken internal link or asset anywhere in the output, checked over every file (not a sample),
// once for a site at the root and once for a site built with --path-prefix.
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/build-site.ts";
import { crawlSite, formatBroken } from "../support/crawl-site.ts";
import { classifyPages, missingKinds } from "../support/site-pages.ts";

describe.each(["/", "/archive/"])("the site built with path prefix %s", (pathPrefix) => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite({ pathPrefix });
  });

  it("has every kind of page issue 4 asks for", async () => {
    const pages = await classifyPages(site.out);
    const missing = missingKinds(pages);
    const sample = pages.slice(0, 15).map((p) => `${p.file} (${p.kind})`).join(", ");
    expect(missing, `no page of kind ${missing.join(", ")} among ${pages.length} pages: ${sample}`).toEqual([]);
  });

  it("has no broken internal link, asset, feed or sitemap URL in any file", async () => {
    const report = await crawlSite({ root: site.out, pathPrefix, ...(site.siteUrl === undefined ? {} : { siteUrl: site.siteUrl }) });
    expect(report.broken.length, `${report.broken.length} broken of ${report.checked} internal URLs:\n${formatBroken(report.broken)}`).toBe(0);
    // Something was really checked: more links than pages, and the feeds, sitemap and robots.txt.
    const htmlPages = report.files.filter((f) => f.endsWith(".html")).length;
    expect(report.checked).toBeGreaterThan(htmlPages);
    for (const file of ["sitemap.xml", "robots.txt", "feed.xml", "feed.json"]) {
      expect(report.checkedByFile.get(file) ?? 0, `${file} names no internal URL (is site.json's url the site's?)`).toBeGreaterThan(0);
    }
    console.info(`${pathPrefix}: ${report.checked} internal URLs in ${report.files.length} files checked`);
  });
});
