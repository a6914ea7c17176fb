// A whole-output link checker (issue 4 and 5): parses every HTML, XML, JSON, CSS and robots file of a built site
// and checks that each internal URL it names resolves to a file, and each #fragment to an id in that file.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { DomUtils, parseDocument } from "htmlparser2";
import { listFiles } from "./list-files.ts";
import { normalizePrefix, resolveUrlPath, urlPathOf } from "./site-urls.ts";

export interface CrawlOptions {
  /** The output folder. */
  readonly root: string;
  /** The --path-prefix the site was built with ("/" when none). */
  readonly pathPrefix?: string;
  /** The site's absolute base URL (content/_data/site.json); absolute URLs under it count as internal. */
  readonly siteUrl?: string;
}

export interface BrokenLink {
  /** The output file that names the URL. */
  readonly page: string;
  /** The URL as written. */
  readonly url: string;
  readonly reason: string;
}

export interface CrawlReport {
  readonly files: readonly string[];
  /** How many internal URLs were checked. */
  readonly checked: number;
  /** Internal URLs checked per output file, so a test can tell that a feed or sitemap was really read. */
  readonly checkedByFile: ReadonlyMap<string, number>;
  readonly broken: readonly BrokenLink[];
}

/** Where a URL was found, kept so a report can say "in <link rel=stylesheet>". */
interface FoundUrl {
  readonly url: string;
  readonly where: string;
}

/** An element of htmlparser2's DOM (domhandler is its dependency, not ours). */
type Element = ReturnType<typeof DomUtils.findAll>[number];

// A stand-in origin for relative URLs; any absolute URL with another origin is external unless it is the site's.
const LOCAL_ORIGIN = "http://crawl.invalid";

const JSON_URL_KEY = /(^|_)(url|href|image|icon|favicon|logo|link|permalink)$/i;

export async function crawlSite(options: CrawlOptions): Promise<CrawlReport> {
  const prefix = normalizePrefix(options.pathPrefix);
  const files = await listFiles(options.root);
  const fileSet = new Set(files);
  const ids = new Map<string, Set<string>>();
  const found = new Map<string, FoundUrl[]>();
  const broken: BrokenLink[] = [];

  for (const file of files) {
    const kind = kindOf(file);
    if (kind === undefined) continue;
    const text = await readFile(join(options.root, file), "utf8");
    try {
      if (kind === "html") {
        const page = extractFromHtml(text);
        ids.set(file, page.ids);
        found.set(file, page.urls);
      } else if (kind === "xml") found.set(file, extractFromXml(text));
      else if (kind === "json") found.set(file, extractFromJson(JSON.parse(text) as unknown));
      else if (kind === "css") found.set(file, extractFromCss(text));
      else found.set(file, extractFromRobots(text));
    } catch (error) {
      broken.push({ page: file, url: "", reason: `cannot parse as ${kind}: ${(error as Error).message}` });
    }
  }

  const siteOrigin = options.siteUrl === undefined ? undefined : new URL(options.siteUrl).origin;
  let checked = 0;
  const checkedByFile = new Map<string, number>();
  for (const [page, urls] of found) {
    const base = new URL(urlPathOf(page, prefix), LOCAL_ORIGIN);
    for (const { url, where } of urls) {
      const trimmed = url.trim();
      if (trimmed === "") {
        broken.push({ page, url, reason: `empty URL in ${where}` });
        continue;
      }
      if (/^javascript:/i.test(trimmed)) {
        broken.push({ page, url, reason: `javascript: URL in ${where} (issue 7: must be shown as text)` });
        continue;
      }
      let target: URL;
      try {
        target = new URL(trimmed, base);
      } catch {
        broken.push({ page, url, reason: `unparseable URL in ${where}` });
        continue;
      }
      const internal = target.origin === LOCAL_ORIGIN || (siteOrigin !== undefined && target.origin === siteOrigin);
      if (!internal || !/^https?:$/.test(target.protocol)) continue;
      checked += 1;
      checkedByFile.set(page, (checkedByFile.get(page) ?? 0) + 1);
      const resolved = resolveUrlPath(target.pathname, prefix, fileSet);
      if (!resolved.ok) {
        broken.push({ page, url, reason: `${resolved.reason} (from ${where})` });
        continue;
      }
      const fragment = decodeFragment(target.hash);
      if (fragment !== undefined && resolved.file.endsWith(".html") && !ids.get(resolved.file)?.has(fragment)) {
        broken.push({ page, url, reason: `no element with id "${fragment}" in ${resolved.file} (from ${where})` });
      }
    }
  }
  return { files, checked, checkedByFile, broken };
}

