// Eleventy's Markdown library, replaced by our unified pipeline. Eleventy calls render(str, data) with
// the page's full data, so each article's entity links come from the archive index by its slug.

import { renderArticleBody, type EntityLink } from "../markdown/index.ts";
import type { MarkdownLibrary } from "./eleventy-config.ts";
import type { ArchiveIndex } from "../archive/index.ts";
import type { PageData } from "./template-data.ts";
import { DEFAULT_SITE_SETTINGS } from "./site-settings.ts";
import { Links, paths } from "./urls.ts";

/** Where each entity of an article links, path prefix included. */
export function entityLinksFor(index: ArchiveIndex, slug: string, pathPrefix: string): EntityLink[] {
  const article = index.articles[index.articleBySlug.get(slug) ?? -1];
  if (!article) return [];
  const links = new Links(pathPrefix, DEFAULT_SITE_SETTINGS.url);
  return article.entities.map((e) => {
    const entity = index.entityByKey.get(e.key);
    return {
      name: e.name,
      aliases: [...new Set([e.localName, ...e.aliases])],
      url: links.url(paths.entity(e.type, entity?.slug ?? e.key.slice(e.type.length + 1))),
    };
  });
}

export const markdownLibrary: MarkdownLibrary = {
  render(markdown: string, data: unknown): string | Promise<string> {
    const page = data as Partial<PageData<unknown>> | undefined;
    const broadsheet = page?.broadsheet;
    const slug = page?.slug ?? page?.page?.fileSlug;
    if (!broadsheet || slug === undefined) return renderArticleBody(markdown);
    return (
      broadsheet.bodies?.take(slug, markdown) ??
      renderArticleBody(markdown, {
        entityLinks: entityLinksFor(broadsheet.index, slug, broadsheet.pathPrefix),
        ...(page?.page?.inputPath ? { path: page.page.inputPath } : {}),
      })
    );
  },
};
