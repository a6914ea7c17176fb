// Search: the only page with JavaScript. Pagefind's UI and our start-up file load deferred from
// /pagefind/ and /js/ (no inline script); without JavaScript the page says how to search elsewhere.

import { html } from "../src/site/html.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { paths } from "../src/site/urls.ts";
import { ONCE } from "./components.ts";
import { shell } from "./shell.ts";

export const searchPage = {
  data: { pagination: ONCE, permalink: paths.search(), eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const main = html`<h1>Search</h1>
<p>Search every article by word or name; narrow the results by person, organisation, place or year.</p>
<div id="search" class="search" data-base-url="${ctx.links.url("/")}" data-bundle-path="${ctx.links.url("/pagefind/")}"></div>
<noscript><p>Search needs JavaScript. Browse the <a href="${ctx.links.url(paths.archive())}">archive</a> or the <a href="${ctx.links.url(paths.typeIndex("person"))}">people</a> instead.</p></noscript>`;
    return shell(ctx, {
      title: "Search",
      description: `Search ${ctx.site.title}.`,
      path: paths.search(),
      section: "search",
      head: html`<link rel="stylesheet" href="${ctx.links.url("/pagefind/pagefind-ui.css")}">
<script src="${ctx.links.url("/pagefind/pagefind-ui.js")}" defer></script>
<script src="${ctx.links.url("/js/search.js")}" defer></script>`,
      main,
    });
  },
};