/** Format a report's broken links one per line, for an assertion message. */
export function formatBroken(broken: readonly BrokenLink[], limit = 40): string {
  const lines = broken.slice(0, limit).map((b) => `  ${b.page}: ${b.url} — ${b.reason}`);
  if (broken.length > limit) lines.push(`  … and ${broken.length - limit} more`);
  return lines.join("\n");
}

function kindOf(file: string): "html" | "xml" | "json" | "css" | "robots" | undefined {
  if (file.startsWith("pagefind/")) return undefined; // Pagefind's own bundle, checked by the browser tests.
  if (/\.html?$/.test(file)) return "html";
  if (/\.(xml|xsl|atom|rss)$/.test(file)) return "xml";
  if (/\.(json|webmanifest)$/.test(file)) return "json";
  if (file.endsWith(".css")) return "css";
  if (file === "robots.txt") return "robots";
  return undefined;
}

function decodeFragment(hash: string): string | undefined {
  if (hash === "" || hash === "#" || hash.startsWith("#:~:")) return undefined;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href"],
  area: ["href"],
  link: ["href", "imagesrcset"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  script: ["src"],
  iframe: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  embed: ["src"],
  object: ["data"],
  form: ["action"],
  use: ["href", "xlink:href"],
  image: ["href", "xlink:href"],
};

const META_URL_PROPERTIES = new Set(["og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"]);

export function extractFromHtml(html: string): { urls: FoundUrl[]; ids: Set<string> } {
  const document = parseDocument(html);
  const urls: FoundUrl[] = [];
  const ids = new Set<string>();
  for (const element of DomUtils.findAll(() => true, document.children)) {
    const attribs = element.attribs;
    if (attribs["id"] !== undefined) ids.add(attribs["id"]);
    if (element.name === "a" && attribs["name"] !== undefined) ids.add(attribs["name"]);
    for (const attribute of URL_ATTRIBUTES[element.name] ?? []) {
      const value = attribs[attribute];
      if (value === undefined) continue;
      const where = describe(element, attribute);
      if (attribute.endsWith("srcset")) for (const url of parseSrcset(value)) urls.push({ url, where });
      else urls.push({ url: value, where });
    }
    if (element.name === "meta") {
      const property = attribs["property"] ?? attribs["name"];
      const content = attribs["content"];
      if (property !== undefined && content !== undefined && META_URL_PROPERTIES.has(property)) {
        urls.push({ url: content, where: `<meta ${property}>` });
      }
    }
    if (element.name === "script" && attribs["type"] === "application/ld+json") {
      const json = JSON.parse(DomUtils.textContent(element)) as unknown;
      for (const found of extractFromJson(json)) urls.push({ url: found.url, where: `JSON-LD ${found.where}` });
    }
    if (element.name === "style") urls.push(...extractFromCss(DomUtils.textContent(element)));
  }
  return { urls, ids };
}

function describe(element: Element, attribute: string): string {
  const rel = element.attribs["rel"];
  return `<${element.name}${rel === undefined ? "" : ` rel=${rel}`} ${attribute}>`;
}

function parseSrcset(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

export function extractFromXml(xml: string): FoundUrl[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", processEntities: true, htmlEntities: true });
  const tree = parser.parse(xml, true) as unknown;
  const urls: FoundUrl[] = [];
  walk(tree, (key, value) => {
    if (typeof value !== "string") return;
    if (key === "@_href" || key === "@_src") urls.push({ url: value, where: `${key.slice(2)} attribute` });
    else if (key === "loc" || key === "link") urls.push({ url: value, where: `<${key}>` });
  });
  return urls;
}

export function extractFromJson(json: unknown): FoundUrl[] {
  const urls: FoundUrl[] = [];
  walk(json, (key, value) => {
    if (typeof value === "string" && JSON_URL_KEY.test(key)) urls.push({ url: value, where: `"${key}"` });
  });
  return urls;
}

function extractFromCss(css: string): FoundUrl[] {
  const urls: FoundUrl[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) {
    const url = match[2] ?? match[4];
    if (url !== undefined && !url.startsWith("data:") && !url.startsWith("#")) urls.push({ url, where: "CSS url()" });
  }
  return urls;
}

function extractFromRobots(text: string): FoundUrl[] {
  return [...text.matchAll(/^\s*sitemap:\s*(\S+)/gim)].map((m) => ({ url: m[1] ?? "", where: "robots.txt Sitemap" }));
}

/** Visit every key/value pair of a JSON-like tree; array items take the key of their array. */
function walk(node: unknown, visit: (key: string, value: unknown) => void, key = ""): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit, key);
  } else if (node !== null && typeof node === "object") {
    for (const [childKey, child] of Object.entries(node)) walk(child, visit, childKey);
  } else {
    visit(key, node);
  }
}
