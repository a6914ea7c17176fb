// Issue 6: the sync stage records the articles it writes from the text and front matter it has in hand
// (ArticleParseCache.remember), without parsing them again. Those entries must be exactly what parsing the
// files gives — on the bundled raw articles, and on values YAML could read back differently — and a file
// changed after it was written must be parsed, not taken from memory.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArticleParseCache, recordWritten } from "../../src/article-cache/index.ts";
import { extractEntities } from "../../src/enrich/index.ts";
import { serializeArticleFile } from "../../src/front-matter/serialize-article.ts";
import { assignSlugs, ingestArticle } from "../../src/ingest/index.ts";
import type { Article, Enrichment } from "../../src/types.ts";
import { PROJECT_ROOT } from "../support/run-cli.ts";

const scratch: string[] = [];
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function emptyContent(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-remember-"));
  scratch.push(root);
  const content = path.join(root, "content");
  await mkdir(path.join(content, "articles"), { recursive: true });
  return content;
}

/** The bundled raw articles, ingested and enriched as a build does. */
async function bundledArticles(): Promise<{ article: Article; enrichment: Enrichment }[]> {
  const rawDir = path.join(PROJECT_ROOT, "content/raw");
  const names = (await readdir(rawDir)).filter((n) => n.endsWith(".txt")).sort();
  const ingested = [];
  for (const name of names) {
    const sidecar = name.replace(/\.txt$/, ".json");
    const sidecarBytes = await readFile(path.join(rawDir, sidecar)).catch(() => undefined);
    const result = ingestArticle({
      file: `raw/${name}`,
      bytes: await readFile(path.join(rawDir, name)),
      ...(sidecarBytes ? { sidecar: { file: `raw/${sidecar}`, bytes: sidecarBytes } } : {}),
    });
    if (result.article) ingested.push({ article: result.article, slugBase: result.slugBase });
  }
  const slugs = assignSlugs(ingested.map((i) => ({ raw: i.article.provenance.raw, base: i.slugBase })), new Map());
  return ingested.map(({ article: unslugged }) => {
    const article = { ...unslugged, slug: slugs.get(unslugged.provenance.raw)! };
    const extraction = extractEntities({ title: article.title, paragraphs: article.paragraphs, ...(article.date ? { date: article.date } : {}) });
    return { article, enrichment: { ...extraction, extractor: "test", bodySha256: "b".repeat(64) } };
  });
}

/** Values YAML may not read back as written, each of which must send the file to the parser. */
function awkward(base: { article: Article; enrichment: Enrichment }): { article: Article; enrichment: Enrichment }[] {
  const record = { name: "Ann Lee", aliases: ["Ann Lee"], mentions: 1, paragraph: "p1", sentence: "Ann Lee spoke." };
  const variants: [Partial<Article>, Partial<Enrichment>][] = [
    [{ title: "12:30" }, {}], // js-yaml 3 would read a plain 12:30 as the number 750
    [{ summary: "A line\u2028and another" }, {}],
    [{ byline: "  padded  " }, {}],
    [{ source: { name: "Feed", url: "javascript:alert(1)" } }, {}], // dropped: a diagnostic only the parse words
    [{}, { quotes: [{ text: "null", paragraph: "p1" }, { speaker: "Ann Lee", text: "# not a comment", paragraph: "p1" }] }],
    [{}, { people: [{ ...record, sentence: "Tab\there, and a line\nbreak" }] }],
    [{}, { money: [{ text: "$0.30", amount: 0.1 + 0.2, currency: "USD", paragraph: "p1" }, { text: "-0", amount: -0, currency: "USD", paragraph: "p1" }] }],
    [{}, { dates: [{ text: "2001-02-03", value: "2001-02-03", paragraph: "p1" }, { text: "yes", paragraph: "p1" }] }],
    [{}, { sources: ["0x1F", "1e3", "~", "Zero\u200bwidth", "1_000", "._5", "1e700"] }], // js-yaml 3 reads the last three as numbers
  ];
  return variants.map(([a, e], i) => ({
    article: { ...base.article, ...a, slug: `awkward-${i}`, provenance: { ...base.article.provenance, raw: `raw/awkward-${i}.txt` } },
    enrichment: { ...base.enrichment, ...e },
  }));
}

describe("articles remembered by the sync stage (issue 6)", () => {
  it("are recorded exactly as parsing the written files records them, without parsing", async () => {
    const generated = await bundledArticles();
    expect(generated.length).toBeGreaterThan(50);
    const all = [...generated, ...awkward(generated[0]!)];
    const content = await emptyContent();
    const writer = await ArticleParseCache.open(content, { write: true });
    const names: string[] = [];
    for (const { article, enrichment } of all) {
      const { text, data } = serializeArticleFile(article, enrichment);
      const name = `${article.slug}.md`;
      await writeFile(path.join(content, "articles", name), text);
      writer.remember(name, recordWritten(text, sha256(text), data, name));
      names.push(name);
    }
    await writer.record(names, []);
    expect(writer.counts.parsed).toBe(0);

    const parsed = await (await ArticleParseCache.open(content, { enabled: false })).readAll(names);
    const warm = await ArticleParseCache.open(content);
    const cached = await warm.readAll(names);
    expect(warm.counts).toMatchObject({ cached: names.length, parsed: 0 });
    expect(cached).toStrictEqual(parsed);
    const facts = await (await ArticleParseCache.open(content)).scan(names);
    const parsedFacts = await (await ArticleParseCache.open(content, { enabled: false })).scan(names);
    expect(facts).toStrictEqual(parsedFacts);
    // The awkward values did reach the files: the dropped link is reported, the -0 kept.
    expect(facts.find((f) => f.name === "awkward-3.md")?.facts?.diagnostics[0]?.message).toMatch(/source\.url/);
    expect(cached.find((r) => r.name === "awkward-0.md")?.article?.data.title).toBe("12:30");
    expect(Object.is(cached.find((r) => r.name === "awkward-6.md")?.article?.data.money[1]?.amount, -0)).toBe(true);
  }, 60_000);

  it("parses a file that changed after it was written, rather than trusting what it was told", async () => {
    const [first] = await bundledArticles();
    const content = await emptyContent();
    const writer = await ArticleParseCache.open(content, { write: true });
    const { text, data } = serializeArticleFile(first!.article, first!.enrichment);
    const file = path.join(content, "articles", "a.md");
    await writeFile(file, text);
    writer.remember("a.md", recordWritten(text, sha256(text), data, "a.md"));
    await writeFile(file, text.replace(/^title: .*$/m, "title: Changed after writing"));
    await writer.record(["a.md"], []);
    expect(writer.counts.parsed).toBe(1);
    const [read] = await (await ArticleParseCache.open(content)).readAll(["a.md"]);
    expect(read?.article?.data.title).toBe("Changed after writing");
    expect((await readdir(path.join(content, ".broadsheet/article-cache"))).filter((n) => n.includes("spill"))).toEqual([]);
  }, 60_000);
});
