// Feeds: site-wide Atom and JSON Feed with the newest 50 dated articles, and one Atom feed per
// entity. Dates are the articles' own (no build time), so two builds write identical feeds.

import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { entityArticles, type IndexedArticle } from "../src/archive/index.ts";
import { bylineAuthors } from "../src/site/byline-authors.ts";
import { escapeHtml } from "../src/site/html.ts";
import { feedPositions } from "../src/site/page-lists.ts";
import { templateContext, type PageData, type TemplateContext } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import { articlesAt, once, perItem } from "./components.ts";
import { findEntity } from "./entity.ts";

const EPOCH = "1970-01-01T00:00:00Z";

function rfc3339(date: string): string {
  return dateToRfc3339(new Date(`${date}T00:00:00Z`));
}

/** The people an article's byline names (an affiliation is not an author's name). */
function authorsOf(article: IndexedArticle): string[] {
  return article.byline ? bylineAuthors(article.byline).map((author) => author.name) : [];
}

function atom(ctx: TemplateContext, title: string, selfPath: string, pagePath: string, articles: readonly IndexedArticle[]): string {
  const x = escapeHtml;
  const updated = articles[0]?.date ? rfc3339(articles[0].date) : EPOCH;
  const entries = articles.map((a) => {
    const url = ctx.links.absolute(paths.article(a.slug));
    return `  <entry>
    <title>${x(a.title)}</title>
    <link href="${x(url)}"/>
    <id>${x(url)}</id>
    <updated>${rfc3339(a.date!)}</updated>
    <published>${rfc3339(a.date!)}</published>
${authorsOf(a).map((name) => `    <author><name>${x(name)}</name></author>\n`).join("")}    <summary>${x(a.summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(ctx.site.language)}">
  <title>${x(title)}</title>
  <subtitle>${x(ctx.site.description)}</subtitle>
  <link href="${x(ctx.links.absolute(selfPath))}" rel="self"/>
  <link href="${x(ctx.links.absolute(pagePath))}"/>
  <updated>${updated}</updated>
  <id>${x(ctx.links.absolute(pagePath))}</id>
  <author><name>${x(ctx.site.publisher)}</name></author>
${entries.join("\n")}
</feed>
`;
}

export const atomFeed = {
  data: { pagination: once("atom"), permalink: ONCE_PAGES.atom, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    return atom(ctx, ctx.site.title, paths.atom(), paths.home(), articlesAt(ctx.index, feedPositions(ctx.index, ctx.index.articles.keys())));
  },
};

export const jsonFeed = {
  data: { pagination: once("jsonFeed"), permalink: ONCE_PAGES.jsonFeed, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const feed = {
      version: "https://jsonfeed.org/version/1.1",
      title: ctx.site.title,
      description: ctx.site.description,
      language: ctx.site.language,
      home_page_url: ctx.links.absolute(paths.home()),
      feed_url: ctx.links.absolute(paths.jsonFeed()),
      authors: [{ name: ctx.site.publisher }],
      items: articlesAt(ctx.index, feedPositions(ctx.index, ctx.index.articles.keys())).map((a) => ({
        id: ctx.links.absolute(paths.article(a.slug)),
        url: ctx.links.absolute(paths.article(a.slug)),
        title: a.title,
        summary: a.summary,
        content_text: a.summary,
        date_published: rfc3339(a.date!),
        ...(a.byline ? { authors: authorsOf(a).map((name) => ({ name })) } : {}),
        tags: a.topEntities.map((key) => ctx.index.entityByKey.get(key)?.name ?? key),
      })),
    };
    return `${JSON.stringify(feed, null, 2)}\n`;
  },
};

export const entityFeed = {
  data: perItem("entityFeeds", (view) => {
    const [type, ...slug] = view.split(":");
    return paths.entityFeed(type as Parameters<typeof paths.entityFeed>[0], slug.join(":"));
  }),
  render(data: PageData<string>): string {
    const ctx = templateContext(data);
    const entity = findEntity(ctx, data.view);
    const articles = articlesAt(ctx.index, feedPositions(ctx.index, entityArticles(entity)));
    return atom(ctx, `${entity.name} · ${ctx.site.title}`, paths.entityFeed(entity.type, entity.slug), paths.entity(entity.type, entity.slug), articles);
  },
};
