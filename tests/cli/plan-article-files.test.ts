// Issue 6: planArticleFiles reads raw files and writes articles a chunk at a time. Slugs assigned chunk by
// chunk must be those one assignSlugs call over every raw file gives, across chunk boundaries too. Chunks are
// pipelined (the next read while one is extracted and the last written): the files, their order and the
// diagnostics must be those of one chunk after the other, with a bounded number of articles in hand.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ScannedArticle } from "../../src/article-cache/index.ts";
import { extractionInput, finishArticle, type ArticleJob, type FinishOptions } from "../../src/cli/finish-article.ts";
import { planArticleFiles } from "../../src/cli/plan-article-files.ts";
import type { RawFile, RawInput } from "../../src/cli/read-content-folder.ts";
import { serializeArticle } from "../../src/front-matter/index.ts";
import { assignSlugs, ingestArticle } from "../../src/ingest/index.ts";
import type { Article, Extraction, ExtractionInput } from "../../src/types.ts";

const COUNT = 4_100;
const EMPTY = { people: [], organizations: [], places: [], laws: [], money: [], dates: [], quotes: [], sources: [] };

function rawText(i: number): string {
  // Three headlines shared by many files, so that suffixes run on across chunks of 2,000.
  return `${["Same headline", "Other headline", `Headline number ${i % 7}`][i % 3]}\n\nParagraph ${i} of a story that has enough words to be an article body.\n`;
}

