// The last step of the sync stage for one article: its extraction (or the enrichment it keeps) joined to it,
// serialised into the text content/articles will hold, hashed, and the record the parse cache keeps of that
// text. Pure. It runs on the extraction workers (extract-batch.ts): on the sync thread, beside reading,
// ingesting and writing every article, it made that thread the bottleneck of an import (#6).

import { recordWritten, sha256, type WrittenRecord } from "../article-cache/parse-for-cache.ts";
import { serializeArticleFile } from "../front-matter/index.ts";
import type { Article, Enrichment, Extraction, ExtractionInput } from "../types.ts";

export interface ArticleJob {
  readonly article: Article;
  /** bodySha256 of its paragraphs. */
  readonly bodySha256: string;
  /** The enrichment it keeps (same body, same extractor): it is not extracted again. */
  readonly cached?: Enrichment | undefined;
  /** Its file as messages show it. */
  readonly shown: string;
}

export interface FinishOptions {
  readonly extractorVersion: string;
  /** Make the parse cache's record of the text (FinishedArticle.record). */
  readonly record: boolean;
}

export interface FinishedArticle {
  readonly text: string;
  readonly textSha256: string;
  readonly record?: WrittenRecord;
}

/** What the extractor reads of an article. */
export function extractionInput(article: Article): ExtractionInput {
  return { title: article.title, paragraphs: article.paragraphs, ...(article.date === undefined ? {} : { date: article.date }) };
}

/** The article's file text; `extraction` is required unless the job keeps its enrichment. */
export function finishArticle(job: ArticleJob, extraction: Extraction | undefined, options: FinishOptions): FinishedArticle {
  const enrichment = job.cached ?? { ...required(extraction, job.shown), extractor: options.extractorVersion, bodySha256: job.bodySha256 };
  const { text, data } = serializeArticleFile(job.article, enrichment);
  const textSha256 = sha256(text);
  return { text, textSha256, ...(options.record ? { record: recordWritten(text, textSha256, data, job.shown) } : {}) };
}

function required(extraction: Extraction | undefined, shown: string): Extraction {
  if (!extraction) throw new Error(`${shown}: no extraction was made for this article`);
  return extraction;
}
