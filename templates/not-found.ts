// 404 page. Hosts serve it for any path, so every link in it carries the path prefix.

import { html } from "../src/site/html.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import { once } from "./components.ts";
import { shell } from "./shell.ts";

export const notFoundPage = {
  data: { pagination: once("notFound"), permalink: ONCE_PAGES.notFound, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const main = html`<h1>Page not found</h1>
<p>There is no page at this address. It may have moved when an article was renamed.</p>
<ul><li><a href="${ctx.links.url(paths.home())}">Latest articles</a></li><li><a href="${ctx.links.url(paths.search())}">Search the archive</a></li><li><a href="${ctx.links.url(paths.archive())}">Browse by date</a></li></ul>`;
    return shell(ctx, { title: "Page not found", path: "/404.html", noCanonical: true, main });
  },
};
