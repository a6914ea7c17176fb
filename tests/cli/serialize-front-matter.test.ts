// Issue 6: serializeArticle writes front matter without js-yaml's dump where it can (a third of the CPU of a
// large import went to it). The bytes must stay exactly js-yaml's: committed articles, and every article a
// build writes, must not change. The reference below is serializeArticle as it was, with yaml.dump.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { extractEntities } from "../../src/enrich/index.ts";
import { articleFrontMatterSchema, escapeMarkdownText, serializeArticle } from "../../src/front-matter/index.ts";
import { assignSlugs, ingestArticle } from "../../src/ingest/index.ts";
import type { Article, Enrichment } from "../../src/types.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function referenceSerialize(article: Article, enrichment: Enrichment): string {
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
      hash: `sha256-${"0".repeat(64)}`,
    },
  };
  articleFrontMatterSchema.parse(frontMatter);
  const head = yaml.dump(frontMatter, { lineWidth: -1, noRefs: true, quotingType: '"' });
  const body = article.paragraphs.map((p) => escapeMarkdownText(p.text)).join("\n\n");
  const text = `---\n${head}---\n\n${body}\n`;
  return text.replace(/^( {2}hash: )sha256-([0-9a-f]{64})$/m, `$1sha256-${sha256(text)}`);
}

function outcome(serialize: () => string): string {
  try {
    return serialize();
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}

async function bundledArticles(): Promise<{ article: Article; enrichment: Enrichment }[]> {
  const rawDir = path.join(PROJECT_ROOT, "content/raw");
  const ingested = [];
  for (const name of (await readdir(rawDir)).filter((n) => n.endsWith(".txt")).sort()) {
    const sidecar = await readFile(path.join(rawDir, name.replace(/\.txt$/, ".json"))).catch(() => undefined);
    const result = ingestArticle({
      file: `raw/${name}`,
      bytes: await readFile(path.join(rawDir, name)),
      ...(sidecar ? { sidecar: { file: `raw/${name.replace(/\.txt$/, ".json")}`, bytes: sidecar } } : {}),
    });
    if (result.article) ingested.push({ article: result.article, slugBase: result.slugBase });
  }
  const slugs = assignSlugs(ingested.map((i) => ({ raw: i.article.provenance.raw, base: i.slugBase })), new Map());
  return ingested.map(({ article: unslugged }) => {
    const article = { ...unslugged, slug: slugs.get(unslugged.provenance.raw)! };
    const extraction = extractEntities({ title: article.title, paragraphs: article.paragraphs, ...(article.date ? { date: article.date } : {}) });
    return { article, enrichment: { ...extraction, extractor: "broadsheet-extract/1.0.0+abc", bodySha256: "0e5".repeat(21) + "0" } };
  });
}

describe("serializeArticle's front matter (issue 6)", () => {
  it("is byte for byte what js-yaml writes, for the bundled articles", async () => {
    const articles = await bundledArticles();
    expect(articles.length).toBeGreaterThan(50);
    for (const { article, enrichment } of articles) expect(serializeArticle(article, enrichment)).toBe(referenceSerialize(article, enrichment));
  }, 60_000);

  it("is byte for byte what js-yaml writes, or fails as it does, for any values", async () => {
    const { article, enrichment } = (await bundledArticles())[0]!;
    // Strings from the characters that decide YAML's quoting, and from all of Unicode.
    const tricky = fc.string({ unit: fc.constantFrom(..."ab1 0._:-+#'\"\\,[]{}&*!|>%@`?=~<\t\n\r\u00a0\u0085\u2028\ufeff\ud800yYnNeE".split("")), maxLength: 12 });
    const text = fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom("", "null", "yes", "On", "12:30", "2005-06-13", "0x1F", "1e3", ".inf", "<<", "- a", "a: b", "a #b", "a#b"));
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 1.5e300, 5e-324));
    const record = fc.record({ name: text, aliases: fc.array(text, { maxLength: 2 }), mentions: fc.nat(), paragraph: text, sentence: text });
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: undefined }), fc.array(record, { maxLength: 2 }), number, fc.array(text, { maxLength: 3 }), (title, summary, byline, people, amount, sources) => {
        const a: Article = { ...article, title, summary, ...(byline === undefined ? {} : { byline }), source: { name: summary, url: title } };
        const e: Enrichment = { ...enrichment, people, money: [{ text: title, amount, currency: "USD", paragraph: "p1" }], sources, quotes: [{ text: summary, paragraph: "p1" }] };
        expect(outcome(() => serializeArticle(a, e))).toBe(outcome(() => referenceSerialize(a, e)));
      }),
      { numRuns: 3_000 },
    );
  }, 120_000);
});
