// One file of content/articles parsed for the cache: the parse, and the entry and payload that record it.
// Reads the file and nothing else; runs on the main thread or on a worker (parse-pool.ts).

import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { formatProblem, FrontMatterError } from "../errors.ts";
import { parseArticleFile, type ArticleFile, type ArticleFrontMatter } from "../front-matter/index.ts";
import type { Diagnostic } from "../types.ts";
import type { StoredEntry, StoredFacts, StoredProblem } from "./cache-bucket.ts";
import { isRacy, readStableText } from "./read-stable-text.ts";

/** The light facts of a file that parsed: enough to plan a sync, without its body or entities. */
export interface ArticleFacts extends Omit<StoredFacts, "diagnostics"> {
  /** sha256 of the file's text: equal to a generated text's when a rebuild would write the same bytes. */
  readonly textSha256: string;
  /** Problems repaired while parsing (ArticleFile.diagnostics). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A parse to store: the entry and its payload (none for a file that did not parse); undefined when it cannot be stored. */
export type Fresh = { readonly entry: Omit<StoredEntry, "payload">; readonly payload: Buffer | undefined };

export type CacheParse =
  | { readonly article: ArticleFile; readonly facts: ArticleFacts; readonly problem?: undefined; readonly fresh: Fresh | undefined }
  | { readonly problem: Diagnostic; readonly fresh: Fresh | undefined };

export interface ParseForCacheOptions {
  /** See ArticleParseCacheOptions.racyWindowMs. */
  readonly racyWindowMs: number;
  /** Make the payload (false when the cache is off: nothing will be stored). */
  readonly withPayload: boolean;
}

/** Parses `file` (named `name` in content/articles, `shown` in messages). Throws what parseArticleFile throws, bar FrontMatterError. */
export async function parseForCache(file: string, name: string, shown: string, options: Readonly<ParseForCacheOptions>): Promise<CacheParse> {
  const startedAt = Date.now();
  const { text, signature } = await readStableText(file);
  const textSha256 = sha256(text);
  const base = signature && { name, signature, racy: isRacy(signature, startedAt - options.racyWindowMs), textSha256 };
  const parsed = parseTextForCache(text, shown, base !== undefined && options.withPayload);
  if (parsed.problem) {
    return { problem: parsed.problem, fresh: base && parsed.stored ? { entry: { ...base, problem: parsed.stored }, payload: undefined } : undefined };
  }
  return {
    article: parsed.article,
    facts: { ...parsed.stored, textSha256, diagnostics: parsed.article.diagnostics },
    fresh: base && parsed.payload ? { entry: { ...base, facts: parsed.stored }, payload: parsed.payload } : undefined,
  };
}

/** What the text of an article file parses to, in the form the cache stores. No file access. */
export type TextParse =
  | { readonly article: ArticleFile; readonly stored: StoredFacts; readonly payload: Buffer | undefined; readonly problem?: undefined }
  | { readonly problem: Diagnostic; readonly stored: StoredProblem | undefined; readonly article?: undefined };

export function parseTextForCache(text: string, shown: string, withPayload: boolean): TextParse {
  try {
    const article = parseArticleFile(text, shown);
    return { article, stored: storedFacts(article), payload: withPayload ? payloadOf(article) : undefined };
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    return { problem: error.toDiagnostic(), stored: problemParts(error, shown) };
  }
}

/**
 * What parseTextForCache gives for a text this build just serialised, without parsing it again: `data` is what
 * the serialiser validated (serializeArticleFile). Only when the front matter holds nothing YAML might read back
 * differently — otherwise the text is parsed after all, so the result is always the parse's.
 */
function parseWrittenForCache(text: string, data: ArticleFrontMatter, shown: string): TextParse {
  const close = text.indexOf("\n---", 3);
  const source = data.source as Record<string, unknown>;
  // A link the schema dropped makes a diagnostic that only the parse words.
  if (close === -1 || !readsBackAsWritten(text.slice(0, close)) || ("url" in source && source.url === undefined) || ("licenseUrl" in source && source.licenseUrl === undefined)) {
    return parseTextForCache(text, shown, true);
  }
  // The text carries its own hash (serializeArticleFile), so isUnedited(text) holds: not worth hashing it again.
  const article: ArticleFile = { data, body: text.slice(close + 4).replace(/^\n+/, ""), generated: true, diagnostics: [] };
  return { article, stored: storedFacts(article), payload: payloadOf(article) };
}

/**
 * What the cache keeps of a text this build wrote (ArticleParseCache.remember): parseWrittenForCache's facts and
 * payload, or its problem, without the parse itself, so that it crosses threads cheaply (the extraction workers
 * make it, src/cli/finish-article.ts).
 */
export type WrittenRecord = { readonly textSha256: string } & (
  | { readonly facts: StoredFacts; readonly payload: Uint8Array | undefined; readonly problem?: undefined }
  | { readonly problem: StoredProblem | undefined }
);

/** The record of `text` (its sha256 given), serialised from `data`; `shown` names it in a problem. */
export function recordWritten(text: string, textSha256: string, data: ArticleFrontMatter, shown: string): WrittenRecord {
  const parsed = parseWrittenForCache(text, data, shown);
  return parsed.problem ? { textSha256, problem: parsed.stored } : { textSha256, facts: parsed.stored, payload: parsed.payload };
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

function payloadOf(article: ArticleFile): Buffer | undefined {
  try {
    return serialize({ data: article.data, body: article.body });
  } catch {
    return undefined; // a value v8 cannot copy: this file is simply parsed every time
  }
}

function storedFacts(article: ArticleFile): StoredFacts {
  const { slug, broadsheet } = article.data;
  return {
    slug,
    raw: broadsheet.raw,
    rawSha256: broadsheet.rawSha256,
    extractor: broadsheet.extractor,
    bodySha256: broadsheet.bodySha256,
    generated: article.generated,
    diagnostics: article.diagnostics.map(({ file: _file, ...rest }) => rest),
  };
}

/** The parts a FrontMatterError was made from; undefined (not cached) when its message does not split back into them. */
function problemParts(error: FrontMatterError, file: string): StoredProblem | undefined {
  const parts = { ...(error.line === undefined ? {} : { line: error.line }), ...(error.fix === undefined ? {} : { fix: error.fix }) };
  const where = error.line === undefined ? file : `${file} (line ${error.line})`;
  const tail = error.fix === undefined ? "" : `\n  → ${error.fix}`;
  const reason = error.message.slice(where.length + 2, error.message.length - tail.length);
  return formatProblem(reason, { file, ...parts }) === error.message ? { reason, ...parts } : undefined;
}

// What js-yaml 4 (the serialiser's) writes and js-yaml 3 (gray-matter's) may read back otherwise. A plain number
// with "_", an exponent, ":" or a base prefix, which js-yaml 3 reads as a number ("1_000", "._5", "1e700"): found
// by comparing the two over every string of up to five characters from "017._:+-eExb ~yn" (dates, "yes", "null"
// and the like js-yaml 4 quotes already). Block scalars (a line break in a value) and escapes other than \" and
// \\ (a control character, a no-break space) have not been seen to differ, and are rare: parsed, to be safe.
const BLOCK_OR_ESCAPE = /(?:: |- )[|>]|\\[^"\\]/;
const PLAIN_NUMBER = /(?:: |- )([-+]?(?:\.?[0-9_][0-9_.:]*(?:[eE][-+]?[0-9_]*)?|0[xXbBoO][0-9a-fA-F_]*))$/gm;

/** True when the YAML of `head` (a serialised front matter) reads back as the values it was written from. */
function readsBackAsWritten(head: string): boolean {
  if (BLOCK_OR_ESCAPE.test(head)) return false;
  for (const [, number] of head.matchAll(PLAIN_NUMBER)) if (/[_eE:xXbBoO]/.test(number!)) return false;
  return true;
}
