// One raw file (+ optional sidecar) → an Article without its slug (slugs need the whole archive: assignSlugs).
// Never throws our errors: a rejected article comes back without `article` and with an error diagnostic, so a
// batch goes on past it (issue 7).

import { createHash } from "node:crypto";
import { BroadsheetError, RawArticleError, SidecarError } from "../errors.ts";
import type { Article, ArticleSource, Diagnostic } from "../types.ts";
import { decodeText } from "./decode-text.ts";
import { parseRawArticle } from "./parse-raw-article.ts";
import { parseSidecar, type Sidecar } from "./parse-sidecar.ts";
import { slugify } from "./slugify.ts";

export interface IngestInput {
  /** Raw file path relative to the content folder ("raw/x.txt"); becomes provenance.raw. */
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly sidecar?: { readonly file: string; readonly bytes: Uint8Array };
}

export type UnsluggedArticle = Omit<Article, "slug">;

export interface IngestResult {
  /** Absent when the article was rejected; `diagnostics` then holds an error. */
  readonly article?: UnsluggedArticle;
  /** The slug the title asks for (the file name's when rejected); assignSlugs makes it unique. */
  readonly slugBase: string;
  readonly diagnostics: Diagnostic[];
}

export function ingestArticle(input: IngestInput): IngestResult {
  const diagnostics: Diagnostic[] = [];
  let slugBase = slugify(fileStem(input.file));
  try {
    const decoded = decodeText(input.bytes, input.file);
    diagnostics.push(...decoded.diagnostics);
    const parsed = parseRawArticle(decoded.text, input.file);
    diagnostics.push(...parsed.diagnostics);
    const sidecar = input.sidecar ? readSidecar(input.sidecar.file, input.sidecar.bytes, diagnostics) : {};

    const title = sidecar.title ?? parsed.title;
    slugBase = slugify(title);
    // The sidecar wins over the dateline (issue 2); they disagree in 6 of the 103 bundled Wikinews articles.
    const date = sidecar.date ?? parsed.dateline?.date;
    const byline = sidecar.byline ?? parsed.byline?.name;

    const article: UnsluggedArticle = {
      title,
      ...(date === undefined ? {} : { date }),
      // Like the date: the sidecar's, else the text's own.
      ...(byline === undefined ? {} : { byline }),
      source: articleSource(sidecar),
      summary: parsed.summary,
      wordCount: parsed.wordCount,
      readingMinutes: parsed.readingMinutes,
      paragraphs: parsed.paragraphs,
      provenance: { raw: input.file, sha256: rawSha256(input) },
      removed: parsed.removed,
    };
    return { article, slugBase, diagnostics };
  } catch (error) {
    if (!(error instanceof BroadsheetError)) throw error;
    diagnostics.push(error.toDiagnostic());
    return { slugBase, diagnostics };
  }
}

function readSidecar(file: string, bytes: Uint8Array, diagnostics: Diagnostic[]): Sidecar {
  let text: string;
  try {
    const decoded = decodeText(bytes, file);
    diagnostics.push(...decoded.diagnostics);
    text = decoded.text;
  } catch (error) {
    if (!(error instanceof RawArticleError)) throw error;
    throw new SidecarError("looks like a binary file, not JSON", {
      file,
      fix: "Replace it with the article's JSON sidecar or delete it",
      cause: error,
    });
  }
  const parsed = parseSidecar(text, file);
  diagnostics.push(...parsed.diagnostics);
  return parsed.sidecar;
}

function articleSource(sidecar: Sidecar): ArticleSource {
  const name = sidecar.source ?? (sidecar.sourceUrl && isWikinews(sidecar.sourceUrl) ? "Wikinews" : undefined);
  return {
    ...(name === undefined ? {} : { name }),
    ...(sidecar.sourceUrl === undefined ? {} : { url: sidecar.sourceUrl }),
    ...(sidecar.license === undefined ? {} : { license: sidecar.license }),
    ...(sidecar.licenseUrl === undefined ? {} : { licenseUrl: sidecar.licenseUrl }),
    ...(sidecar.attribution === undefined ? {} : { attribution: sidecar.attribution }),
  };
}

function isWikinews(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "wikinews.org" || host.endsWith(".wikinews.org");
}

function fileStem(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

/** sha256 of the raw text's bytes followed by its sidecar's: what `provenance.sha256` records. */
export function rawSha256(input: Pick<IngestInput, "bytes" | "sidecar">): string {
  const hash = createHash("sha256").update(input.bytes);
  if (input.sidecar) hash.update(input.sidecar.bytes);
  return hash.digest("hex");
}
