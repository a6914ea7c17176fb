// One page per person, organisation, place and law (paginated when long): who or what it is, every
// article that mentions it with the sentence, quotes, companions, and mentions over time.

import type { IndexedEntity } from "../src/archive/index.ts";
import { html } from "../src/site/html.ts";
import { PAGE_SIZES, type EntityPage } from "../src/site/page-lists.ts";
import { templateContext, type PageData, type TemplateContext } from "../src/site/template-data.ts";
import { paths } from "../src/site/urls.ts";
import { dateOrUndated, entityLink, mentionsChart, pager, perItem, plural, TYPE_LABELS } from "./components.ts";
import { shell } from "./shell.ts";

const SCHEMA_TYPES = { person: "Person", organization: "Organization", place: "Place", law: "Legislation" } as const;

function jsonLd(ctx: TemplateContext, entity: IndexedEntity): unknown {
  return {
    "@context": "https://schema.org",
    "@type": SCHEMA_TYPES[entity.type],
    name: entity.name,
    url: ctx.links.absolute(paths.entity(entity.type, entity.slug)),
    ...(entity.aliases.length > 1 ? { alternateName: entity.aliases.filter((a) => a !== entity.name) } : {}),
    ...(entity.type === "person" && entity.roles.length > 0 ? { jobTitle: entity.roles[0] } : {}),
    ...(entity.type !== "person" && entity.roles.length > 0 ? { description: entity.roles.join("; ") } : {}),
  };
}

export function findEntity(ctx: TemplateContext, key: string): IndexedEntity {
  const entity = ctx.index.entityByKey.get(key);
  if (!entity) throw new Error(`entity '${key}' is not in the archive index`);
  return entity;
}

export const entityPage = {
  data: perItem("entity", (view) => view.path),
  render(data: PageData<EntityPage>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const entity = findEntity(ctx, view.key);
    const label = TYPE_LABELS[entity.type];
    const first = view.first;
    const mentions = entity.mentions.slice(view.start, view.end);
    const aliases = entity.aliases.filter((a) => a !== entity.name);
    const main = html`<article class="entity">
<header>
<p class="kicker"><a href="${ctx.links.url(paths.typeIndex(entity.type))}">${label.many}</a></p>
<h1>${entity.name}</h1>
<p class="meta">${label.one} · ${first ? `mentioned in ${plural(entity.articleCount, "article")}` : `page ${view.number} of its articles`}</p>
${entity.roles.length > 0 || aliases.length > 0 ? html`<dl class="facts">
${entity.roles.length > 0 ? html`<dt>${entity.roles.length === 1 ? "Role" : "Roles"}</dt><dd>${entity.roles.join("; ")}</dd>` : ""}
${aliases.length > 0 ? html`<dt>Also called</dt><dd>${aliases.join(", ")}</dd>` : ""}
</dl>` : ""}
</header>
${first ? mentionsChart(entity) : ""}
<section aria-labelledby="mentions">
<h2 id="mentions">Articles</h2>
<ol class="mentions">
${mentions.map((m) => {
  const article = ctx.index.articles[m.article];
  if (!article) return "";
  const href = ctx.links.url(paths.article(article.slug));
  return html`<li><h3><a href="${href}">${article.title}</a></h3>
<p class="meta">${dateOrUndated(article)}</p>
${m.sentence ? html`<blockquote class="sentence"><p>${m.sentence} <a href="${href}#${m.paragraph}" aria-label="Read in context: ${article.title}">in context</a></p></blockquote>` : ""}</li>`;
})}
</ol>
${pager(ctx, view, `Pages of articles about ${entity.name}`)}
</section>
${first && entity.quotes.length > 0 ? html`<section aria-labelledby="entity-quotes"><h2 id="entity-quotes">Quotes</h2>
${entity.quotes.slice(0, PAGE_SIZES.entityQuotes).map((q) => {
  const article = ctx.index.articles[q.article];
  return html`<figure class="quote"><blockquote><p>${q.text}</p></blockquote>${article ? html`<figcaption>— ${entity.name}, in <a href="${ctx.links.url(paths.article(article.slug))}#${q.paragraph}">${article.title}</a></figcaption>` : ""}</figure>`;
})}
</section>` : ""}
${first && entity.cooccurring.length > 0 ? html`<section aria-labelledby="companions"><h2 id="companions">Often mentioned with</h2>
<ul class="companions">${entity.cooccurring.map((c) => html`<li>${entityLink(ctx, c.key)} <span class="count">(${plural(c.count, "article")})</span></li>`)}</ul></section>` : ""}
<p class="feed-link"><a href="${ctx.links.url(paths.entityFeed(entity.type, entity.slug))}">Atom feed for ${entity.name}</a></p>
</article>`;
    return shell(ctx, {
      title: first ? entity.name : `${entity.name} (page ${view.number})`,
      description: `${label.one}: ${entity.name}. ${entity.roles[0] ? `${entity.roles[0]}. ` : ""}${first ? `Mentioned in ${plural(entity.articleCount, "article")}.` : `Page ${view.number} of its articles.`}`,
      path: view.path,
      ogType: entity.type === "person" ? "profile" : "website",
      section: ({ person: "people", organization: "organizations", place: "places", law: "laws" } as const)[entity.type],
      jsonLd: jsonLd(ctx, entity),
      head: html`<link rel="alternate" type="application/atom+xml" title="${entity.name} (Atom)" href="${ctx.links.url(paths.entityFeed(entity.type, entity.slug))}">`,
      main,
    });
  },
};
