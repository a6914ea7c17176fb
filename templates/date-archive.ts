// The date archive: all years (with months), one page per year (months with counts), one page per
// month (its articles). Undated articles have their own page (undated.ts).

import { html } from "../src/site/html.ts";
import type { MonthPage } from "../src/site/page-lists.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import { articleItem, articlesAt, formatMonth, once, pager, perItem, plural } from "./components.ts";
import { shell } from "./shell.ts";

export const archivePage = {
  data: { pagination: once("archive"), permalink: ONCE_PAGES.archive, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const main = html`<h1>Archive</h1>
<p class="meta">${plural(ctx.index.articles.length - ctx.index.undated.length, "dated article")} · <a href="${ctx.links.url(paths.undated())}">${plural(ctx.index.undated.length, "undated article")}</a></p>
${ctx.index.years.map((y) => html`<section aria-labelledby="year-${y.year}">
<h2 id="year-${y.year}"><a href="${ctx.links.url(paths.year(y.year))}">${y.year}</a> <span class="count">${plural(y.count, "article")}</span></h2>
<ul class="months">${y.months.map((m) => html`<li><a href="${ctx.links.url(paths.month(m.month))}">${formatMonth(m.month)}</a> <span class="count">${m.articles.length}</span></li>`)}</ul>
</section>`)}`;
    return shell(ctx, { title: "Archive", description: "Every article by year and month.", path: paths.archive(), section: "archive", main });
  },
};

export const yearPage = {
  data: perItem("years", (view) => view.path),
  render(data: PageData<{ year: string; path: string }>): string {
    const ctx = templateContext(data);
    const year = ctx.index.years.find((y) => y.year === data.view.year);
    const main = html`<p class="kicker"><a href="${ctx.links.url(paths.archive())}">Archive</a></p>
<h1>${data.view.year}</h1>
<p class="meta">${plural(year?.count ?? 0, "article")}</p>
<ul class="months">${(year?.months ?? []).map((m) => html`<li><a href="${ctx.links.url(paths.month(m.month))}">${formatMonth(m.month)}</a> <span class="count">${plural(m.articles.length, "article")}</span></li>`)}</ul>`;
    return shell(ctx, { title: data.view.year, description: `Articles from ${data.view.year}.`, path: data.view.path, section: "archive", main });
  },
};

export const monthPage = {
  data: perItem("months", (view) => view.path),
  render(data: PageData<MonthPage>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const month = ctx.index.years.find((y) => y.year === view.year)?.months.find((m) => m.month === view.month);
    const title = view.number === 1 ? formatMonth(view.month) : `${formatMonth(view.month)} (page ${view.number})`;
    const main = html`<p class="kicker"><a href="${ctx.links.url(paths.archive())}">Archive</a> › <a href="${ctx.links.url(paths.year(view.year))}">${view.year}</a></p>
<h1>${title}</h1>
<p class="meta">${plural(month?.articles.length ?? 0, "article")}</p>
<ol class="article-list">${articlesAt(ctx.index, (month?.articles ?? []).slice(view.start, view.end)).map((a) => articleItem(ctx, a))}</ol>
${pager(ctx, view, `Pages of ${formatMonth(view.month)}`)}`;
    return shell(ctx, { title, description: `Articles from ${formatMonth(view.month)}.`, path: view.path, section: "archive", main });
  },
};
