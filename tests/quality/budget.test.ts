// Issue 5 budget: every page stays at or below 50 KB (51,200 bytes, uncompressed) of HTML plus the CSS it loads,
// Pagefind's assets not counted; no render-blocking script and no inline script (the CSP of issue 7 relies on it);
// issue 4: no JavaScript at all except on the search page.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/build-site.ts";
import { expectNone } from "../support/expect-none.ts";
import { listFiles } from "../support/list-files.ts";
import { pageWeight, scriptProblems } from "../support/page-budget.ts";
import { classifyPages, type PageKind } from "../support/site-pages.ts";

const BUDGET_BYTES = 50 * 1024;
const FIXTURE = join(import.meta.dirname, "fixtures", "budget");

describe("the budget checks themselves", () => {
  it("count a page's stylesheets and catch inline, blocking and misplaced scripts", async () => {
    const files = new Set(await listFiles(FIXTURE));
    const weight = await pageWeight(FIXTURE, "index.html", files);
    const htmlBytes = (await readFile(join(FIXTURE, "index.html"))).length;
    const cssBytes = (await readFile(join(FIXTURE, "site.css"))).length + (await readFile(join(FIXTURE, "more.css"))).length;
    expect(weight).toEqual({ bytes: htmlBytes + cssBytes, missing: ["gone.css"] });
    const problems = scriptProblems(await readFile(join(FIXTURE, "index.html"), "utf8"), "index.html", false);
    expect(problems.map((p) => p.replace(/^index\.html: /, "").replace(/ \(.*$/, ""))).toEqual([
      "inline <script>",
      "loads script blocking.js, but only the search page may have JavaScript",
      "render-blocking <script src=blocking.js> in <head>",
      "loads script deferred.js, but only the search page may have JavaScript",
      "inline event handler onerror on <img>",
      "javascript: URL on <a>",
    ]);
  });
});

describe("page weight and scripts of the built site", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite();
  });

  it("every page is within 50 KB of HTML + CSS", async () => {
    const files = new Set(await listFiles(site.out));
    const pages = await classifyPages(site.out);
    const heaviest = new Map<PageKind, { file: string; bytes: number }>();
    const over: string[] = [];
    const cssCache = new Map<string, number>();
    for (const page of pages) {
      const { bytes, missing } = await pageWeight(site.out, page.file, files, cssCache);
      for (const href of missing) over.push(`${page.file}: stylesheet ${href} does not resolve`);
      if (bytes > BUDGET_BYTES) over.push(`${page.file} (${page.kind}): ${bytes} bytes`);
      if (bytes > (heaviest.get(page.kind)?.bytes ?? -1)) heaviest.set(page.kind, { file: page.file, bytes });
    }
    console.info(`heaviest page of each kind (HTML + CSS bytes):\n${[...heaviest].map(([kind, { file, bytes }]) => `  ${kind}: ${bytes} ${file}`).join("\n")}`);
    expect(pages.length).toBeGreaterThan(0);
    expectNone(over, `pages over ${BUDGET_BYTES} bytes of HTML + CSS`);
  });

  it("no render-blocking script, no inline script or event handler, and scripts only on the search page", async () => {
    const pages = await classifyPages(site.out);
    const problems: string[] = [];
    for (const page of pages) {
      problems.push(...scriptProblems(await readFile(join(site.out, page.file), "utf8"), page.file, page.kind === "search"));
    }
    expect(pages.length).toBeGreaterThan(0);
    expectNone(problems, "script problems");
  });
});
