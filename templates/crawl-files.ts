// sitemap.xml (a sitemap index once past 50,000 URLs, the protocol's limit), robots.txt, and the
// machine-readable API (/api/articles.json, /api/entities.json and the files they list).

import { entityArticles } from "../src/archive/index.ts";
import { escapeHtml } from "../src/site/html.ts";
import { apiArticlePositions, type ApiArticlesFile, type ApiEntitiesFile } from "../src/site/page-lists.ts";
import { templateContext, type PageData, type TemplateContext } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import { once, perItem } from "./components.ts";

function urlset(ctx: TemplateContext, list: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${list.map((p) => `<url><loc>${escapeHtml(ctx.links.absolute(p))}</loc></url>`).join("\n")}
</urlset>
`;
}

export const sitemap = {
  data: { pagination: once("sitemap"), permalink: ONCE_PAGES.sitemap, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const chunks = ctx.pages.sitemaps;
    if (chunks.length <= 1) return urlset(ctx, chunks[0] ?? []);
    return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${chunks.map((_, i) => `<sitemap><loc>${escapeHtml(ctx.links.absolute(paths.sitemap(i + 1)))}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
  },
};

/** Only written when the site needs a sitemap index. */
export const sitemapChunk = {
  data: perItem("sitemapChunks", (view) => paths.sitemap(view)),
  render(data: PageData<number>): string {
    const ctx = templateContext(data);
    return urlset(ctx, ctx.pages.sitemaps[data.view - 1] ?? []);
  },
};

export const robots = {
  data: { pagination: once("robots"), permalink: ONCE_PAGES.robots, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    return `User-agent: *\nAllow: /\n\nSitemap: ${ctx.links.absolute(paths.sitemap())}\n`;
  },
};

// The API: two index files, /api/articles.json and /api/entities.json, each listing its files — articles
// by month, entities by type and initial letter — so that no file holds the whole archive (a million
// articles would make one of several hundred MB) and an edit rewrites one month's file, not all (#6).
// Compact (one line, slugs rather than URLs inside lists): an article's URL is `articleUrl` with {slug}
// filled in.

function articleUrl(ctx: TemplateContext): string {
  return ctx.links.url(paths.article("{slug}"));
}

export const articlesApi = {
  data: { pagination: once("articlesApi"), permalink: ONCE_PAGES.articlesApi, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const files = ctx.pages.apiArticles.map((f) => ({ month: f.month ?? null, count: f.count, url: ctx.links.url(f.path) }));
    return `${JSON.stringify({ articleUrl: articleUrl(ctx), total: ctx.index.articles.length, files })}\n`;
  },
};

export const articlesApiFile = {
  data: perItem("apiArticles", (view) => view.path),
  render(data: PageData<ApiArticlesFile>): string {
    const ctx = templateContext(data);
    const articles = apiArticlePositions(ctx.index, data.view).map((p) => {
      const a = ctx.index.articles[p]!;
      return {
        slug: a.slug,
        url: ctx.links.url(paths.article(a.slug)),
        title: a.title,
        date: a.date ?? null,
        byline: a.byline ?? null,
        summary: a.summary,
        wordCount: a.wordCount,
        source: a.source,
        entities: a.entities.map((e) => e.key),
        related: a.related.map((r) => ctx.index.articles[r]?.slug),
      };
    });
    return `${JSON.stringify({ articleUrl: articleUrl(ctx), month: data.view.month ?? null, articles })}\n`;
  },
};

export const entitiesApi = {
  data: { pagination: once("entitiesApi"), permalink: ONCE_PAGES.entitiesApi, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const files = ctx.pages.apiEntities.map((f) => ({ type: f.type, letter: f.letter, count: f.members.length, url: ctx.links.url(f.path) }));
    return `${JSON.stringify({ total: ctx.index.entities.length, files })}\n`;
  },
};

export const entitiesApiFile = {
  data: perItem("apiEntities", (view) => view.path),
  render(data: PageData<ApiEntitiesFile>): string {
    const ctx = templateContext(data);
    const { articles } = ctx.index;
    const entities = data.view.members.map((i) => {
      const e = ctx.index.byType[data.view.type][i]!;
      const positions = entityArticles(e);
      return {
        key: e.key,
        type: e.type,
        name: e.name,
        url: ctx.links.url(paths.entity(e.type, e.slug)),
        aliases: e.aliases,
        roles: e.roles,
        articleCount: positions.length,
        articles: Array.from(positions, (p) => articles[p]?.slug),
      };
    });
    return `${JSON.stringify({ articleUrl: articleUrl(ctx), type: data.view.type, letter: data.view.letter, entities })}\n`;
  },
};
