// ingestArticle: raw file + sidecar → Article without slug; rejects come back as diagnostics (issue 2, 7).

import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { ingestArticle } from "../../src/ingest/index.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const RAW = encode("Text headline\n\nJune 13, 2005\n\nThe lede paragraph.\n\nA second one.\n");

describe("ingestArticle", () => {
  test("the text alone: dateline date, paragraph ids, provenance", () => {
    const { article, slugBase, diagnostics } = ingestArticle({ file: "raw/a.txt", bytes: RAW });
    expect(diagnostics).toEqual([]);
    expect(slugBase).toBe("text-headline");
    expect(article).toEqual({
      title: "Text headline",
      date: "2005-06-13",
      source: {},
      summary: "The lede paragraph.",
      wordCount: 6,
      readingMinutes: 1,
      paragraphs: [
        { id: "p1", text: "The lede paragraph." },
        { id: "p2", text: "A second one." },
      ],
      provenance: { raw: "raw/a.txt", sha256: createHash("sha256").update(RAW).digest("hex") },
      removed: [],
    });
  });

  test("the sidecar overrides title and date and adds byline and source; the hash covers both files", () => {
    const sidecar = encode(
      JSON.stringify({ title: "Sidecar headline", date: "2005-06-14", byline: "A. Reporter", source_url: "https://en.wikinews.org/wiki/X", license: "CC BY 2.5" }),
    );
    const { article, slugBase } = ingestArticle({ file: "raw/a.txt", bytes: RAW, sidecar: { file: "raw/a.json", bytes: sidecar } });
    expect(article?.title).toBe("Sidecar headline");
    expect(slugBase).toBe("sidecar-headline");
    expect(article?.date).toBe("2005-06-14");
    expect(article?.byline).toBe("A. Reporter");
    expect(article?.source).toEqual({ name: "Wikinews", url: "https://en.wikinews.org/wiki/X", license: "CC BY 2.5" });
    expect(article?.paragraphs[0]?.text).toBe("The lede paragraph."); // the dateline paragraph is gone either way
    expect(article?.provenance.sha256).toBe(createHash("sha256").update(RAW).update(sidecar).digest("hex"));
    expect(article?.provenance.sha256).not.toBe(ingestArticle({ file: "raw/a.txt", bytes: RAW }).article?.provenance.sha256);
  });

  test("the source name is not guessed from other hosts", () => {
    const sidecar = encode(JSON.stringify({ source_url: "https://wikinews.org.example.com/x" }));
    expect(ingestArticle({ file: "raw/a.txt", bytes: RAW, sidecar: { file: "raw/a.json", bytes: sidecar } }).article?.source.name).toBeUndefined();
  });

  test("a binary sidecar rejects the article with a sidecar error", () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const result = ingestArticle({ file: "raw/a.txt", bytes: RAW, sidecar: { file: "raw/a.json", bytes: png } });
    expect(result.article).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", file: "raw/a.json", message: expect.stringMatching(/binary file, not JSON/) })]);
  });

  test("warnings found before a reject are kept beside the error", () => {
    const result = ingestArticle({ file: "raw/a.txt", bytes: Uint8Array.from([0x48, 0x69, 0x00, 0x0a, 0x0a]) });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["warning", "error"]);
    expect(result.slugBase).toBe("a");
  });
});
