// An index as toEqual should compare it: an article's `entities` and `quotes` and an entity's `mentions`,
// `quotes` and `months` are getters on their prototypes (made when first read, src/archive/build-archive-index.ts),
// which toEqual and v8.serialize, reading own properties only, would skip.
import type { ArchiveIndex, IndexedArticle, IndexedEntity } from "../../src/archive/index.ts";
import type { EntityType } from "../../src/types.ts";

export function comparableArticles(articles: readonly IndexedArticle[]): IndexedArticle[] {
  return articles.map((a) => ({ ...a, entities: a.entities, quotes: a.quotes }));
}

export function comparableEntities(entities: readonly IndexedEntity[]): IndexedEntity[] {
  return entities.map((e) => ({ ...e, mentions: e.mentions, quotes: e.quotes, months: e.months }));
}

export function comparableIndex(index: ArchiveIndex): ArchiveIndex {
  const entities = comparableEntities(index.entities);
  const byType = Object.fromEntries(Object.entries(index.byType).map(([type, list]) => [type, comparableEntities(list)])) as Record<EntityType, IndexedEntity[]>;
  return { ...index, articles: comparableArticles(index.articles), entities, entityByKey: new Map(entities.map((e) => [e.key, e])), byType };
}
