export {
  buildArchiveIndex,
  eachArticleEntity,
  entityArticles,
  indexArchive,
  type IndexedArchive,
  sortKey,
  ENTITY_TYPES,
  type ArchiveArticle,
  type ArchiveIndex,
  type ArticleEntity,
  type BuildArchiveIndexOptions,
  type EntityMention,
  type IndexedArticle,
  type IndexedEntity,
  type IndexedQuote,
  type YearGroup,
  warmIndexMemo,
} from "./build-archive-index.ts";
export { ENTITY_FIELDS, resolveEntities, type CanonicalEntity, type EntityResolution, type ArticleEntities } from "./resolve-entities.ts";
export { NO_EDITORIAL_RULES, parseEditorialRules, type EditorialRules } from "./editorial-rules.ts";
export {
  articleTexts,
  CoreDamagedError,
  coreFromArticles,
  decodeArchiveCore,
  encodeArchiveCore,
  hollowArticles,
  isArchiveCore,
  rowTexts,
  staleNames,
  textAt,
  updateCore,
  type ArchiveCore,
  type CoreArticle,
} from "./archive-core.ts";
export { isIndexMemo, type IndexMemo } from "./index-memo.ts";
export type { IndexDiff, PreviousIndex } from "./index-diff.ts";
