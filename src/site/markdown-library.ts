// Eleventy's Markdown library, replaced by our unified pipeline (issue 2 §5), for any Markdown page in
// the content folder. Article bodies go through the same pipeline (article-bodies.ts) with their
// entity links; this also computes those links.

import type { ArchiveIndex } from "../archive/index.ts";
import { renderArticleBody, type EntityLink } from "../markdown/index.ts";
import type { MarkdownLibrary } from "./eleventy-config.ts";
import { paths } from "./urls.ts";

/** Where each entity of an article links; `url` turns a root-relative path into a prefixed one. */
export function entityLinksFor(index: ArchiveIndex, slug: string, url: (path: string) => string): EntityLink[] {
  const article = index.articles[index.articleBySlug.get(slug) ?? -1];
  if (!article) return [];
  return article.entities.map((e) => {
    const entity = index.entityByKey.get(e.key);
    return {
      name: e.name,
      aliases: [...new Set([e.localName, ...e.aliases])],
      url: url(paths.entity(e.type, entity?.slug ?? e.key.slice(e.type.length + 1))),
    };
  });
}

export const markdownLibrary: MarkdownLibrary = {
  render(markdown: string, data: unknown): string {
    const inputPath = (data as { page?: { inputPath?: unknown } } | undefined)?.page?.inputPath;
    return renderArticleBody(markdown, typeof inputPath === "string" ? { path: inputPath } : {});
  },
};
