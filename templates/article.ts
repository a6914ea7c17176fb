// Layout of content/articles/*.md: the body Eleventy rendered (through src/markdown) inside the
// headline, provenance, "In this article" panel, quotes, sources, related and neighbour links.

import type { ArticleEntity, IndexedArticle } from "../src/archive/index.ts";
import { html, trusted, type SafeHtml } from "../src/site/html.ts";
import type { PageData, TemplateContext } from "../src/site/template-data.ts";
import { templateContext } from "../src/site/template-data.ts";
import { bylineAuthors, type BylineAuthor } from "../src/site/byline-authors.ts";
import { paths } from "../src/site/urls.ts";
import type { EntityType } from "../src/types.ts";
import { dateOrUndated, entityPath, FILTER_NAMES, formatDate, perItem, TYPE_LABELS } from "./components.ts";
import { shell } from "./shell.ts";

/** "Wikinews (news) via GUM corpus" → "Wikinews". */
function publicationName(name: string | undefined, url: string | undefined): string | undefined {
  const cut = name?.split(/\s+(?:\(|via\b)/)[0]?.trim();
  if (cut) return cut;
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

function origin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An http(s) URL made valid for href: stray "%" and characters like '"' percent-encoded. */
function safeHref(url: string | undefined): string | undefined {
  if (!url || !origin(url)) return undefined;
  return new URL(url.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")).href;
}

function provenance(article: IndexedArticle): SafeHtml {
  const { source } = article;
  const name = publicationName(source.name, source.url);
  const site = origin(source.url);
  const href = safeHref(source.url);
  const licenseUrl = safeHref(source.licenseUrl);
  const license = source.license ? (licenseUrl ? html`<a href="${licenseUrl}" rel="license">${source.license}</a>` : html`${source.license}`) : undefined;
  const lines: SafeHtml[] = [];
  if (name && license) lines.push(html`<p>Text from ${name}${site ? html` (${site})` : ""}, ${license}.</p>`);
  else if (license) lines.push(html`<p>License: ${license}.</p>`);
  if (source.attribution) lines.push(html`<p>${source.attribution}</p>`);
  if (href) lines.push(html`<p>Source: <a href="${href}">${href}</a></p>`);
  else if (name) lines.push(html`<p>Source: ${name}</p>`);
  return lines.length === 0 ? html`` : html`<div class="provenance">${lines}</div>`;
}

const PANEL_ORDER: readonly EntityType[] = ["person", "organization", "place", "law"];

function panel(ctx: TemplateContext, article: IndexedArticle): SafeHtml {
  const groups = PANEL_ORDER.map((type) => ({ type, entities: article.entities.filter((e) => e.type === type) })).filter((g) => g.entities.length > 0);
  const item = (e: ArticleEntity): SafeHtml => {
    const filter = FILTER_NAMES[e.type];
    return html`<li><a href="${ctx.links.url(entityPath({ type: e.type, slug: e.key.slice(e.type.length + 1) }))}"${filter ? html` data-pagefind-filter="${filter}"` : ""}>${e.name}</a>${e.role ? html`<span class="role">, ${e.role}</span>` : ""}</li>`;
  };
  if (groups.length === 0 && article.money.length === 0) return html``;
  // Not search text (its names would crowd excerpts); its filters are still read (data-pagefind-ignore="index").
  return html`<aside class="panel" aria-labelledby="in-this-article" data-pagefind-ignore>
<h2 id="in-this-article">In this article</h2>
${groups.map((g) => html`<h3>${TYPE_LABELS[g.type].many}</h3><ul>${g.entities.map(item)}</ul>`)}
${article.money.length > 0 ? html`<h3>Money</h3><ul>${article.money.map((m) => html`<li><a href="#${m.paragraph}">${m.text}</a></li>`)}</ul>` : ""}
</aside>`;
}

function quotes(ctx: TemplateContext, article: IndexedArticle): SafeHtml {
  if (article.quotes.length === 0) return html``;
  return html`<section aria-labelledby="quotes" data-pagefind-ignore>
<h2 id="quotes">Quotes</h2>
${article.quotes.map((q) => {
  const entity = q.speakerKey ? ctx.index.entityByKey.get(q.speakerKey) : undefined;
  const speaker = entity ? html`<a href="${ctx.links.url(entityPath(entity))}">${entity.name}</a>` : q.speaker ? html`${q.speaker}` : html`Unattributed`;
  return html`<figure class="quote"><blockquote><p>${q.text}</p></blockquote><figcaption>— ${speaker} <a href="#${q.paragraph}" class="context">in context</a></figcaption></figure>`;
})}
</section>`;
}

function related(ctx: TemplateContext, article: IndexedArticle): SafeHtml {
  const items = article.related.map((p) => ctx.index.articles[p]).filter((a): a is IndexedArticle => a !== undefined);
  const older = article.older === undefined ? undefined : ctx.index.articles[article.older];
  const newer = article.newer === undefined ? undefined : ctx.index.articles[article.newer];
  return html`${items.length > 0 ? html`<section aria-labelledby="related" data-pagefind-ignore>
<h2 id="related">Related articles</h2>
<ul class="related">${items.map((a) => html`<li><a href="${ctx.links.url(paths.article(a.slug))}">${a.title}</a> <span class="meta">${dateOrUndated(a)}</span></li>`)}</ul>
</section>` : ""}
${older || newer ? html`<nav class="neighbours" aria-label="Older and newer articles" data-pagefind-ignore>
${newer ? html`<a href="${ctx.links.url(paths.article(newer.slug))}" rel="next"><span>Newer</span> ${newer.title}</a>` : ""}
${older ? html`<a href="${ctx.links.url(paths.article(older.slug))}" rel="prev"><span>Older</span> ${older.title}</a>` : ""}
</nav>` : ""}`;
}

function person(author: BylineAuthor): unknown {
  return {
    "@type": "Person",
    name: author.name,
    ...(author.jobTitle ? { jobTitle: author.jobTitle } : {}),
    ...(author.affiliation ? { affiliation: { "@type": "Organization", name: author.affiliation } } : {}),
  };
}

function jsonLd(ctx: TemplateContext, article: IndexedArticle): unknown {
  const thing = (e: ArticleEntity): unknown => ({
    "@type": e.type === "person" ? "Person" : e.type === "organization" ? "Organization" : e.type === "place" ? "Place" : "Legislation",
    name: e.name,
    url: ctx.links.absolute(entityPath({ type: e.type, slug: e.key.slice(e.type.length + 1) })),
  });
  const top = new Set(article.topEntities);
  const url = ctx.links.absolute(paths.article(article.slug));
  const publisher = publicationName(article.source.name, article.source.url);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
    url,
    mainEntityOfPage: url,
    ...(article.summary ? { description: article.summary } : {}),
    ...(article.date ? { datePublished: article.date, dateModified: article.date } : {}),
    ...(article.byline ? { author: bylineAuthors(article.byline).map(person) } : {}),
    ...(publisher ? { publisher: { "@type": "Organization", name: publisher, ...(origin(article.source.url) ? { url: origin(article.source.url) } : {}) } } : {}),
    ...(article.source.license ? { license: safeHref(article.source.licenseUrl) ?? article.source.license } : {}),
    ...(article.source.url ? { isBasedOn: article.source.url } : {}),
    wordCount: article.wordCount,
    inLanguage: ctx.site.language,
    about: article.entities.filter((e) => top.has(e.key)).map(thing),
    mentions: article.entities.filter((e) => !top.has(e.key)).map(thing),
  };
}

export const articlePage = {
  data: perItem("articles", (view) => paths.article(view.slug)),
  async render(data: PageData<IndexedArticle>): Promise<string> {
    const ctx = templateContext(data);
    const article = data.view;
    const body = await data.broadsheet.bodies.take(article.slug);
    const year = article.date?.slice(0, 4);
    const main = html`<article class="article" data-pagefind-body>
<header class="article-header">
<h1 id="title">${article.title}</h1>
<p class="meta" data-pagefind-ignore>${article.date ? html`<time datetime="${article.date}" data-pagefind-filter="year:${year}" data-pagefind-meta="date:${formatDate(article.date)}">${formatDate(article.date)}</time>` : dateOrUndated(article)}${article.byline ? html` · <span class="byline">By ${article.byline}</span>` : ""} · ${article.readingMinutes} min read</p>
${provenance(article)}
</header>
<div class="article-layout">
<div class="body">
${trusted(body)}
</div>
${panel(ctx, article)}
</div>
</article>
${quotes(ctx, article)}
${article.sources.length > 0 ? html`<section aria-labelledby="sources" data-pagefind-ignore><h2 id="sources">Sources cited</h2><ul>${article.sources.map((s) => html`<li>${s}</li>`)}</ul></section>` : ""}
${related(ctx, article)}`;
    return shell(ctx, {
      title: article.title,
      description: article.summary,
      path: paths.article(article.slug),
      ogType: "article",
      jsonLd: jsonLd(ctx, article),
      main,
    });
  },
};
