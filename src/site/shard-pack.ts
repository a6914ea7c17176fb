// The shard hand-off's files (shard-data.ts) with their two long lists in columns (#6). v8.serialize writes
// every object's keys and every string in full, and v8.deserialize makes each object anew: an entity's
// mentions and an article's entities are most of a shard's data — at 10,000 articles ~250,000 small objects
// a shard, and every one of them again in the skeleton of the one-off pages. Each such list goes as one
// Int32Array of references into a table of the part's strings (each string once: an article's sentence is
// the mention of several entities) and comes back as the same objects, keys in the same order.

import { deserialize, serialize } from "node:v8";
import type { ArticleEntity, EntityMention, IndexedArticle, IndexedEntity } from "../archive/index.ts";
import type { ShardRecords, SiteSnapshot } from "./shard-data.ts";

/** article, mentions, paragraph, sentence */
const MENTION = 4;
/** key, type, name, localName, aliases, role, mentions, paragraph, sentence */
const ENTITY = 9;
/** A reference to "" (or to no role): most paragraphs and sentences of the hand-off are left out. */
const NONE = -1;

/** What a file holds: the part with its lists as columns, and the tables they refer to. */
interface Packed<T> {
  readonly part: T;
  readonly strings: readonly string[];
  readonly aliases: readonly (readonly string[])[];
}

type Columns<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: Int32Array };
type PackedArticle = Columns<IndexedArticle, "entities">;
type PackedEntity = Columns<IndexedEntity, "mentions">;

class Tables {
  readonly strings: string[] = [];
  readonly aliases: (readonly string[])[] = [];
  readonly #strings = new Map<string, number>();
  readonly #aliases = new Map<readonly string[], number>();

  string(text: string): number {
    if (text === "") return NONE;
    let ref = this.#strings.get(text);
    if (ref === undefined) this.#strings.set(text, (ref = this.strings.push(text) - 1));
    return ref;
  }

  /** By identity: a list shared by many entities (none, in the skeleton) stays one list. */
  aliasList(list: readonly string[]): number {
    let ref = this.#aliases.get(list);
    if (ref === undefined) this.#aliases.set(list, (ref = this.aliases.push(list) - 1));
    return ref;
  }
}

function packMentions(list: readonly EntityMention[], t: Tables): Int32Array {
  const out = new Int32Array(list.length * MENTION);
  list.forEach((m, i) => {
    out[i * MENTION] = m.article;
    out[i * MENTION + 1] = m.mentions;
    out[i * MENTION + 2] = t.string(m.paragraph);
    out[i * MENTION + 3] = t.string(m.sentence);
  });
  return out;
}

/** Every mention a shard's pages do not show (shard-data.ts OMITTED): one object, as before the hand-off. */
const LEFT_OUT: EntityMention = Object.freeze({ article: -1, paragraph: "", sentence: "", mentions: 0 });

function unpackMentions(cols: Int32Array, strings: readonly string[]): EntityMention[] {
  const out: EntityMention[] = new Array(cols.length / MENTION);
  for (let i = 0; i < out.length; i++) {
    const at = i * MENTION;
    const paragraph = cols[at + 2]!;
    const sentence = cols[at + 3]!;
    if (cols[at] === -1 && cols[at + 1] === 0 && paragraph === NONE && sentence === NONE) {
      out[i] = LEFT_OUT;
      continue;
    }
    out[i] = {
      article: cols[at]!,
      paragraph: paragraph === NONE ? "" : strings[paragraph]!,
      sentence: sentence === NONE ? "" : strings[sentence]!,
      mentions: cols[at + 1]!,
    };
  }
  return out;
}

function packEntities(list: readonly ArticleEntity[], t: Tables): Int32Array {
  const out = new Int32Array(list.length * ENTITY);
  list.forEach((e, i) => {
    const at = i * ENTITY;
    out[at] = t.string(e.key);
    out[at + 1] = t.string(e.type);
    out[at + 2] = t.string(e.name);
    out[at + 3] = t.string(e.localName);
    out[at + 4] = t.aliasList(e.aliases);
    out[at + 5] = e.role === undefined ? NONE : t.string(e.role);
    out[at + 6] = e.mentions;
    out[at + 7] = t.string(e.paragraph);
    out[at + 8] = t.string(e.sentence);
  });
  return out;
}

