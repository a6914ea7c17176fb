// Issue 6: planArticleFiles reads raw files and writes articles a chunk at a time. Slugs assigned chunk by
// chunk must be those one assignSlugs call over every raw file gives, across chunk boundaries too.
import { describe, expect, it } from "vitest";
import type { ScannedArticle } from "../../src/article-cache/index.ts";
import { planArticleFiles } from "../../src/cli/plan-article-files.ts";
import type { RawFile, RawInput } from "../../src/cli/read-content-folder.ts";
import { assignSlugs, ingestArticle } from "../../src/ingest/index.ts";

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
      extractor: () => ({ extract: async (inputs) => inputs.map(() => EMPTY), close: async () => {} }),
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
  });
});
