// What each page of the site is rendered from, hashed (issue 6: one changed article must not re-render
// 30,000 pages). A page's digest covers every value its template reads — its own record, and of each
// article or entity it links to the fields that the link shows — with positions resolved to slugs, so
// that adding an article (which shifts every position after it) changes only the pages that show it.
// Two builds whose digests of a page agree write the same bytes for it, given the same templates and
// settings (the build checks those separately: src/cli/build-manifest.ts). Listing more than a template
// reads costs a needless re-render; listing less leaves a stale page, which the incremental-build test
// (tests/cli/incremental-build.test.ts) catches by comparing with a full build. Pure.

import { createHash } from "node:crypto";
import type { ArchiveIndex, EntityMention } from "../archive/index.ts";
import { feedPositions, type PageLists } from "./page-lists.ts";
import { ONCE_PAGES, paths } from "./urls.ts";

/** Page permalink (root-relative, no prefix) → digest. */
export type PageDigests = ReadonlyMap<string, string>;

/** sha1 over JSON pieces. */
function digest(...parts: readonly (string | unknown)[]): string {
  // One update per page: a call into the hash per part cost more than the hashing (#6).
  let text = "";
  for (const part of parts) text += `${typeof part === "string" ? part : (JSON.stringify(part) ?? "null")}\u0000`;
  return createHash("sha1").update(text).digest("base64url");
}

/**
 * Digests of every page, by permalink. `files` maps an article's slug to the sha256 of its file's text,
 * which stands for everything the article page shows of its own front matter and body (serialising each
 * article instead took 0.6 s at 10,000 articles, #6).
 */
export function pageDigests(index: ArchiveIndex, pages: PageLists, files: ReadonlyMap<string, string>): PageDigests {
  const out = new Map<string, string>();
  // How a link to an entity shows it (type, slug, name), hashed once per entity: every article lists ~30.
  const labels = new Map<string, string>();
  const entityLabel = (key: string): string => {
    let label = labels.get(key);
    if (label === undefined) {
      const e = index.entityByKey.get(key);
      label = e ? digest([e.type, e.slug, e.name]) : key;
      labels.set(key, label);
    }
    return label;
  };
  // Links and cards are hashed once each and listed by hash: an article's card recurs on its home, month
  // and entity feed pages, and the entity feeds alone repeated 80 MB of card text at 10,000 articles (#6).
  const links: (string | undefined)[] = [];
  const cards: (string | undefined)[] = [];
  // How a link to an article shows it: related lists, neighbours, entity pages.
  const link = (position: number | undefined): string => {
    const a = position === undefined ? undefined : index.articles[position];
    if (!a || position === undefined) return "null";
    return (links[position] ??= digest([a.slug, a.title, a.date ?? null]));
  };
  // An article in a list (articleItem, feeds): everything but its entities, quotes and neighbours.
  const card = (position: number): string => {
    const a = index.articles[position];
    if (!a) return "null";
    return (cards[position] ??= digest([a.slug, a.title, a.date ?? null, a.byline ?? null, a.summary, a.topEntities.map(entityLabel)]));
  };
  const list = (positions: readonly number[], show: (position: number) => string): string => positions.map(show).join(",");

  for (const a of index.articles) {
    out.set(
      paths.article(a.slug),
      digest(
        files.get(a.slug) ?? a,
        // What the index adds to the file: which record stands for each entity, canonical names, speakers.
        a.entities.map((e) => [entityLabel(e.key), e.localName]),
        a.quotes.map((q) => [q.speaker ?? null, q.speakerKey ? entityLabel(q.speakerKey) : null]),
        list(a.related, link),
        link(a.older),
        link(a.newer),
        a.topEntities.map(entityLabel),
      ),
    );
  }
  // What every page of an entity shows of it, serialised once per entity: a large entity has hundreds of pages.
  let header: { readonly key: string; readonly text: string } | undefined;
  for (const p of pages.entity) {
    const e = index.entityByKey.get(p.key);
    if (!e) continue;
    const first = p.number === 1;
    if (header?.key !== e.key) header = { key: e.key, text: JSON.stringify([e.key, e.type, e.slug, e.name, e.aliases, e.roles, e.mentions.length]) };
    out.set(
      p.path,
      digest(
        p,
        header.text,
        mentionsOf(e.mentions, p.start, p.end, link),
        first ? [e.months, e.quotes.slice(0, 8).map((q) => [q, link(q.article)]), e.cooccurring.map((c) => [entityLabel(c.key), c.count])] : null,
      ),
    );
  }
  for (const key of pages.entityFeeds) {
    const e = index.entityByKey.get(key);
    if (!e) continue;
    const dated = feedPositions(index, e.mentions.map((m) => m.article));
    out.set(paths.entityFeed(e.type, e.slug), digest([e.key, e.type, e.slug, e.name], list(dated, card)));
  }
  const range = (start: number, end: number) => Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  for (const p of pages.home) {
    out.set(p.path, digest(p, index.articles.length === 0 ? "empty" : "", list(range(p.start, p.end), card)));
  }
  for (const p of pages.typeIndex) {
    const all = index.byType[p.type];
    out.set(p.path, digest(p, all.length, pages.letters[p.type], all.slice(p.start, p.end).map((e) => [e.type, e.slug, e.name, e.mentions.length])));
  }
  for (const y of index.years) {
    out.set(paths.year(y.year), digest([y.year, y.count, y.months.map((m) => [m.month, m.articles.length])]));
  }
  const months = new Map(index.years.flatMap((y) => y.months.map((m) => [m.month, m.articles] as const)));
  for (const p of pages.months) {
    const positions = months.get(p.month) ?? [];
    out.set(p.path, digest(p, positions.length, list(positions.slice(p.start, p.end), card)));
  }
  for (const p of pages.undated) {
    out.set(p.path, digest(p, index.undated.length, list(index.undated.slice(p.start, p.end), card)));
  }
  for (const n of pages.sitemapChunks) out.set(paths.sitemap(n), digest(pages.sitemaps[n - 1] ?? []));

  // The one-off pages, each from what it reads: most edits change neither the 16 MB /api/entities.json of
  // 10,000 articles nor the sitemap, feeds or archive, so they are not written again (#6).
  const unchanging = digest("settings and templates only");
  for (const page of [ONCE_PAGES.robots, ONCE_PAGES.notFound, ONCE_PAGES.search]) out.set(page, unchanging);
  out.set(ONCE_PAGES.archive, digest(index.articles.length, index.undated.length, index.years.map((y) => [y.year, y.count, y.months.map((m) => [m.month, m.articles.length])])));
  const feed = list(feedPositions(index, index.articles.keys()), card);
  out.set(ONCE_PAGES.atom, digest(feed));
  out.set(ONCE_PAGES.jsonFeed, digest(feed));
  out.set(ONCE_PAGES.sitemap, digest(pages.sitemaps.length <= 1 ? (pages.sitemaps[0] ?? []) : pages.sitemaps.length));
  // An article's page digest covers every field the API lists of it (and more).
  out.set(ONCE_PAGES.articlesApi, digest(index.articles.map((a) => out.get(paths.article(a.slug)) ?? "").join(",")));
  let entities = "";
  for (const e of index.entities) {
    entities += `${JSON.stringify([e.key, e.type, e.slug, e.name, e.aliases, e.roles])}`;
    for (const m of e.mentions) entities += `|${index.articles[m.article]?.slug ?? ""}`;
    entities += "\n";
  }
  out.set(ONCE_PAGES.entitiesApi, digest(entities));
  return out;
}

