// One file of content/articles parsed for the cache: the parse, and the entry and payload that record it.
// Reads the file and nothing else; runs on the main thread or on a worker (parse-pool.ts).

import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { formatProblem, FrontMatterError } from "../errors.ts";
import { parseArticleFile, type ArticleFile } from "../front-matter/index.ts";
import type { Diagnostic } from "../types.ts";
import type { StoredEntry, StoredFacts, StoredProblem } from "./cache-bucket.ts";
import { readStableText, type FileSignature } from "./read-stable-text.ts";

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
  try {
    const article = parseArticleFile(text, shown);
    const stored = storedFacts(article);
    const payload = base && options.withPayload ? payloadOf(article) : undefined;
    return {
      article,
      facts: { ...stored, textSha256, diagnostics: article.diagnostics },
      fresh: base && payload ? { entry: { ...base, facts: stored }, payload } : undefined,
    };
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    const problem = problemParts(error, shown);
    return { problem: error.toDiagnostic(), fresh: base && problem ? { entry: { ...base, problem }, payload: undefined } : undefined };
  }
}

export function sha256(text: string): string {
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

/** True when the file changed after `since` (ms since the epoch). */
function isRacy(signature: FileSignature, since: number): boolean {
  const newest = signature.mtimeNs > signature.ctimeNs ? signature.mtimeNs : signature.ctimeNs;
  return Number(newest / 1_000_000n) >= since;
}
