// The article parse cache: parsed content/articles/*.md kept between builds (issue 6).
export {
  ARTICLE_CACHE_DIR,
  ARTICLE_CACHE_ENV,
  ArticleParseCache,
  type ArticleParseCacheOptions,
  type ReadArticle,
  type ScannedArticle,
} from "./article-parse-cache.ts";
export { HeaderMemo } from "./cache-bucket.ts";
export { recordWritten, type ArticleFacts, type WrittenRecord } from "./parse-for-cache.ts";
export { RAW_HASH_CACHE_FILE, RawHashCache, type RawHashCacheOptions } from "./raw-hash-cache.ts";
