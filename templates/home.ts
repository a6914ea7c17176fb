// Home: every article, newest first, paginated; undated articles last under "Undated".

import { html } from "../src/site/html.ts";
import type { Paged } from "../src/site/page-lists.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { articleItem, pager, perItem } from "./components.ts";
import { shell } from "./shell.ts";

export const homePage = {
  data: perItem("home", (view) => view.path),
  render(data: PageData<Paged>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const items = ctx.index.articles.slice(view.start, view.end);
    const dated = items.filter((a) => a.date !== undefined);
    const undated = items.filter((a) => a.date === undefined);
    const main = html`<h1>${view.number === 1 ? "Latest articles" : `Articles, page ${view.number}`}</h1>
${ctx.index.articles.length === 0 ? html`<p>No articles yet. Add text files to <code>content/raw/</code> and build again.</p>` : ""}
${dated.length > 0 ? html`<ol class="article-list">${dated.map((a) => articleItem(ctx, a))}</ol>` : ""}
${undated.length > 0 ? html`<section aria-labelledby="undated-heading"><h2 id="undated-heading">Undated</h2><ol class="article-list">${undated.map((a) => articleItem(ctx, a, 3))}</ol></section>` : ""}
${pager(ctx, view, "Pages of articles")}`;
    return shell(ctx, {
      ...(view.number === 1 ? {} : { title: `Page ${view.number}` }),
      path: view.path,
      section: "home",
      main,
      ...(view.number === 1 ? { jsonLd: { "@context": "https://schema.org", "@type": "WebSite", name: ctx.site.title, url: ctx.links.absolute("/"), description: ctx.site.description } } : {}),
    });
  },
};