describe("planArticleFiles (issue 6)", () => {
  it("gives the slugs of one assignSlugs call, with a hand-written article's slug reserved, across chunks", async () => {
    const raw: RawFile[] = Array.from({ length: COUNT }, (_, i) => ({ file: `raw/${String(i).padStart(5, "0")}.txt` }));
    const bytes = new Map(raw.map((r, i) => [r.file, new TextEncoder().encode(rawText(i))]));
    const reads: number[] = [];
    const readRaw = async (files: readonly RawFile[]): Promise<RawInput[]> => {
      reads.push(files.length);
      return files.map((f) => ({ file: f.file, bytes: bytes.get(f.file)! }));
    };
    const hand: ScannedArticle = {
      name: "articles/hand.md",
      facts: { slug: "same-headline-900", raw: undefined, rawSha256: undefined, extractor: undefined, bodySha256: undefined, generated: false, textSha256: "", diagnostics: [] },
    };
    const written = new Map<string, string>();
    const plan = await planArticleFiles(raw, { scanned: [hand], read: () => Promise.reject(new Error("not needed")) }, {
      extractorVersion: "test",
      show: (rel) => rel,
      readRaw,
      extractor: () => ({ enrich: async (jobs, o) => jobs.map((job) => finishArticle(job, EMPTY, o)), close: async () => {} }),
      write: async (file, text) => void written.set(file, text),
    });

    expect(Math.max(...reads)).toBeLessThanOrEqual(2_000);
    const expected = assignSlugs(
      raw.map((r) => ({ raw: r.file, base: ingestArticle({ file: r.file, bytes: bytes.get(r.file)! }).slugBase })),
      new Map([["hand:articles/hand.md", "same-headline-900"]]),
    );
    const slugs = new Map([...written].map(([file, text]) => [/^  raw: (.*)$/m.exec(text)![1]!, file.replace(/^articles\/(.*)\.md$/, "$1")]));
    expect(slugs).toEqual(expected);
    // The 1,000th "Same headline", in the second chunk, steps over the reserved -900.
    expect(slugs.get("raw/02997.txt")).toBe("same-headline-1001");
    expect(plan).toMatchObject({ articleCount: COUNT + 1, enriched: COUNT, deletes: [] });
    // The text hashes the render stage fingerprints with: each written file's bytes, and the scanned file's.
    expect(plan.textSha256.size).toBe(COUNT + 1);
    for (const [file, text] of written) expect(plan.textSha256.get(file)).toBe(createHash("sha256").update(text).digest("hex"));
    expect(plan.textSha256.get("articles/hand.md")).toBe("");
  });

  it("writes, in raw order, what one chunk after the other writes, while chunks overlap (issue 6)", async () => {
    // Every 500th raw file is empty (an error diagnostic); extraction takes a while and finishes out of order.
    const raw: RawFile[] = Array.from({ length: COUNT }, (_, i) => ({ file: `raw/${String(i).padStart(5, "0")}.txt` }));
    const bytes = new Map(raw.map((r, i) => [r.file, new TextEncoder().encode(i % 500 === 7 ? "" : rawText(i))]));
    const events: string[] = [];
    let inHand = 0;
    let mostInHand = 0;
    const readRaw = async (files: readonly RawFile[]): Promise<RawInput[]> => {
      inHand += files.length;
      mostInHand = Math.max(mostInHand, inHand);
      events.push("read");
      return files.map((f) => ({ file: f.file, bytes: bytes.get(f.file)! }));
    };
    const extraction = (input: ExtractionInput): Extraction => ({ ...EMPTY, sources: [input.title] });
    let calls = 0;
    const enrich = async (jobs: readonly ArticleJob[], o: FinishOptions) => {
      const call = calls++;
      events.push(`extract ${call}`);
      await new Promise((resolve) => setTimeout(resolve, 40 - call * 5));
      events.push(`extracted ${call}`);
      return jobs.map((job) => finishArticle(job, extraction(extractionInput(job.article)), o));
    };
    const written: [string, string][] = [];
    const plan = await planArticleFiles(raw, { scanned: [], read: () => Promise.reject(new Error("not needed")) }, {
      extractorVersion: "test",
      show: (rel) => rel,
      readRaw,
      extractor: () => ({ enrich, close: async () => {} }),
      write: async (file, text) => {
        inHand--;
        written.push([file, text]);
      },
    });

    // One chunk after the other: ingest all, one assignSlugs call, serialise in raw order.
    const ingested = raw.map((r) => ({ r, result: ingestArticle({ file: r.file, bytes: bytes.get(r.file)! }) }));
    const good = ingested.filter((i) => i.result.article);
    const slugs = assignSlugs(good.map((i) => ({ raw: i.r.file, base: i.result.slugBase })), new Map());
    const expected = good.map(({ result }): [string, string] => {
      const article: Article = { ...result.article!, slug: slugs.get(result.article!.provenance.raw)! };
      const enrichment = { ...extraction(article), extractor: "test", bodySha256: "" };
      const text = serializeArticle(article, enrichment);
      return [`articles/${article.slug}.md`, text.replace(/^( {2}bodySha256: ).*$/m, "$1")];
    });
    expect(written.map(([file, text]) => [file, text.replace(/^( {2}bodySha256: ).*$/m, "$1").replace(/^( {2}hash: ).*$/m, "$1")])).toEqual(
      expected.map(([file, text]) => [file, text.replace(/^( {2}hash: ).*$/m, "$1")]),
    );
    expect(plan.writes).toEqual(expected.map(([file]) => file));
    expect(plan.diagnostics.map((d) => d.file)).toEqual(ingested.flatMap((i) => i.result.diagnostics.map((d) => d.file)));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toHaveLength(9);
    // Overlap: the second chunk was read before the first was extracted. Bound: at most three chunks in hand.
    expect(events.indexOf("read", 1)).toBeLessThan(events.indexOf("extracted 0"));
    expect(mostInHand).toBeLessThanOrEqual(3 * 1_000);
  });

  it("fails with the extractor's error, even while another chunk is in flight", async () => {
    const raw: RawFile[] = Array.from({ length: 2_500 }, (_, i) => ({ file: `raw/${i}.txt` }));
    let calls = 0;
    const plan = planArticleFiles(raw, { scanned: [], read: () => Promise.reject(new Error("not needed")) }, {
      extractorVersion: "test",
      show: (rel) => rel,
      readRaw: async (files) => files.map((f, i) => ({ file: f.file, bytes: new TextEncoder().encode(rawText(i)) })),
      extractor: () => ({
        enrich: async (jobs, o) => {
          if (calls++ === 1) throw new Error("worker stopped");
          return jobs.map((job) => finishArticle(job, EMPTY, o));
        },
        close: async () => {},
      }),
      write: async () => {},
    });
    await expect(plan).rejects.toThrow("worker stopped");
  });
});
