// The texts an index built from the archive core lacks (src/archive/archive-core.ts: sentences, quotes,
// money), put back for just the pages an incremental build renders (issue 6): an article page from its own
// file, an entity page from the core's texts of the articles whose mentions it lists and of its first
// quotes. Everything else on those pages — titles, names, links — is in the index. Pure: the caller reads.

import {
  articleTexts,
  textAt,
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

/** What the pages in `only` read of which articles, by position: whole files (article pages), or texts. */
export interface RecordsToFill {
  readonly whole: ReadonlySet<number>;
  readonly texts: ReadonlySet<number>;
}

export function recordsToFill(index: ArchiveIndex, pages: PageLists, only: ReadonlySet<string>): RecordsToFill {
  const lists = renderLists(index, pages, undefined, only);
  const whole = new Set(lists.articles.map((a) => a.position));
  const texts = new Set<number>();
  for (const p of lists.entity) {
    const e = index.entityByKey.get(p.key);
    if (!e) continue;
    for (let i = p.start; i < Math.min(p.end, e.mentions.length); i++) texts.add(e.mentions[i]!.article);
    if (p.first) for (const q of e.quotes.slice(0, PAGE_SIZES.entityQuotes)) texts.add(q.article);
  }
  for (const position of whole) texts.delete(position);
  return { whole, texts };
}

/**
 * `index` with the records of the pages in `only` filled in: from `whole` for the articles whose pages
 * are rendered, from `texts` (articleTexts) for the others; each must hold what recordsToFill named.
 */
export function fillRecords(
  index: ArchiveIndex,
  pages: PageLists,
  only: ReadonlySet<string>,
  whole: ReadonlyMap<number, ArchiveArticle>,
  texts: ReadonlyMap<number, readonly string[]>,
): ArchiveIndex {
  const wholeTexts = new Map([...whole].map(([position, article]) => [position, articleTexts(article)]));
  const textsOf = (position: number): readonly string[] => {
    const found = wholeTexts.get(position) ?? texts.get(position);
    if (!found) throw new Error(`fillRecords: the texts of the article at position ${position} were not read`);
    return found;
  };
  const quote = <Q extends IndexedQuote & { readonly article: number }>(q: Q): Q => ({ ...q, text: textAt(textsOf(q.article), q.text) ?? "" });
  const mention = (m: EntityMention): EntityMention => ({ ...m, sentence: textAt(textsOf(m.article), m.sentence) ?? "" });

  const lists = renderLists(index, pages, undefined, only);
  const articles = [...index.articles];
  for (const a of lists.articles) {
    const file = whole.get(a.position);
    if (!file) throw new Error(`fillRecords: the article at position ${a.position} was not read`);
    articles[a.position] = fillArticle(a, file, textsOf(a.position));
  }

  const filled = new Map<string, IndexedEntity>();
  for (const p of lists.entity) {
    const e = filled.get(p.key) ?? index.entityByKey.get(p.key);
    if (!e) continue;
    const mentions = [...e.mentions];
    for (let i = p.start; i < Math.min(p.end, mentions.length); i++) mentions[i] = mention(mentions[i]!);
    const quotes = p.first ? e.quotes.map((q, i) => (i < PAGE_SIZES.entityQuotes ? quote(q) : q)) : e.quotes;
    filled.set(p.key, { ...e, mentions, quotes, months: e.months });
  }
  const entities = filled.size === 0 ? index.entities : index.entities.map((e) => filled.get(e.key) ?? e);
  return withEntities({ ...index, articles }, entities);
}

function fillArticle(a: IndexedArticle, whole: ArchiveArticle, texts: readonly string[]): IndexedArticle {
  return {
    ...a,
    entities: a.entities.map((e) => ({ ...e, sentence: textAt(texts, e.sentence) ?? "" })),
    quotes: a.quotes.map((q) => ({ ...q, text: textAt(texts, q.text) ?? "" })),
    // As buildArchiveIndex copies them.
    money: whole.money.map((m) => ({ text: m.text, amount: m.amount, currency: m.currency, paragraph: m.paragraph })),
  };
}
