// Article + Enrichment → the text of content/articles/<slug>.md. Deterministic: same input, same bytes
// (fixed key order, no timestamps, no line folding), so a rebuild with no change writes nothing (#2).

import { createHash } from "node:crypto";
import yaml from "js-yaml";
import type { Article, Enrichment } from "../types.ts";
import { articleFrontMatterSchema } from "./article-front-matter-schema.ts";
import { escapeMarkdownText } from "./escape-markdown-text.ts";

// Prefixed so YAML never reads the hex as a number and quotes it.
const HASH_PLACEHOLDER = `sha256-${"0".repeat(64)}`;
const HASH_LINE = /^( {2}hash: )sha256-([0-9a-f]{64})$/m;

export function serializeArticle(article: Article, enrichment: Enrichment): string {
  const frontMatter = {
    title: article.title,
    slug: article.slug,
    ...(article.date === undefined ? {} : { date: article.date }),
    ...(article.byline === undefined ? {} : { byline: article.byline }),
    source: article.source,
    summary: article.summary,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    people: enrichment.people,
    organizations: enrichment.organizations,
    places: enrichment.places,
    laws: enrichment.laws,
    money: enrichment.money,
    dates: enrichment.dates,
    quotes: enrichment.quotes,
    sources: enrichment.sources,
    broadsheet: {
      raw: article.provenance.raw,
      rawSha256: article.provenance.sha256,
      extractor: enrichment.extractor,
      bodySha256: enrichment.bodySha256,
      removed: article.removed,
      hash: HASH_PLACEHOLDER,
    },
  };
  // Fail here, at write time, rather than when the site reads the file back.
  articleFrontMatterSchema.parse(frontMatter);
  const head = yaml.dump(frontMatter, { lineWidth: -1, noRefs: true, quotingType: '"' });
  const body = article.paragraphs.map((p) => escapeMarkdownText(p.text)).join("\n\n");
  const text = `---\n${head}---\n\n${body}\n`;
  return text.replace(HASH_LINE, `$1sha256-${sha256(text)}`);
}

/** sha256 of a paragraph list, as recorded in `broadsheet.bodySha256` to know when enrichment is stale. */
export function bodySha256(paragraphs: readonly { readonly text: string }[]): string {
  return sha256(paragraphs.map((p) => p.text).join("\n\n"));
}

/**
 * True when the file is exactly what Broadsheet generated: its recorded hash matches its bytes.
 * A file without a hash (written by a person) or with a mismatch counts as edited.
 */
export function isUnedited(text: string): boolean {
  const match = HASH_LINE.exec(text);
  if (!match) return false;
  return sha256(text.replace(HASH_LINE, `$1${HASH_PLACEHOLDER}`)) === match[2];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
