// sitemap.xml (a sitemap index once past 50,000 URLs, the protocol's limit), robots.txt, and the
// machine-readable /api/articles.json and /api/entities.json.

import { escapeHtml } from "../src/site/html.ts";
import { templateContext, type PageData, type TemplateContext } from "../src/site/template-data.ts";
import { ONCE_PAGES, paths } from "../src/site/urls.ts";
import { once } from "./components.ts";

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
  data: {
    pagination: { data: "broadsheet.render.sitemapChunks", size: 1, alias: "view" },
    permalink: (data: PageData<number>) => paths.sitemap(data.view),
    eleventyExcludeFromCollections: true,
  },
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

// Both files stay compact (one line, slugs rather than URLs inside lists) because they grow with the
// archive: an entity lists its articles by slug; an article's URL is `articleUrl` with {slug} filled in.
export const articlesApi = {
  data: { pagination: once("articlesApi"), permalink: ONCE_PAGES.articlesApi, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const articles = ctx.index.articles.map((a) => ({
      slug: a.slug,
      url: ctx.links.url(paths.article(a.slug)),
      title: a.title,
      date: a.date ?? null,
      byline: a.byline ?? null,
      summary: a.summary,
      wordCount: a.wordCount,
      source: a.source,
      entities: a.entities.map((e) => e.key),
      related: a.related.map((p) => ctx.index.articles[p]?.slug),
    }));
    return `${JSON.stringify({ articleUrl: ctx.links.url(paths.article("{slug}")), articles })}\n`;
  },
};

export const entitiesApi = {
  data: { pagination: once("entitiesApi"), permalink: ONCE_PAGES.entitiesApi, eleventyExcludeFromCollections: true },
  render(data: PageData): string {
    const ctx = templateContext(data);
    const entities = ctx.index.entities.map((e) => ({
      key: e.key,
      type: e.type,
      name: e.name,
      url: ctx.links.url(paths.entity(e.type, e.slug)),
      aliases: e.aliases,
      roles: e.roles,
      articleCount: e.mentions.length,
      articles: e.mentions.map((m) => ctx.index.articles[m.article]?.slug),
    }));
    return `${JSON.stringify({ articleUrl: ctx.links.url(paths.article("{slug}")), entities })}\n`;
  },
};
