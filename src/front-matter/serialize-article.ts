// Article + Enrichment → the text of content/articles/<slug>.md. Deterministic: same input, same bytes
// (fixed key order, no timestamps, no line folding), so a rebuild with no change writes nothing (#2).

import { createHash } from "node:crypto";
import yaml from "js-yaml";
import type { Article, Enrichment } from "../types.ts";
import { articleFrontMatterSchema, type ArticleFrontMatter } from "./article-front-matter-schema.ts";
import { escapeMarkdownText } from "./escape-markdown-text.ts";

// Prefixed so YAML never reads the hex as a number and quotes it.
const HASH_PLACEHOLDER = `sha256-${"0".repeat(64)}`;
const HASH_LINE = /^( {2}hash: )sha256-([0-9a-f]{64})$/m;

export function serializeArticle(article: Article, enrichment: Enrichment): string {
  return serializeArticleFile(article, enrichment).text;
}

/**
 * The text of the article file, and its front matter as the schema gives it: what parseArticleFile makes of
 * the text when YAML reads every value back as written (the article parse cache checks that, issue 6).
 */
export function serializeArticleFile(article: Article, enrichment: Enrichment): { readonly text: string; readonly data: ArticleFrontMatter } {
  const frontMatter = withoutUndefined({
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
  });
  // Fail here, at write time, rather than when the site reads the file back.
  const data = articleFrontMatterSchema.parse(frontMatter);
  const head = dumpFrontMatter(frontMatter) ?? yaml.dump(frontMatter, YAML_OPTIONS);
  const body = article.paragraphs.map((p) => escapeMarkdownText(p.text)).join("\n\n");
  const draft = `---\n${head}---\n\n${body}\n`;
  const hash = `sha256-${sha256(draft)}`;
  return { text: draft.replace(HASH_LINE, `$1${hash}`), data: { ...data, broadsheet: { ...data.broadsheet, hash } } };
}

const YAML_OPTIONS: yaml.DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"' };

/**
 * yaml.dump(value, YAML_OPTIONS), byte for byte, for the values front matter holds — mappings, sequences,
 * one-line strings of printable characters, numbers — or undefined for anything else (the caller then asks
 * js-yaml). js-yaml decides each string's style a character at a time in JavaScript, a third of the CPU of a
 * large import (issue 6); here a few native regular expressions decide, following js-yaml's chooseScalarStyle
 * and writeScalar. tests/cli/serialize-front-matter.test.ts compares the two.
 */
function dumpFrontMatter(value: Readonly<Record<string, unknown>>): string | undefined {
  const out: string[] = [];
  return writeMapping(value, "", "", out) ? out.join("") : undefined;
}

function writeMapping(value: Readonly<Record<string, unknown>>, pad: string, first: string, out: string[]): boolean {
  let lead = first;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (!PLAIN_KEY.test(key) || COMPAT_QUOTED.has(key)) return false;
    out.push(lead, key, ":");
    lead = pad;
    if (!writeValue(item, pad, out)) return false;
  }
  return true;
}

function isEmpty(value: Readonly<Record<string, unknown>>): boolean {
  return Object.values(value).every((item) => item === undefined);
}

function writeValue(item: unknown, pad: string, out: string[]): boolean {
  if (Array.isArray(item)) {
    if (item.length === 0) {
      out.push(" []\n");
      return true;
    }
    out.push("\n");
    for (const element of item) {
      if (isMapping(element) && isEmpty(element)) out.push(pad, "  - {}\n");
      else if (isMapping(element)) {
        if (!writeMapping(element, `${pad}    `, `${pad}  - `, out)) return false;
      } else {
        const text = scalar(element);
        if (text === undefined) return false;
        out.push(pad, "  - ", text, "\n");
      }
    }
    return true;
  }
  if (isMapping(item)) {
    if (isEmpty(item)) {
      out.push(" {}\n");
      return true;
    }
    out.push("\n");
    return writeMapping(item, `${pad}  `, `${pad}  `, out);
  }
  const text = scalar(item);
  if (text === undefined) return false;
  out.push(" ", text, "\n");
  return true;
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9]*$/;
/** js-yaml's compatibility mode quotes YAML 1.1 booleans and base-60 numbers. */
const COMPAT_QUOTED = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]);
const BASE60 = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
/** Only characters js-yaml prints as they are (its isPrintable), and no line break. */
const PRINTABLE = /^[\x20-\x7E\xA1-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
/** Not plain: an indicator or a space first, a space or ':' last, ': ' or ' #' inside. */
const NOT_PLAIN = /^[ \-?:,[\]{}#&*!|=>'"%@`]|[ :]$|: | #/;
/**
 * js-yaml's implicit types (null, bool, int, float, timestamp, merge): a plain string they resolve must be
 * quoted. Every string they resolve starts so: "~", "null", "true", "False", "-1", ".inf", "2005-06-13", "<<".
 */
const MAYBE_IMPLICIT = /^[-+.0-9~<nNtTfF]/;
const IMPLICIT = (yaml.DEFAULT_SCHEMA as unknown as { compiledImplicit: readonly { resolve(data: string): boolean }[] }).compiledImplicit;

function scalar(value: unknown): string | undefined {
  if (typeof value === "number") {
    if (Number.isInteger(value) && !Object.is(value, -0)) return value.toString(10);
    if (!Number.isFinite(value) || Object.is(value, -0)) return undefined;
    const text = value.toString(10);
    return /^[-+]?[0-9]+e/.test(text) ? text.replace("e", ".e") : text;
  }
  if (typeof value !== "string") return undefined;
  if (value === "") return '""';
  if (!PRINTABLE.test(value)) return undefined;
  if (COMPAT_QUOTED.has(value) || BASE60.test(value)) return `"${value}"`;
  if (!NOT_PLAIN.test(value) && !(MAYBE_IMPLICIT.test(value) && IMPLICIT.some((type) => type.resolve(value)))) return value;
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** A copy without keys whose value is undefined: YAML leaves them out, so a parse of the file has no such key. */
function withoutUndefined<T>(value: T): T {
  if (!holdsUndefined(value)) return value;
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = withoutUndefined(item);
  return copy as T;
}

function holdsUndefined(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsUndefined);
  if (value === null || typeof value !== "object") return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || holdsUndefined(item)) return true;
  }
  return false;
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
