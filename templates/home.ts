// Home: the dated articles, newest first, on pages numbered from the oldest and cut where the articles' own
// marks say (page-lists.ts, stableChunks); the undated ones are on /undated/, linked from the last page.

import { html } from "../src/site/html.ts";
import { linksUndated, type Paged } from "../src/site/page-lists.ts";
import { paths } from "../src/site/urls.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { articleItem, formatDate, pager, perItem } from "./components.ts";
import { shell } from "./shell.ts";

export const homePage = {
  data: perItem("home", (view) => view.path),
  render(data: PageData<Paged>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const items = ctx.index.articles.slice(view.start, view.end);
    const newest = items[0]?.date;
    const oldest = items.at(-1)?.date;
    const main = html`<h1>${view.first ? "Latest articles" : `Articles, page ${view.number}`}</h1>
${!view.first && newest && oldest ? html`<p class="meta">${formatDate(newest)} to ${formatDate(oldest)}</p>` : ""}
${ctx.index.articles.length === 0 ? html`<p>No articles yet. Add text files to <code>content/raw/</code> and build again.</p>` : ""}
${items.length > 0 ? html`<ol class="article-list">${items.map((a) => articleItem(ctx, a))}</ol>` : ""}
${linksUndated(view, ctx.index.undated.length) ? html`<p>Articles without a known date are listed under <a href="${ctx.links.url(paths.undated())}">Undated</a>.</p>` : ""}
${pager(ctx, view, "Pages of articles")}`;
    return shell(ctx, {
      ...(view.first ? {} : { title: `Page ${view.number}` }),
      path: view.path,
      section: "home",
      main,
      ...(view.first ? { jsonLd: { "@context": "https://schema.org", "@type": "WebSite", name: ctx.site.title, url: ctx.links.absolute("/"), description: ctx.site.description } } : {}),
    });
  },
};