function unpackEntities(cols: Int32Array, strings: readonly string[], aliases: readonly (readonly string[])[]): ArticleEntity[] {
  const text = (ref: number): string => (ref === NONE ? "" : strings[ref]!);
  const out: ArticleEntity[] = new Array(cols.length / ENTITY);
  for (let i = 0; i < out.length; i++) {
    const at = i * ENTITY;
    const key = text(cols[at]!);
    const type = text(cols[at + 1]!) as ArticleEntity["type"];
    const name = text(cols[at + 2]!);
    const localName = text(cols[at + 3]!);
    const list = aliases[cols[at + 4]!]!;
    const role = cols[at + 5]!;
    const mentions = cols[at + 6]!;
    const paragraph = text(cols[at + 7]!);
    const sentence = text(cols[at + 8]!);
    // The two shapes articleEntities (build-archive-index.ts) makes, keys in its order.
    out[i] =
      role === NONE
        ? { key, type, name, localName, aliases: list, mentions, paragraph, sentence }
        : { key, type, name, localName, aliases: list, role: strings[role]!, mentions, paragraph, sentence };
  }
  return out;
}

function packArticle(a: IndexedArticle, t: Tables): PackedArticle {
  return { ...a, entities: packEntities(a.entities, t) };
}

function packEntity(e: IndexedEntity, t: Tables): PackedEntity {
  return { ...e, mentions: packMentions(e.mentions, t) };
}

function unpackArticle(a: PackedArticle, p: Packed<unknown>): IndexedArticle {
  return { ...a, entities: unpackEntities(a.entities, p.strings, p.aliases) };
}

function unpackEntity(e: PackedEntity, p: Packed<unknown>): IndexedEntity {
  return { ...e, mentions: unpackMentions(e.mentions, p.strings) };
}

function write<T>(part: T, t: Tables): Buffer {
  return serialize({ part, strings: t.strings, aliases: t.aliases } satisfies Packed<T>);
}

/** A shard's records as the bytes of its file. */
export function packRecords(records: ShardRecords): Buffer {
  const t = new Tables();
  return write({ articles: records.articles.map((a) => packArticle(a, t)), entities: records.entities.map((e) => packEntity(e, t)) }, t);
}

export function unpackRecords(bytes: Uint8Array): ShardRecords {
  const p = deserialize(bytes) as Packed<{ articles: PackedArticle[]; entities: PackedEntity[] }>;
  return { articles: p.part.articles.map((a) => unpackArticle(a, p)), entities: p.part.entities.map((e) => unpackEntity(e, p)) };
}

/**
 * A skeleton as the bytes of its file. Its lookups (entityByKey, byType) stay in their places but empty: they
 * would hold the entities a second time, and are made again from the list.
 */
export function packSnapshot(snapshot: SiteSnapshot): Buffer {
  const t = new Tables();
  const { index, pages } = snapshot;
  const part: PackedSnapshot = {
    index: { ...index, articles: index.articles.map((a) => packArticle(a, t)), entities: index.entities.map((e) => packEntity(e, t)), entityByKey: null, byType: null },
    pages,
  };
  return write(part, t);
}

type PackedSnapshot = {
  readonly index: Omit<SiteSnapshot["index"], "articles" | "entities" | "entityByKey" | "byType"> & {
    readonly articles: readonly PackedArticle[];
    readonly entities: readonly PackedEntity[];
    readonly entityByKey: null;
    readonly byType: null;
  };
  readonly pages: SiteSnapshot["pages"];
};

export function unpackSnapshot(bytes: Uint8Array): SiteSnapshot {
  const p = deserialize(bytes) as Packed<PackedSnapshot>;
  const entities = p.part.index.entities.map((e) => unpackEntity(e, p));
  // The index's order (type, then A–Z) is each type's order.
  const byType: Record<IndexedEntity["type"], IndexedEntity[]> = { person: [], organization: [], place: [], law: [] };
  for (const e of entities) byType[e.type].push(e);
  const articles = p.part.index.articles.map((a) => unpackArticle(a, p));
  return { index: { ...p.part.index, articles, entities, entityByKey: new Map(entities.map((e) => [e.key, e])), byType }, pages: p.part.pages };
}
