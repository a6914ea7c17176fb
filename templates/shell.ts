// The page every HTML template shares: head (canonical, Open Graph, JSON-LD), skip link, header with
// navigation, main, footer. No inline script: JSON-LD is data, and search loads external files.

import { html, jsonForScript, type HtmlValue, type SafeHtml } from "../src/site/html.ts";
import type { TemplateContext } from "../src/site/template-data.ts";
import { paths } from "../src/site/urls.ts";

export interface ShellOptions {
  /** Document title without the site name; absent on the home page. */
  readonly title?: string;
  readonly description?: string;
  /** Root-relative path of this page (canonical URL). */
  readonly path: string;
  readonly ogType?: "website" | "article" | "profile";
  readonly jsonLd?: unknown;
  /** Extra elements for <head> (feeds, search styles and deferred scripts). */
  readonly head?: HtmlValue;
  readonly main: HtmlValue;
  /** Which navigation entry is current. */
  readonly section?: "home" | "people" | "organizations" | "places" | "laws" | "archive" | "search";
  /** Omit the canonical link (404 page). */
  readonly noCanonical?: boolean;
}

const NAV: readonly { key: NonNullable<ShellOptions["section"]>; label: string; path: string }[] = [
  { key: "home", label: "Latest", path: paths.home() },
  { key: "people", label: "People", path: paths.typeIndex("person") },
  { key: "organizations", label: "Organisations", path: paths.typeIndex("organization") },
  { key: "places", label: "Places", path: paths.typeIndex("place") },
  { key: "laws", label: "Laws", path: paths.typeIndex("law") },
  { key: "archive", label: "Archive", path: paths.archive() },
  { key: "search", label: "Search", path: paths.search() },
];

export function shell(ctx: TemplateContext, options: ShellOptions): string {
  const { site, links } = ctx;
  const fullTitle = options.title ? `${options.title} · ${site.title}` : site.title;
  const description = options.description || site.description;
  const canonical = links.absolute(options.path);
  const page: SafeHtml = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
${options.noCanonical ? "" : html`<link rel="canonical" href="${canonical}">`}
<meta property="og:site_name" content="${site.title}">
<meta property="og:title" content="${options.title ?? site.title}">
<meta property="og:description" content="${description}">
<meta property="og:type" content="${options.ogType ?? "website"}">
<meta property="og:url" content="${canonical}">
<link rel="icon" href="${links.url("/favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${links.url(paths.css())}">
<link rel="alternate" type="application/atom+xml" title="${site.title} (Atom)" href="${links.url(paths.atom())}">
<link rel="alternate" type="application/feed+json" title="${site.title} (JSON Feed)" href="${links.url(paths.jsonFeed())}">
${options.head ?? ""}
${options.jsonLd === undefined ? "" : html`<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>`}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<p class="site-title"><a href="${links.url(paths.home())}">${site.title}</a></p>
<nav aria-label="Sections">
<ul>
${NAV.map(
  (item) =>
    html`<li><a href="${links.url(item.path)}"${item.key === options.section ? html` aria-current="page"` : ""}>${item.label}</a></li>`,
)}
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${options.main}
</main>
<footer class="site-footer">
<p>${site.description}</p>
<p><a href="${links.url(paths.atom())}">Atom feed</a> · <a href="${links.url(paths.jsonFeed())}">JSON Feed</a> · <a href="${links.url(paths.undated())}">Undated articles</a> · <a href="${links.url("/api/articles.json")}">Data (JSON)</a></p>
</footer>
</body>
</html>
`;
  return page.value;
}