/**
 * The mentions an entity page lists, as text: length-prefixed rather than JSON, which took 0.6 s of the
 * digests of 10,000 articles (#6) for the same uniqueness.
 */
function mentionsOf(mentions: readonly EntityMention[], start: number, end: number, link: (position: number) => string): string {
  let out = "";
  for (let i = start; i < Math.min(end, mentions.length); i++) {
    const m = mentions[i]!;
    out += `${link(m.article)}|${m.paragraph.length}:${m.paragraph}|${m.sentence.length}:${m.sentence}\n`;
  }
  return out;
}

export interface PageChanges {
  /** Pages to render: new, or with another digest than before. */
  readonly render: ReadonlySet<string>;
  /** Pages of the previous site that are gone. */
  readonly removed: readonly string[];
}

/** Past this share of pages changed, rendering everything anew is as quick as patching, and simpler. */
const PATCH_LIMIT = 0.5;

/**
 * The pages an incremental build renders and removes, or undefined when so much changed that a full
 * build should run instead.
 */
export function incrementalChanges(previous: PageDigests, next: PageDigests): PageChanges | undefined {
  const changes = comparePageDigests(previous, next);
  return changes.render.size + changes.removed.length > next.size * PATCH_LIMIT ? undefined : changes;
}

/** What differs between the digests of the previous site and of the one to build. */
function comparePageDigests(previous: PageDigests, next: PageDigests): PageChanges {
  const render = new Set<string>();
  for (const [page, value] of next) if (previous.get(page) !== value) render.add(page);
  const removed = [...previous.keys()].filter((page) => !next.has(page));
  return { render, removed };
}
