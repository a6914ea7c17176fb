// Entity identity across the archive: one canonical name and one slug per entity, site-wide (issue 3, target 5).
// Order of decisions, so that the editor always wins (content/entities.yaml, see editorial-rules.ts):
//   1. the editor's retype, merge and block, applied to each article's records;
//   2. identity by folded name (case and accents: slugify), per type;
//   3. short forms merged into the one full name that owns them archive-wide: "Trump" → "Donald Trump" when
//      exactly one known person named Trump has a full name, "ICE" → the one organisation that has it as alias;
//   4. the display name: the editor's rename, else the full name most articles use.

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
  /**
   * The canonical entity of each record, as its place in `entities`: `recordIds[recordStarts[4a + t] + r]`
   * for record r of type ENTITY_TYPE_ORDER[t] in article a (input order); -1 when the entity is blocked.
   * Positions, not name-keyed maps: string keys looked up per record cost most of the index at 10,000
   * articles; and one flat array, not one per article and type: 40,000 small arrays made per build (#6).
   */
  readonly recordIds: Int32Array;
  /** Where each article's records of each type start in `recordIds`; 4n + 1 entries, the last one its length. */
  readonly recordStarts: Int32Array;
}

/** The order of the types in `recordStarts`: the fields of ENTITY_FIELDS. */
export const ENTITY_TYPE_ORDER: readonly EntityType[] = ["person", "organization", "place", "law"];

/** The canonical key of the first record of `type` named `name` in the article at `position`. */
export function recordKeyOf(resolution: EntityResolution, article: ArticleEntities, position: number, type: EntityType, name: string): string | undefined {
  const index = article[ENTITY_FIELDS[type]].findIndex((r) => r.name === name);
  const id = index < 0 ? -1 : (resolution.recordIds[resolution.recordStarts[ENTITY_TYPE_ORDER.length * position + ENTITY_TYPE_ORDER.indexOf(type)]! + index] ?? -1);
  return resolution.entities[id]?.key;
}

export const ENTITY_FIELDS = {
  person: "people",
  organization: "organizations",
  place: "places",
  law: "laws",
} as const satisfies Record<EntityType, keyof Omit<ArticleEntities, "slug" | "date">>;

/** Identity of a name: case, accents and punctuation folded. */
// The same few thousand names recur across an archive: remember their folds (bounded, for huge archives).
const folded = new Map<string, string>();
const fold = (name: string): string => {
  let key = folded.get(name);
  if (key === undefined) {
    if (folded.size >= 200_000) folded.clear();
    key = slugify(name.replace(/\./g, ""));
    folded.set(name, key);
  }
  return key;
};

const LEGAL_FORMS = /(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|ag|sa|nv|gmbh)\.?)+$/i;

/** Organisations are one entity with or without their legal form: "Apple Inc." is "Apple". */
function identity(type: EntityType, name: string): string {
  if (type !== "organization") return fold(name);
  const bare = name.replace(LEGAL_FORMS, "");
  return fold(bare) || fold(name);
}

interface Group {
  readonly type: EntityType;
  readonly id: string;
  /** Display-name votes: name → number of articles. */
  readonly names: Map<string, number>;
  readonly aliases: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
  /** Set when the editor merged into this group: its name is then fixed. */
  editorName?: string;
  /** Its place in creation order. */
  readonly number: number;
  parent?: Group;
}

function root(g: Group): Group {
  let r = g;
  while (r.parent) r = r.parent;
  return r;
}

/**
 * What a resolution keeps for the next one over mostly the same articles (build --watch, #6): each name's
 * group and votes, each group's aliases and roles, and the group of each record of the articles it saw. The
 * next resolution adds the records of the articles that are new to it, takes away those of the articles it
 * no longer has, and copies the rest, instead of looking up 230,000 records at 10,000 articles. Kept only
 * without merge and retype rules, where a record's group follows from its type and name. Used once: the
 * resolution that takes it changes it, and the state it hands on is the one to keep.
 */
export class ResolutionState {
  #spent = false;

