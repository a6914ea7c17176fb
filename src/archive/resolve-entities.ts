// Entity identity across the archive: one canonical name and one slug per entity, site-wide.
// FIRST PASS (lead): exact-name identity per type. The extraction helper replaces the internals
// (surname/alias merging across articles, editorial rules) behind the same signature.

import type { EntityRecord, EntityType } from "../types.ts";
import type { EditorialRules } from "./editorial-rules.ts";
import { slugify } from "../ingest/slugify.ts";

export interface ArticleEntities {
  readonly slug: string;
  readonly date?: string;
  readonly people: readonly EntityRecord[];
  readonly organizations: readonly EntityRecord[];
  readonly places: readonly EntityRecord[];
  readonly laws: readonly EntityRecord[];
}

export interface CanonicalEntity {
  /** `${type}:${slug}` — unique site-wide. */
  readonly key: string;
  readonly type: EntityType;
  /** Folded (case, accents), ASCII; unique within its type. */
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly string[];
}

export interface EntityResolution {
  /** Sorted by key. */
  readonly entities: readonly CanonicalEntity[];
  /** links[articleSlug][`${type}:${localName}`] = canonical key; absent when the entity is blocked. */
  readonly links: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const ENTITY_FIELDS = {
  person: "people",
  organization: "organizations",
  place: "places",
  law: "laws",
} as const satisfies Record<EntityType, keyof Omit<ArticleEntities, "slug" | "date">>;

export function localKey(type: EntityType, name: string): string {
  return `${type}:${name}`;
}

export function resolveEntities(articles: readonly ArticleEntities[], _rules: EditorialRules): EntityResolution {
  const byKey = new Map<string, { type: EntityType; slug: string; name: string; aliases: Set<string>; roles: Set<string> }>();
  const links: Record<string, Record<string, string>> = {};
  for (const article of articles) {
    const articleLinks: Record<string, string> = {};
    for (const [type, field] of Object.entries(ENTITY_FIELDS) as [EntityType, (typeof ENTITY_FIELDS)[EntityType]][]) {
      for (const record of article[field]) {
        const slug = slugify(record.name);
        if (!slug) continue;
        const key = `${type}:${slug}`;
        let entity = byKey.get(key);
        if (!entity) {
          entity = { type, slug, name: record.name, aliases: new Set(), roles: new Set() };
          byKey.set(key, entity);
        }
        for (const alias of record.aliases) entity.aliases.add(alias);
        if (record.role) entity.roles.add(record.role);
        articleLinks[localKey(type, record.name)] = key;
      }
    }
    links[article.slug] = articleLinks;
  }
  const entities = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e]) => ({ key, type: e.type, slug: e.slug, name: e.name, aliases: [...e.aliases].sort(), roles: [...e.roles].sort() }));
  return { entities, links };
}
