// The texts an index built from the archive core lacks (src/archive/archive-core.ts: sentences, quotes,
// money), put back for just the pages an incremental build renders (issue 6): an article page reads its
// own article, an entity page the articles of the mentions it lists and of its first quotes. Everything
// else on those pages — titles, names, links — is in the core. Pure: the caller reads the articles.

import {
  quoteTextOf,
  sentenceOf,
  type ArchiveArticle,
  type ArchiveIndex,
  type EntityMention,
  type IndexedArticle,
  type IndexedEntity,
  type IndexedQuote,
} from "../archive/index.ts";
import { PAGE_SIZES, type PageLists } from "./page-lists.ts";
import { renderLists } from "./render-lists.ts";
import { withEntities } from "./shard-data.ts";

/** The article positions whose files the pages in `only` need whole. */
export function recordsToFill(index: ArchiveIndex, pages: PageLists, only: ReadonlySet<string>): Set<number> {
  const lists = renderLists(index, pages, undefined, only);
  const positions = new Set(lists.articles.map((a) => a.position));
  for (const p of lists.entity) {
    const e = index.entityByKey.get(p.key);
    if (!e) continue;
    for (let i = p.start; i < Math.min(p.end, e.mentions.length); i++) positions.add(e.mentions[i]!.article);
    if (p.number === 1) for (const q of e.quotes.slice(0, PAGE_SIZES.entityQuotes)) positions.add(q.article);
  }
  return positions;
}

/**
 * `index` with the records of the pages in `only` filled in from `whole` (by article position; it must
 * hold every position recordsToFill named).
 */
export function fillRecords(index: ArchiveIndex, pages: PageLists, only: ReadonlySet<string>, whole: ReadonlyMap<number, ArchiveArticle>): ArchiveIndex {
  const article = (position: number): ArchiveArticle => {
    const a = whole.get(position);
    if (!a) throw new Error(`fillRecords: the article at position ${position} was not read`);
    return a;
  };
  const quote = <Q extends IndexedQuote>(q: Q, from: ArchiveArticle): Q => ({ ...q, text: quoteTextOf(from, q.text) ?? "" });
  const mention = (m: EntityMention): EntityMention => ({ ...m, sentence: sentenceOf(article(m.article), m.sentence) ?? "" });

  const lists = renderLists(index, pages, undefined, only);
  const articles = [...index.articles];
  for (const a of lists.articles) articles[a.position] = fillArticle(a, article(a.position), quote);

  const filled = new Map<string, IndexedEntity>();
  for (const p of lists.entity) {
    const e = filled.get(p.key) ?? index.entityByKey.get(p.key);
    if (!e) continue;
    const mentions = [...e.mentions];
    for (let i = p.start; i < Math.min(p.end, mentions.length); i++) mentions[i] = mention(mentions[i]!);
    const quotes = p.number === 1 ? e.quotes.map((q, i) => (i < PAGE_SIZES.entityQuotes ? quote(q, article(q.article)) : q)) : e.quotes;
    filled.set(p.key, { ...e, mentions, quotes });
  }
  const entities = filled.size === 0 ? index.entities : index.entities.map((e) => filled.get(e.key) ?? e);
  return withEntities({ ...index, articles }, entities);
}

function fillArticle(a: IndexedArticle, whole: ArchiveArticle, quote: <Q extends IndexedQuote>(q: Q, from: ArchiveArticle) => Q): IndexedArticle {
  return {
    ...a,
    entities: a.entities.map((e) => ({ ...e, sentence: sentenceOf(whole, e.sentence) ?? "" })),
    quotes: a.quotes.map((q) => quote(q, whole)),
    // As buildArchiveIndex copies them.
    money: whole.money.map((m) => ({ text: m.text, amount: m.amount, currency: m.currency, paragraph: m.paragraph })),
  };
}
