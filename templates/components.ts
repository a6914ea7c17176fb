// Pieces several pages share: dates, article list items, pagination, the mentions chart.

import type { ArchiveIndex, IndexedArticle, IndexedEntity } from "../src/archive/index.ts";
import { html, type SafeHtml } from "../src/site/html.ts";
import type { Paged } from "../src/site/page-lists.ts";
import type { RenderLists } from "../src/site/render-lists.ts";
import type { PageData, TemplateContext } from "../src/site/template-data.ts";
import { paths, type OncePage } from "../src/site/urls.ts";
import type { EntityType } from "../src/types.ts";

/**
 * Pagination of a one-off page (archive, feeds, sitemap, API, search, 404, robots.txt): one page on the
 * Eleventy run that writes it, none on the other shards of a sharded build or when an incremental build
 * leaves it as it is (src/site/render-lists.ts).
 */
export function once(page: OncePage) {
  return { data: `broadsheet.render.once.${page}`, size: 1, alias: "once" } as const;
}

/**
 * Eleventy data of a page kind written once per item of one of the run's render lists (src/site/render-lists.ts),
 * the item as `view`, at the permalink `permalink` gives it.
 */
export function perItem<K extends Exclude<keyof RenderLists, "once">>(list: K, permalink: (view: RenderLists[K][number]) => string) {
  return {
    pagination: { data: `broadsheet.render.${list}`, size: 1, alias: "view" },
    permalink: (data: PageData<RenderLists[K][number]>) => permalink(data.view),
    eleventyExcludeFromCollections: true,
  };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2018-01-18" → "January 18, 2018"; fixed English names so output never depends on the machine's locale. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  const month = MONTHS[Number(m) - 1] ?? "";
  if (!d) return m ? `${month} ${y}` : (y ?? iso);
  return `${month} ${Number(d)}, ${y}`;
}

export function formatMonth(month: string): string {
  return formatDate(month.slice(0, 7));
}

export const TYPE_LABELS: Readonly<Record<EntityType, { one: string; many: string }>> = {
  person: { one: "Person", many: "People" },
  organization: { one: "Organisation", many: "Organisations" },
  place: { one: "Place", many: "Places" },
  law: { one: "Law", many: "Laws" },
};

export const FILTER_NAMES: Readonly<Record<EntityType, string | undefined>> = {
  person: "person",
  organization: "organisation",
  place: "place",
  law: undefined,
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function dateOrUndated(article: { readonly date?: string }): SafeHtml {
  return article.date ? html`<time datetime="${article.date}">${formatDate(article.date)}</time>` : html`<span class="undated">Undated</span>`;
}

export function entityPath(entity: Pick<IndexedEntity, "type" | "slug">): string {
  return paths.entity(entity.type, entity.slug);
}

export function entityLink(ctx: TemplateContext, key: string, label?: string): SafeHtml {
  const entity = ctx.index.entityByKey.get(key);
  if (!entity) return html`${label ?? key}`;
  return html`<a href="${ctx.links.url(entityPath(entity))}">${label ?? entity.name}</a>`;
}

/** An article in a list: headline, date, summary and its top entities. */
export function articleItem(ctx: TemplateContext, article: IndexedArticle, level: 2 | 3 = 2): SafeHtml {
  const heading = html`<a href="${ctx.links.url(paths.article(article.slug))}">${article.title}</a>`;
  return html`<li class="article-item">
${level === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
<p class="meta">${dateOrUndated(article)}</p>
${article.summary ? html`<p>${article.summary}</p>` : ""}
${article.topEntities.length > 0 ? html`<p class="tags"><span class="visually-hidden">Mentions: </span>${article.topEntities.map((key, i) => html`${i > 0 ? ", " : ""}${entityLink(ctx, key)}`)}</p>` : ""}
</li>`;
}

export function articlesAt(index: ArchiveIndex, positions: readonly number[]): IndexedArticle[] {
  return positions.map((p) => index.articles[p]).filter((a): a is IndexedArticle => a !== undefined);
}

export function pager(ctx: TemplateContext, paged: Paged, label: string, words: readonly [string, string] = ["Newer", "Older"]): SafeHtml {
  if (!paged.previous && !paged.next) return html``;
  // A list numbered from its oldest end has no total on its pages: each add would change them all.
  const where = paged.total !== undefined ? `Page ${paged.number} of ${paged.total}` : paged.first ? "Latest" : `Page ${paged.number}`;
  return html`<nav class="pager" aria-label="${label}">
${paged.previous ? html`<a href="${ctx.links.url(paged.previous)}" rel="prev">${words[0]}</a>` : ""}
<span>${where}</span>
${paged.next ? html`<a href="${ctx.links.url(paged.next)}" rel="next">${words[1]}</a>` : ""}
</nav>`;
}

/** Months from first to last with gaps filled; by year when the span is long, so bars stay visible. */
function chartSeries(months: IndexedEntity["months"]): { label: string; count: number }[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const counts = new Map(months.map((m) => [m.month, m.count]));
  const startY = Number(first.month.slice(0, 4));
  const endY = Number(last.month.slice(0, 4));
  const span = (endY - startY) * 12 + Number(last.month.slice(5)) - Number(first.month.slice(5)) + 1;
  const series: { label: string; count: number }[] = [];
  if (span > 60) {
    for (let y = startY; y <= endY; y++) {
      let count = 0;
      for (let m = 1; m <= 12; m++) count += counts.get(`${y}-${String(m).padStart(2, "0")}`) ?? 0;
      series.push({ label: String(y), count });
    }
    return series;
  }
  let y = startY;
  let m = Number(first.month.slice(5));
  for (let i = 0; i < span; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    series.push({ label: formatMonth(key), count: counts.get(key) ?? 0 });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return series;
}

/** A small static bar chart of mentions over time; no script, described in text for screen readers. */
export function mentionsChart(entity: IndexedEntity): SafeHtml {
  const series = chartSeries(entity.months);
  if (series.length === 0) return html``;
  const max = Math.max(...series.map((s) => s.count), 1);
  const width = 600;
  const height = 120;
  const bar = width / series.length;
  const peak = series.reduce((a, b) => (b.count > a.count ? b : a));
  const first = series[0]!.label;
  const last = series[series.length - 1]!.label;
  const description = `Mentions of ${entity.name} from ${first} to ${last}; most (${peak.count}) in ${peak.label}.`;
  const id = `chart-${entity.slug}`;
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height + 20}" role="img" aria-labelledby="${id}" preserveAspectRatio="none">
<title id="${id}">${description}</title>
${series.map((s, i) => {
  const h = Math.round((s.count / max) * height);
  return html`<rect x="${(i * bar + bar * 0.1).toFixed(1)}" y="${height - h}" width="${Math.max(bar * 0.8, 1).toFixed(1)}" height="${h}"><title>${s.label}: ${s.count}</title></rect>`;
})}
<line x1="0" y1="${height + 0.5}" x2="${width}" y2="${height + 0.5}"></line>
</svg>
<figcaption>${description}</figcaption>
</figure>`;
}
