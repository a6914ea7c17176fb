// content/_data/site.json, with defaults, so a content folder without it still builds.

export interface SiteSettings {
  readonly title: string;
  /** Base URL of the deployed site, used for canonical links, feeds and the sitemap. */
  readonly url: string;
  /** BCP 47 language of the pages ("en"). */
  readonly language: string;
  readonly description: string;
  /** Name shown as the publisher in feeds and JSON-LD when an article has no source name. */
  readonly publisher: string;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  title: "Broadsheet",
  url: "https://example.org",
  language: "en",
  description: "A news archive.",
  publisher: "Broadsheet",
};

export function siteSettings(data: unknown): SiteSettings {
  const given = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const pick = (key: keyof SiteSettings): string => {
    const value = given[key];
    return typeof value === "string" && value.trim() ? value : DEFAULT_SITE_SETTINGS[key];
  };
  return { title: pick("title"), url: pick("url"), language: pick("language"), description: pick("description"), publisher: pick("publisher") };
}
