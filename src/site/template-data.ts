// What every template receives from Eleventy, typed: the site settings, the archive index and page
// lists (global data `broadsheet`), and the current page.

import type { ArchiveIndex } from "../archive/index.ts";
import type { PageLists } from "./page-lists.ts";
import type { ArticleBodies } from "./article-bodies.ts";
import type { RenderLists } from "./render-lists.ts";
import { siteSettings, type SiteSettings } from "./site-settings.ts";
import { Links } from "./urls.ts";

/** Global data `broadsheet`, computed once per build by broadsheetPlugin. */
export interface BroadsheetData {
  readonly index: ArchiveIndex;
  readonly pages: PageLists;
  /** The pages this Eleventy run writes: all of them, or one shard's slice (render-lists.ts). */
  readonly render: RenderLists;
  readonly pathPrefix: string;
  /** The HTML of each article body, rendered through src/markdown. */
  readonly bodies: ArticleBodies;
}

export interface PageData<View = undefined> {
  readonly site?: unknown;
  readonly broadsheet: BroadsheetData;
  readonly page: { readonly url: string | false; readonly fileSlug: string; readonly inputPath: string };
  /** The pagination item (paginated templates use the alias "view"). */
  readonly view: View;
}

export interface TemplateContext {
  readonly site: SiteSettings;
  readonly links: Links;
  readonly index: ArchiveIndex;
  readonly pages: PageLists;
}

export function templateContext(data: PageData<unknown>): TemplateContext {
  const site = siteSettings(data.site);
  return { site, links: new Links(data.broadsheet.pathPrefix, site.url), index: data.broadsheet.index, pages: data.broadsheet.pages };
}
