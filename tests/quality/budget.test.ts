// Issue 5 budget: every page stays at or below 50 KB (51,200 bytes, uncompressed) of HTML plus the CSS it loads,
// Pagefind's assets not counted; no render-blocking script and no inline script (the CSP of issue 7 relies on it);
// issue 4: no JavaScript at all except on the search page.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { buildSite } from "../support/build-site.ts";
import { listFiles } from "../support/list-files.ts";
import { classifyPages, type PageKind } from "../support/site-pages.ts";
import { resolveUrlPath, urlPathOf } from "../support/site-urls.ts";
import { expectNone } from "../support/expect-none.ts";

const BUDGET_BYTES = 50 * 1024;

describe("page weight and scripts", () => {
  it("every page is within 50 KB of HTML + CSS", async () => {
    const site = await buildSite();
    const files = new Set(await listFiles(site.out));
    const pages = await classifyPages(site.out);
    const heaviest = new Map<PageKind, { file: string; bytes: number }>();
    const over: string[] = [];
    const cssSize = new Map<string, number>();
    for (const page of pages) {
      const html = await readFile(join(site.out, page.file));
      let bytes = html.length;
      const document = parseDocument(html.toString("utf8"));
      const sheets = DomUtils.findAll((e) => e.name === "link" && /\bstylesheet\b/i.test(e.attribs["rel"] ?? ""), document.children);
      for (const sheet of sheets) {
        const href = sheet.attribs["href"] ?? "";
        const url = new URL(href, `http://site.invalid${urlPathOf(page.file, "/")}`);
        const resolved = resolveUrlPath(url.pathname, "/", files);
        if (!resolved.ok) {
          over.push(`${page.file}: stylesheet ${href} does not resolve (${resolved.reason})`);
          continue;
        }
        if (resolved.file.startsWith("pagefind/")) continue; // search assets are not counted
        if (!cssSize.has(resolved.file)) cssSize.set(resolved.file, await cssBytes(site.out, resolved.file, files));
        bytes += cssSize.get(resolved.file) ?? 0;
      }
      if (bytes > BUDGET_BYTES) over.push(`${page.file} (${page.kind}): ${bytes} bytes`);
      if (bytes > (heaviest.get(page.kind)?.bytes ?? -1)) heaviest.set(page.kind, { file: page.file, bytes });
    }
    // The heaviest page of each kind, for the issue note.
    console.info(
      "heaviest page of each kind (HTML + CSS bytes):\n" +
        [...heaviest].map(([kind, { file, bytes }]) => `  ${kind}: ${bytes} ${file}`).join("\n"),
    );
    expect(pages.length).toBeGreaterThan(0);
    expectNone(over, `pages over ${BUDGET_BYTES} bytes of HTML + CSS`);
  });

  it("no render-blocking script, no inline script or event handler, and scripts only on the search page", async () => {
    const site = await buildSite();
    const pages = await classifyPages(site.out);
    const problems: string[] = [];
    for (const page of pages) {
      const document = parseDocument(await readFile(join(site.out, page.file), "utf8"));
      const head = DomUtils.findOne((e) => e.name === "head", document.children);
      for (const script of DomUtils.findAll((e) => e.name === "script", document.children)) {
        const type = (script.attribs["type"] ?? "").toLowerCase();
        if (type === "application/ld+json") continue;
        const src = script.attribs["src"];
        if (src === undefined) {
          problems.push(`${page.file}: inline <script${type ? ` type=${type}` : ""}> (${DomUtils.textContent(script).trim().slice(0, 60)})`);
          continue;
        }
        if (page.kind !== "search") problems.push(`${page.file}: loads script ${src}, but only the search page may have JavaScript`);
        const inHead = head !== null && DomUtils.existsOne((e) => e === script, head.children);
        if (inHead && type !== "module" && script.attribs["defer"] === undefined && script.attribs["async"] === undefined) {
          problems.push(`${page.file}: render-blocking <script src=${src}> in <head> (add defer or type=module)`);
        }
      }
      for (const element of DomUtils.findAll((e) => Object.keys(e.attribs).some((a) => a.toLowerCase().startsWith("on")), document.children)) {
        const handlers = Object.keys(element.attribs).filter((a) => a.toLowerCase().startsWith("on"));
        problems.push(`${page.file}: inline event handler ${handlers.join(", ")} on <${element.name}>`);
      }
      for (const link of DomUtils.findAll((e) => /^\s*javascript:/i.test(e.attribs["href"] ?? e.attribs["src"] ?? ""), document.children)) {
        problems.push(`${page.file}: javascript: URL on <${link.name}>`);
      }
    }
    expect(pages.length).toBeGreaterThan(0);
    expectNone(problems, "script problems");
  });
});

/** Bytes of a stylesheet and the stylesheets it @imports (each counted once). */
async function cssBytes(out: string, file: string, files: ReadonlySet<string>, seen = new Set<string>()): Promise<number> {
  if (seen.has(file)) return 0;
  seen.add(file);
  const css = await readFile(join(out, file));
  let total = css.length;
  for (const match of css.toString("utf8").matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)/g)) {
    const url = new URL(match[1] ?? "", `http://site.invalid/${file}`);
    const resolved = resolveUrlPath(url.pathname, "/", files);
    if (resolved.ok && !resolved.file.startsWith("pagefind/")) total += await cssBytes(out, resolved.file, files, seen);
  }
  return total;
}
