// Every URL the site makes, in one place, root-relative and without the path prefix; `Links` adds the
// prefix (and the host for absolute URLs) so that a site built with --path-prefix works anywhere.

import type { EntityType } from "../types.ts";

export const TYPE_PATHS: Readonly<Record<EntityType, string>> = {
  person: "people",
  organization: "organizations",
  place: "places",
  law: "laws",
};

/** "/x/" for page 1, "/x/page/N/" after. */
export function pagedPath(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

export const paths = {
  /** The front page; the numbered pages of the home list are `${home()}page/N/` (page-lists.ts, stableChunks). */
  home: (): string => "/",
  article: (slug: string): string => `/articles/${slug}/`,
  /** An entity's front page; its numbered pages are under it as for `home`. */
  entity: (type: EntityType, slug: string): string => `/${TYPE_PATHS[type]}/${slug}/`,
  entityFeed: (type: EntityType, slug: string): string => `/${TYPE_PATHS[type]}/${slug}/feed.xml`,
  typeIndex: (type: EntityType, page = 1): string => pagedPath(`/${TYPE_PATHS[type]}/`, page),
  archive: (): string => "/archive/",
  year: (year: string): string => `/archive/${year}/`,
  month: (month: string, page = 1): string => pagedPath(`/archive/${month.slice(0, 4)}/${month.slice(5, 7)}/`, page),
  undated: (page = 1): string => pagedPath("/undated/", page),
  search: (): string => "/search/",
  /** One file of the article API: a calendar month ("2011-03"), or undefined for the undated articles. */
  apiArticles: (month: string | undefined): string => `/api/articles/${month ?? "undated"}.json`,
  /** One file of the entity API: a type's entities by initial letter ("A"–"Z", "#" for the others). */
  apiEntities: (type: EntityType, letter: string): string => `/api/entities/${type}/${letter === "#" ? "other" : letter.toLowerCase()}.json`,
  atom: (): string => "/feed.xml",
  jsonFeed: (): string => "/feed.json",
  sitemap: (n?: number): string => (n === undefined ? "/sitemap.xml" : `/sitemap-${n}.xml`),
  css: (): string => "/css/site.css",
} as const;

/**
 * The one-off pages, each written once per site (by the run that owns them: render-lists.ts), each with a
 * digest of its own inputs (page-digests.ts).
 */
export const ONCE_PAGES = {
  archive: paths.archive(),
  atom: paths.atom(),
  jsonFeed: paths.jsonFeed(),
  sitemap: paths.sitemap(),
  robots: "/robots.txt",
  articlesApi: "/api/articles.json",
  entitiesApi: "/api/entities.json",
  search: paths.search(),
  notFound: "/404.html",
} as const;
export type OncePage = keyof typeof ONCE_PAGES;

/** Normalises "/archive", "archive/" and "/archive/" to "/archive/"; "" and "/" to "/". */
export function normalizePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

export class Links {
  readonly prefix: string;
  readonly origin: string;

  /** `siteUrl` is the base URL from site.json ("https://news.example.org"); only its origin is used. */
  constructor(pathPrefix: string | undefined, siteUrl: string) {
    this.prefix = normalizePathPrefix(pathPrefix);
    let origin = "https://example.org";
    try {
      origin = new URL(siteUrl).origin;
    } catch {
      // site.json without a valid url: absolute URLs fall back to example.org rather than break the build.
    }
    this.origin = origin;
  }

  /** Root-relative path → URL under the path prefix. */
  url(path: string): string {
    return this.prefix === "/" ? path : this.prefix.slice(0, -1) + path;
  }

  /** Root-relative path → absolute URL (canonical links, feeds, sitemap). */
  absolute(path: string): string {
    return this.origin + this.url(path);
  }
}
