// The budget checks of issue 5, per page: bytes of HTML + the CSS it loads (Pagefind's not counted), and
// scripts that block rendering or run inline (which the Content-Security-Policy of issue 7 forbids).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { resolveUrlPath, urlPathOf } from "./site-urls.ts";

export interface PageWeight {
  readonly bytes: number;
  /** Stylesheets that did not resolve to a file. */
  readonly missing: readonly string[];
}

/** `cssCache` maps a stylesheet file to its bytes (with its @imports), shared across pages. */
export async function pageWeight(out: string, file: string, files: ReadonlySet<string>, cssCache = new Map<string, number>()): Promise<PageWeight> {
  const html = await readFile(join(out, file));
  let bytes = html.length;
  const missing: string[] = [];
  const document = parseDocument(html.toString("utf8"));
  const sheets = DomUtils.findAll((e) => e.name === "link" && /\bstylesheet\b/i.test(e.attribs["rel"] ?? ""), document.children);
  for (const sheet of sheets) {
    const href = sheet.attribs["href"] ?? "";
    const resolved = resolveUrlPath(new URL(href, `http://site.invalid${urlPathOf(file, "/")}`).pathname, "/", files);
    if (!resolved.ok) {
      missing.push(href);
      continue;
    }
    if (resolved.file.startsWith("pagefind/")) continue; // search assets are not counted
    if (!cssCache.has(resolved.file)) cssCache.set(resolved.file, await cssBytes(out, resolved.file, files, new Set()));
    bytes += cssCache.get(resolved.file) ?? 0;
  }
  return { bytes, missing };
}

async function cssBytes(out: string, file: string, files: ReadonlySet<string>, seen: Set<string>): Promise<number> {
  if (seen.has(file)) return 0;
  seen.add(file);
  const css = await readFile(join(out, file));
  let total = css.length;
  for (const match of css.toString("utf8").matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)/g)) {
    const resolved = resolveUrlPath(new URL(match[1] ?? "", `http://site.invalid/${file}`).pathname, "/", files);
    if (resolved.ok && !resolved.file.startsWith("pagefind/")) total += await cssBytes(out, resolved.file, files, seen);
  }
  return total;
}

/** Inline scripts (JSON-LD excepted), event-handler attributes, javascript: URLs, blocking scripts in <head>,
 *  and any script on a page that may have none. */
export function scriptProblems(html: string, file: string, scriptsAllowed: boolean): string[] {
  const document = parseDocument(html);
  const problems: string[] = [];
  const head = DomUtils.findOne((e) => e.name === "head", document.children);
  for (const script of DomUtils.findAll((e) => e.name === "script", document.children)) {
    const type = (script.attribs["type"] ?? "").toLowerCase();
    if (type === "application/ld+json") continue;
    const src = script.attribs["src"];
    if (src === undefined) {
      problems.push(`${file}: inline <script${type ? ` type=${type}` : ""}> (${DomUtils.textContent(script).trim().slice(0, 60)})`);
      continue;
    }
    if (!scriptsAllowed) problems.push(`${file}: loads script ${src}, but only the search page may have JavaScript`);
    const inHead = head !== null && DomUtils.existsOne((e) => e === script, head.children);
    if (inHead && type !== "module" && script.attribs["defer"] === undefined && script.attribs["async"] === undefined) {
      problems.push(`${file}: render-blocking <script src=${src}> in <head> (add defer or type=module)`);
    }
  }
  for (const element of DomUtils.findAll((e) => Object.keys(e.attribs).some((a) => a.toLowerCase().startsWith("on")), document.children)) {
    const handlers = Object.keys(element.attribs).filter((a) => a.toLowerCase().startsWith("on"));
    problems.push(`${file}: inline event handler ${handlers.join(", ")} on <${element.name}>`);
  }
  for (const element of DomUtils.findAll((e) => /^\s*javascript:/i.test(e.attribs["href"] ?? e.attribs["src"] ?? e.attribs["action"] ?? ""), document.children)) {
    problems.push(`${file}: javascript: URL on <${element.name}>`);
  }
  return problems;
}
