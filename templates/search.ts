// Search: the only page with JavaScript. The form, the filter groups and the empty result list are written
// here; public/js/search.js (an external module: no inline script, for the CSP) shows them and runs the
// search on Pagefind's JS API. Without JavaScript they stay hidden and the page says how to browse instead.

import { html } from "../src/site/html.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import type { EntityType } from "../src/types.ts";
import { FILTER_NAMES, once, TYPE_LABELS } from "./components.ts";
import { shell } from "./shell.ts";

/** The filters article pages carry (data-pagefind-filter in templates/article.ts), in the order shown. */
const FILTER_GROUPS: readonly { readonly name: string; readonly label: string }[] = [
  ...(["person", "organization", "place"] as const satisfies readonly EntityType[]).flatMap((type) => {
    const name = FILTER_NAMES[type];
    return name === undefined ? [] : [{ name, label: TYPE_LABELS[type].many }];
  }),
  { name: "year", label: "Years" },
];

export const searchPage = {
  data: { pagination: once("search"), permalink: ONCE_PAGES.search, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const main = html`<h1>Search</h1>
<p>Search every article by word or name; narrow the results by person, organisation, place or year.</p>
<div id="search" class="search" data-base-url="${ctx.links.url("/")}" data-bundle-path="${ctx.links.url("/pagefind/")}" hidden>
<form class="search-form" role="search">
<label for="search-input">Search the archive</label>
<input id="search-input" type="search" name="q" autocomplete="off" spellcheck="false">
</form>
<div class="search-layout">
<div class="search-filters" hidden>
<p class="search-filters-intro">Narrow the results: an article must match every box you tick.</p>
${FILTER_GROUPS.map(({ name, label }) => html`<details class="search-filter" data-filter="${name}" hidden>
<summary>${label}</summary>
<fieldset><legend class="visually-hidden">${label}</legend></fieldset>
</details>`)}
</div>
<div class="search-output">
<p class="search-status" role="status"></p>
<ol class="article-list search-results"></ol>
<p class="search-hint" hidden></p>
<button type="button" class="search-more" hidden>Show more results</button>
</div>
</div>
</div>
<noscript><p>Search needs JavaScript. Browse the <a href="${ctx.links.url(paths.archive())}">archive</a> or the <a href="${ctx.links.url(paths.typeIndex("person"))}">people</a> instead.</p></noscript>`;
    return shell(ctx, {
      title: "Search",
      description: `Search ${ctx.site.title}.`,
      path: paths.search(),
      section: "search",
      head: html`<script type="module" src="${ctx.links.url("/js/search.js")}"></script>`,
      main,
    });
  },
};
