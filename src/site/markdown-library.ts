// Eleventy's Markdown library, replaced by our unified pipeline. Eleventy calls render(str, data) with
// the page's full data, so each article's entity links come from the archive index by its slug.

import { renderArticleBody, type EntityLink } from "../markdown/index.ts";
import type { MarkdownLibrary } from "./eleventy-config.ts";
import type { PageData } from "./template-data.ts";
import { siteSettings } from "./site-settings.ts";
import { Links, paths } from "./urls.ts";

export function entityLinksFor(data: PageData<unknown>): EntityLink[] {
  const broadsheet = data.broadsheet;
  if (!broadsheet) return [];
  const slug = data.slug ?? data.page?.fileSlug;
  const article = slug === undefined ? undefined : broadsheet.index.articles[broadsheet.index.articleBySlug.get(slug) ?? -1];
  if (!article) return [];
  const links = new Links(broadsheet.pathPrefix, siteSettings(data.site).url);
  return article.entities.map((e) => {
    const entity = broadsheet.index.entityByKey.get(e.key);
    return {
      name: e.name,
      aliases: [...new Set([e.localName, ...e.aliases])],
      url: links.url(paths.entity(e.type, entity?.slug ?? e.key.slice(e.type.length + 1))),
    };
  });
}

export const markdownLibrary: MarkdownLibrary = {
  render(markdown: string, data: unknown): string {
    const page = data as PageData<unknown>;
    return renderArticleBody(markdown, { entityLinks: entityLinksFor(page), ...(page?.page?.inputPath ? { path: page.page.inputPath } : {}) });
  },
};
