// Articles with no known date: Broadsheet never invents one, so they are listed here instead.

import { html } from "../src/site/html.ts";
import type { Paged } from "../src/site/page-lists.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { articleItem, articlesAt, pager, perItem, plural } from "./components.ts";
import { shell } from "./shell.ts";

export const undatedPage = {
  data: perItem("undated", (view) => view.path),
  render(data: PageData<Paged>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const items = articlesAt(ctx.index, ctx.index.undated.slice(view.start, view.end));
    const main = html`<h1>Undated</h1>
<p class="meta">${plural(ctx.index.undated.length, "article")} without a known date, A–Z. Broadsheet never guesses a date.</p>
${items.length > 0 ? html`<ol class="article-list">${items.map((a) => articleItem(ctx, a))}</ol>` : html`<p>Every article has a date.</p>`}
${pager(ctx, view, "Pages of undated articles", ["Previous", "Next"])}`;
    return shell(ctx, { title: view.number === 1 ? "Undated" : `Undated (page ${view.number})`, description: "Articles without a known date.", path: view.path, section: "archive", main });
  },
};
