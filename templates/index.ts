// Every template of the site, by the virtual path Eleventy knows it under (see src/site/register-templates.ts).
import { articlePage } from "./article.ts";
import { articlesApi, articlesApiFile, entitiesApi, entitiesApiFile, robots, sitemap, sitemapChunk } from "./crawl-files.ts";
import { archivePage, monthPage, yearPage } from "./date-archive.ts";
import { entityIndexPage } from "./entity-index.ts";
import { entityPage } from "./entity.ts";
import { atomFeed, entityFeed, jsonFeed } from "./feeds.ts";
import { homePage } from "./home.ts";
import { notFoundPage } from "./not-found.ts";
import { searchPage } from "./search.ts";
import { undatedPage } from "./undated.ts";

export const pages = {
  "broadsheet/home.11ty.js": homePage,
  "broadsheet/entity.11ty.js": entityPage,
  "broadsheet/entity-index.11ty.js": entityIndexPage,
  "broadsheet/archive.11ty.js": archivePage,
  "broadsheet/year.11ty.js": yearPage,
  "broadsheet/month.11ty.js": monthPage,
  "broadsheet/undated.11ty.js": undatedPage,
  "broadsheet/search.11ty.js": searchPage,
  "broadsheet/404.11ty.js": notFoundPage,
  "broadsheet/feed-atom.11ty.js": atomFeed,
  "broadsheet/feed-json.11ty.js": jsonFeed,
  "broadsheet/entity-feed.11ty.js": entityFeed,
  "broadsheet/sitemap.11ty.js": sitemap,
  "broadsheet/sitemap-chunk.11ty.js": sitemapChunk,
  "broadsheet/robots.11ty.js": robots,
  "broadsheet/api-articles.11ty.js": articlesApi,
  "broadsheet/api-entities.11ty.js": entitiesApi,
  "broadsheet/api-articles-file.11ty.js": articlesApiFile,
  "broadsheet/api-entities-file.11ty.js": entitiesApiFile,
  // Last: large builds render article bodies in worker threads meanwhile (src/site/article-bodies.ts).
  "broadsheet/article.11ty.js": articlePage,
} as const;
