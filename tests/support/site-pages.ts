// Finds one page of each kind that issue 4 asks for in a built site, so the browser and quality tests can
// visit "an article", "an entity page", "the date archive", … without hard-coding the site's URL scheme.
// Articles and entities are recognised by their JSON-LD (issue 4 requires it); the rest by path.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { listFiles } from "./list-files.ts";

export const SEED_HEADLINE = "Northern California police refuse to cooperate in upcoming ICE raids: report";

export type PageKind =
  | "home"
  | "article"
  | "person"
  | "organization"
  | "place"
  | "law"
  | "type-index"
  | "date-archive"
  | "undated"
  | "search"
  | "not-found"
  | "other";

/** The kinds every built site must have (issue 4); "other" is not one. */
export const REQUIRED_KINDS: readonly PageKind[] = [
  "home",
  "article",
  "person",
  "organization",
  "place",
  "law",
  "type-index",
  "date-archive",
  "undated",
  "search",
  "not-found",
];

export interface SitePage {
  readonly kind: PageKind;
  /** Output file, relative to the output folder ("a/index.html"). */
  readonly file: string;
  /** JSON-LD objects found in the page (parsed). */
  readonly jsonLd: readonly unknown[];
  /** JSON-LD blocks that are not valid JSON, with the parser's message. */
  readonly jsonLdErrors: readonly string[];
  /** The <h1> text. */
  readonly heading: string;
}

// The URL scheme of src/site/urls.ts (`paths`); JSON-LD decides for anything else.
const PATH_KINDS: ReadonlyArray<readonly [RegExp, PageKind]> = [
  [/^(page\/\d+\/)?index\.html$/, "home"],
  [/^404\.html$|^404\/index\.html$/, "not-found"],
  [/^search\/index\.html$/, "search"],
  [/^undated\/(page\/\d+\/)?index\.html$/, "undated"],
  [/^archive\/(\d{4}\/(\d{2}\/)?)?(page\/\d+\/)?index\.html$/, "date-archive"],
  [/^(people|organizations|places|laws)\/(page\/\d+\/)?index\.html$/, "type-index"],
  [/^articles\/[^/]+\/index\.html$/, "article"],
  [/^people\/[^/]+\/(page\/\d+\/)?index\.html$/, "person"],
  [/^organizations\/[^/]+\/(page\/\d+\/)?index\.html$/, "organization"],
  [/^places\/[^/]+\/(page\/\d+\/)?index\.html$/, "place"],
  [/^laws\/[^/]+\/(page\/\d+\/)?index\.html$/, "law"],
];

const LD_KINDS: Readonly<Record<string, PageKind>> = {
  NewsArticle: "article",
  Article: "article",
  ReportageNewsArticle: "article",
  BlogPosting: "article",
  Person: "person",
  Organization: "organization",
  NewsMediaOrganization: "organization",
  GovernmentOrganization: "organization",
  Corporation: "organization",
  Place: "place",
  City: "place",
  Country: "place",
  State: "place",
  AdministrativeArea: "place",
  Legislation: "law",
};

/** Reads every HTML page of the output and gives each a kind. */
export async function classifyPages(out: string): Promise<SitePage[]> {
  const files = (await listFiles(out)).filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"));
  const pages: SitePage[] = [];
  for (const file of files) {
    const html = await readFile(join(out, file), "utf8");
    const document = parseDocument(html);
    const jsonLd: unknown[] = [];
    const jsonLdErrors: string[] = [];
    for (const script of DomUtils.findAll((e) => e.name === "script" && e.attribs["type"] === "application/ld+json", document.children)) {
      try {
        jsonLd.push(JSON.parse(DomUtils.textContent(script)) as unknown);
      } catch (error) {
        jsonLdErrors.push((error as Error).message);
      }
    }
    const h1 = DomUtils.findOne((e) => e.name === "h1", document.children);
    const heading = h1 === null ? "" : DomUtils.textContent(h1).replace(/\s+/g, " ").trim();
    pages.push({ kind: kindOf(file, jsonLd), file, jsonLd, jsonLdErrors, heading });
  }
  return pages;
}

function kindOf(file: string, jsonLd: readonly unknown[]): PageKind {
  for (const [pattern, kind] of PATH_KINDS) if (pattern.test(file)) return kind;
  // The main entity of the page: the first JSON-LD node whose type we know (a page may also carry a BreadcrumbList).
  for (const node of jsonLd.flatMap(nodesOf)) {
    for (const type of typesOf(node)) {
      const kind = LD_KINDS[type];
      if (kind !== undefined) return kind;
    }
  }
  return "other";
}

/** The top-level nodes of a JSON-LD document (a single object, an array, or an @graph). */
export function nodesOf(document: unknown): Record<string, unknown>[] {
  if (Array.isArray(document)) return document.flatMap(nodesOf);
  if (document === null || typeof document !== "object") return [];
  const record = document as Record<string, unknown>;
  if (Array.isArray(record["@graph"])) return record["@graph"].flatMap(nodesOf);
  return [record];
}

export function typesOf(node: Record<string, unknown>): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

/**
 * One representative page per kind: the seed article and Xavier Becerra's page when present; otherwise the
 * shortest path (the people index before people/page/2, the archive before a year), then file order.
 */
export function pickRepresentatives(pages: readonly SitePage[]): Map<PageKind, SitePage> {
  const chosen = new Map<PageKind, SitePage>();
  const preferred = (page: SitePage): boolean =>
    (page.kind === "article" && page.heading === SEED_HEADLINE) || (page.kind === "person" && page.heading.includes("Xavier Becerra"));
  const better = (page: SitePage, current: SitePage): boolean =>
    preferred(page) !== preferred(current) ? preferred(page) : page.file.length < current.file.length;
  for (const page of pages) {
    const current = chosen.get(page.kind);
    if (current === undefined || better(page, current)) chosen.set(page.kind, page);
  }
  return chosen;
}

/** Says which required kinds a site lacks, listing a few of its paths to help whoever reads the failure. */
export function missingKinds(pages: readonly SitePage[]): string[] {
  const have = new Set(pages.map((p) => p.kind));
  return REQUIRED_KINDS.filter((kind) => !have.has(kind));
}