  constructor(
    readonly rules: string,
    /** Per type of ENTITY_TYPE_ORDER: name → its slot, null when its records have no entity (blocked, no letters). */
    readonly slots: readonly Map<string, NameSlot | null>[],
    /** Every group ever made, by handle, and by id; a group without records is left out of a resolution. */
    readonly groups: KeptGroup[],
    readonly byId: Map<string, KeptGroup>,
    /** The articles resolved, and the handle of each one's records' group (-1: none), laid out as recordIds. */
    readonly articles: readonly ArticleEntities[],
    readonly handles: Int32Array,
    readonly starts: Int32Array,
  ) {}

  /** The state's parts for one resolution to change; undefined when another already took them. */
  take(): ResolutionState | undefined {
    if (this.#spent) return undefined;
    this.#spent = true;
    return this;
  }
}

interface KeptGroup {
  readonly type: EntityType;
  readonly id: string;
  readonly handle: number;
  /** The names whose records join it. */
  readonly slots: NameSlot[];
  readonly aliases: Set<string>;
  readonly roles: Set<string>;
}

/** A name's group, and how many records use the name now (its display-name votes). */
interface NameSlot {
  readonly name: string;
  readonly group: KeptGroup;
  votes: number;
}

export interface ResolveOptions {
  /** The state a resolution of nearly the same articles handed on (ResolvedEntities.state). */
  readonly previous?: ResolutionState | undefined;
}

export interface ResolvedEntities extends EntityResolution {
  /** For the next resolution (ResolveOptions.previous); absent when the rules merge or retype. */
  readonly state?: ResolutionState;
  /** How many articles' records were looked up: all of them, or with a state those new to it. */
  readonly lookedUp: number;
}

export function resolveEntities(articles: readonly ArticleEntities[], rules: EditorialRules, options: ResolveOptions = {}): ResolvedEntities {
  const editor = prepareRules(rules);
  const recordStarts = new Int32Array(ENTITY_TYPE_ORDER.length * articles.length + 1);
  let records = 0;
  articles.forEach((article, a) => {
    ENTITY_TYPE_ORDER.forEach((type, t) => {
      recordStarts[ENTITY_TYPE_ORDER.length * a + t] = records;
      records += article[ENTITY_FIELDS[type]].length;
    });
  });
  recordStarts[ENTITY_TYPE_ORDER.length * articles.length] = records;
  // Without merge or retype rules a record's group follows from its type and name alone: each of the
  // archive's few thousand names is folded and looked up once, and a state can be kept between builds.
  if (editor.retype.size === 0 && editor.merge.size === 0) {
    const key = JSON.stringify(rules);
    const kept = options.previous?.rules === key ? options.previous.take() : undefined;
    const state = groupByName(articles, recordStarts, editor, kept ?? emptyState(key));
    const { groups, recordIds } = state;
    return { ...finish(groups, recordIds, recordStarts, editor), state: state.kept, lookedUp: state.lookedUp };
  }
  const { groups, recordIds } = groupByRecord(articles, records, editor);
  return { ...finish(groups, recordIds, recordStarts, editor), lookedUp: articles.length };
}

function emptyState(rules: string): ResolutionState {
  return new ResolutionState(rules, ENTITY_TYPE_ORDER.map(() => new Map()), [], new Map(), [], new Int32Array(0), new Int32Array(1));
}

/** The groups in order of first appearance, and each record's group by that number (-1: none). */
interface Grouped {
  readonly groups: readonly Group[];
  readonly recordIds: Int32Array;
}

/** 1–2 with editor's merges or retypes: each record, after them, joins the group of its folded name. */
function groupByRecord(articles: readonly ArticleEntities[], records: number, editor: PreparedRules): Grouped {
  const groups = new Map<string, Group & { aliases: Set<string>; roles: Set<string> }>();
  const recordIds = new Int32Array(records).fill(-1);
  let k = 0;
  articles.forEach((article) => {
    ENTITY_TYPE_ORDER.forEach((localType) => {
      article[ENTITY_FIELDS[localType]].forEach((record) => {
        const at = k++;
        const folded = fold(record.name);
        if (!folded) return;
        const type = editor.retype.get(folded) ?? firstRetype(editor, record) ?? localType;
        const merged = editor.merge.get(folded) ?? firstMerge(editor, record);
        const name = merged ?? record.name;
        if (editor.blocked(type, name) || editor.blocked(type, record.name)) return;
        const id = `${type}:${identity(type, name)}`;
        let g = groups.get(id);
        if (!g) {
          g = { type, id, names: new Map(), aliases: new Set(), roles: new Set(), number: groups.size };
          groups.set(id, g);
        }
        if (merged) g.editorName = merged;
        g.names.set(record.name, (g.names.get(record.name) ?? 0) + 1);
        g.aliases.add(record.name);
        gather(g, record);
        recordIds[at] = g.number;
      });
    });
  });
  return { groups: [...groups.values()], recordIds };
}

/** 1–2 without them, through the kept state: only the records of articles new to it are looked up. */
function groupByName(articles: readonly ArticleEntities[], recordStarts: Int32Array, editor: PreparedRules, kept: ResolutionState): Grouped & { kept: ResolutionState; lookedUp: number } {
  const TYPES = ENTITY_TYPE_ORDER.length;
  const { slots, groups, byId } = kept;
  const handles = new Int32Array(recordStarts[recordStarts.length - 1]!).fill(-1);
  const before = new Map<string, number>();
  kept.articles.forEach((a, i) => before.set(a.slug, i));
  const reused = new Uint8Array(kept.articles.length);
  const changed = new Set<KeptGroup>();
  articles.forEach((article, p) => {
    const o = before.get(article.slug);
    // The same record lists (the build's unchanged rows are the same objects): the same groups.
    if (o !== undefined && reused[o] === 0 && sameRecords(kept.articles[o]!, article)) {
      reused[o] = 1;
      handles.set(kept.handles.subarray(kept.starts[TYPES * o]!, kept.starts[TYPES * o + TYPES]!), recordStarts[TYPES * p]!);
      return;
    }
    ENTITY_TYPE_ORDER.forEach((type, t) => {
      let at = recordStarts[TYPES * p + t]!;
      for (const record of article[ENTITY_FIELDS[type]]) {
        const slot = slotOf(t, type, record.name);
        at++;
        if (slot === null) continue;
        const g = slot.group;
        // The name itself once, when it gains its first record.
        if (slot.votes++ === 0) g.aliases.add(record.name);
        gather(g, record);
        handles[at - 1] = g.handle;
      }
    });
  });
  // The articles it no longer has, or has otherwise: their names lose their votes, and their groups'
  // aliases and roles are gathered again from the records they keep.
  kept.articles.forEach((article, o) => {
    if (reused[o] === 1) return;
    ENTITY_TYPE_ORDER.forEach((type, t) => {
      for (const record of article[ENTITY_FIELDS[type]]) {
        const slot = slots[t]!.get(record.name);
        if (!slot) continue;
        slot.votes--;
        changed.add(slot.group);
      }
    });
  });
  if (changed.size > 0) {
    for (const g of changed) {
      g.aliases.clear();
      g.roles.clear();
    }
    articles.forEach((article, p) => {
      ENTITY_TYPE_ORDER.forEach((type, t) => {
        let at = recordStarts[TYPES * p + t]!;
        for (const record of article[ENTITY_FIELDS[type]]) {
          const g = groups[handles[at++]!];
          if (!g || !changed.has(g)) continue;
          g.aliases.add(record.name);
          gather(g, record);
        }
      });
    });
  }

  // Numbered in order of first appearance, as a resolution from nothing numbers them: the short-form step
  // depends on that order.
  const numberOf = new Int32Array(groups.length).fill(-1);
  const ordered: Group[] = [];
  const recordIds = new Int32Array(handles.length);
  for (let i = 0; i < handles.length; i++) {
    const h = handles[i]!;
    if (h < 0) {
      recordIds[i] = -1;
      continue;
    }
    if (numberOf[h] === -1) {
      const g = groups[h]!;
      const names = new Map<string, number>();
      for (const slot of g.slots) if (slot.votes > 0) names.set(slot.name, slot.votes);
      numberOf[h] = ordered.length;
      ordered.push({ type: g.type, id: g.id, names, aliases: g.aliases, roles: g.roles, number: ordered.length });
    }
    recordIds[i] = numberOf[h]!;
  }
  const lookedUp = articles.length - reused.reduce((n, r) => n + r, 0);
  return { groups: ordered, recordIds, kept: new ResolutionState(kept.rules, slots, groups, byId, articles, handles, recordStarts), lookedUp };

  function slotOf(t: number, type: EntityType, name: string): NameSlot | null {
    let slot = slots[t]!.get(name);
    if (slot === undefined) {
      slot = null;
      if (fold(name) && !editor.blocked(type, name)) {
        const id = `${type}:${identity(type, name)}`;
        let g = byId.get(id);
        if (!g) {
          g = { type, id, handle: groups.length, slots: [], aliases: new Set(), roles: new Set() };
          groups.push(g);
          byId.set(id, g);
        }
        slot = { name, group: g, votes: 0 };
        g.slots.push(slot);
      }
      slots[t]!.set(name, slot);
    }
    return slot;
  }
}

/** A record's aliases and role, into its group's. */
function gather(g: { readonly aliases: Set<string>; readonly roles: Set<string> }, record: EntityRecord): void {
  for (const alias of record.aliases) g.aliases.add(alias);
  if (record.role) g.roles.add(record.role);
}

function sameRecords(a: ArticleEntities, b: ArticleEntities): boolean {
  return a.people === b.people && a.organizations === b.organizations && a.places === b.places && a.laws === b.laws;
}

/** 3–4: short forms merged, names, slugs, and each record's entity. */
function finish(all: readonly Group[], recordIds: Int32Array, recordStarts: Int32Array, editor: PreparedRules): EntityResolution {
  // 3. Short forms: a one-word person name joins the only full name ending in it; any name joins the
  //    only other group that lists it as an alias. Ambiguity (two candidates) leaves it alone.
  // Each group's best name once: the steps below ask for it again and again.
  const names = new Map(all.map((g) => [g, bestName(g)]));
  const bySurname = new Map<string, Group[]>();
  const byAlias = new Map<string, Group[]>();
  for (const g of all) {
    const name = names.get(g)!;
    const words = name.split(/\s+/).filter((w) => !/^(jr|sr|ii|iii|iv)\.?$/i.test(w));
    if (g.type === "person" && words.length >= 2) addTo(bySurname, `${g.type}:${fold(words[words.length - 1]!)}`, g);
    for (const alias of g.aliases) addTo(byAlias, `${g.type}:${fold(alias)}`, g);
  }
  for (const g of all) {
    if (g.editorName) continue;
    const name = names.get(g)!;
    const candidates = new Set<Group>();
    if (g.type === "person" && !/\s/.test(name.trim())) for (const c of bySurname.get(`person:${fold(name)}`) ?? []) candidates.add(c);
    // People merge by surname only: a first name shared as an alias ("George") says too little.
    if (candidates.size === 0 && g.type !== "person") {
      for (const c of byAlias.get(`${g.type}:${fold(name)}`) ?? []) if (c !== g && names.get(c)!.length > name.length) candidates.add(c);
    }
    const targets = new Set([...candidates].map(root));
    targets.delete(root(g));
    if (targets.size === 1) g.parent = [...targets][0]!;
  }

  // Gather merged groups under their roots.
  const roots = new Map<Group, Group[]>();
  for (const g of all) addTo(roots, root(g), g);

  const resolved: { readonly entity: CanonicalEntity; readonly members: readonly Group[] }[] = [];
  const usedSlugs = new Set<string>();
  for (const [r, members] of [...roots.entries()].sort(([a], [b]) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const names = new Map<string, number>();
    const aliases = new Set<string>();
    const roles = new Set<string>();
    for (const m of members) {
      for (const [n, c] of m.names) names.set(n, (names.get(n) ?? 0) + c);
      for (const a of m.aliases) aliases.add(a);
      for (const role of m.roles) roles.add(role);
    }
    let name = r.editorName ?? pickName(names, r.type);
    const renamed = editor.rename.get(fold(name));
    if (renamed) name = renamed;
    if (editor.blocked(r.type, name)) continue;
    let slug = fold(name) || fold(r.id) || "entity";
    // Two different entities whose names fold alike ("Jose Lopez" the person vs a renamed twin) stay apart.
    while (usedSlugs.has(`${r.type}:${slug}`)) slug = `${slug}-2`;
    usedSlugs.add(`${r.type}:${slug}`);
    aliases.add(name);
    resolved.push({ entity: { key: `${r.type}:${slug}`, type: r.type, slug, name, aliases: [...aliases].sort(), roles: [...roles].sort() }, members });
  }
  resolved.sort(({ entity: a }, { entity: b }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const idOfGroup = new Int32Array(all.length).fill(-1);
  resolved.forEach(({ members }, id) => {
    for (const m of members) idOfGroup[m.number] = id;
  });
  for (let i = 0; i < recordIds.length; i++) if (recordIds[i]! >= 0) recordIds[i] = idOfGroup[recordIds[i]!]!;
  return { entities: resolved.map((r) => r.entity), recordIds, recordStarts };
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function bestName(g: Group): string {
  return g.editorName ?? pickName(g.names, g.type);
}

/** The name most articles use; ties go to the longer, then the alphabetically first (deterministic). */
function pickName(names: ReadonlyMap<string, number>, type: EntityType = "organization"): string {
  let best = "";
  let votes = -1;
  for (const [name, count] of names) {
    const words = name.split(/\s+/).length;
    const bestWords = best.split(/\s+/).length;
    // A person's full name beats any number of surname-only mentions; other names go by votes ("Airbus"
    // in twelve articles, not "Actual Airbus" in one).
    const person = type === "person" && best !== "";
    const better =
      person && words > 1 && bestWords === 1
        ? true
        : person && words === 1 && bestWords > 1
          ? false
          : count > votes || (count === votes && (name.length > best.length || (name.length === best.length && name < best)));
    if (better) {
      best = name;
      votes = count;
    }
  }
  return best;
}

interface PreparedRules {
  readonly merge: Map<string, string>;
  readonly rename: Map<string, string>;
  readonly retype: Map<string, EntityType>;
  blocked(type: EntityType, name: string): boolean;
}

function prepareRules(rules: EditorialRules): PreparedRules {
  const merge = new Map<string, string>();
  for (const [alias, canonical] of Object.entries(rules.merge)) {
    merge.set(fold(alias), canonical);
    merge.set(fold(canonical), canonical);
  }
  const rename = new Map(Object.entries(rules.rename).map(([from, to]) => [fold(from), to]));
  const retype = new Map(Object.entries(rules.retype).map(([name, type]) => [fold(name), type]));
  const anyType = new Set<string>();
  const typed = new Set<string>();
  for (const entry of rules.block) {
    const colon = entry.indexOf(":");
    const type = colon > 0 ? entry.slice(0, colon) : "";
    if (["person", "organization", "place", "law"].includes(type)) typed.add(`${type}:${fold(entry.slice(colon + 1))}`);
    else anyType.add(fold(entry));
  }
  const none = anyType.size === 0 && typed.size === 0;
  return {
    merge,
    rename,
    retype,
    blocked: (type, name) => !none && (anyType.has(fold(name)) || typed.has(`${type}:${fold(name)}`)),
  };
}

/** An editor's retype or merge may name any surface form the article used, not only its canonical name. */
function firstRetype(editor: PreparedRules, record: EntityRecord): EntityType | undefined {
  for (const alias of record.aliases) {
    const t = editor.retype.get(fold(alias));
    if (t) return t;
  }
  return undefined;
}

function firstMerge(editor: PreparedRules, record: EntityRecord): string | undefined {
  for (const alias of record.aliases) {
    const m = editor.merge.get(fold(alias));
    if (m) return m;
  }
  return undefined;
}
