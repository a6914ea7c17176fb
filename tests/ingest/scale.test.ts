// Issue 7 "size and shape": a 5 MB article and a 100,000-character line go through ingest in linear time.
// A quadratic pattern on these inputs takes minutes, so generous wall-clock bounds are enough to catch one.

import { describe, expect, test } from "vitest";
import { ingestArticle } from "../../src/ingest/index.ts";

const encode = (text: string) => new TextEncoder().encode(text);

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const PARAGRAPH =
  "The council met on Tuesday.Officials from the U.S. Department of Transportation said the bridge, built in 1932, " +
  "carries 45,000 vehicles a day – more than planned – and “needs work now,” according to Jane Doe, Ph.D. – READ MORE";

describe("ingest at scale", () => {
  test("a 5 MB article", () => {
    const paragraphs: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const p = `${i}: ${PARAGRAPH}`;
      paragraphs.push(p);
      size += p.length + 2;
    }
    const bytes = encode(`Bridge repairs approved\n\n${paragraphs.join("\n\n")}\n`);
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);

    const { value: result, ms } = timed(() => ingestArticle({ file: "raw/big.txt", bytes }));
    expect(result.article?.paragraphs).toHaveLength(paragraphs.length);
    expect(result.article?.paragraphs.at(-1)?.text).toMatch(/Tuesday\. Officials.*Ph\.D\.$/);
    expect(result.article?.removed).toHaveLength(paragraphs.length);
    expect(result.article?.summary.length).toBeLessThanOrEqual(300);
    expect(ms).toBeLessThan(15_000);
  });

  test("a body of one 100,000-character line", () => {
    const line = "word ".repeat(20_000).trim();
    const { value: result, ms } = timed(() => ingestArticle({ file: "raw/line.txt", bytes: encode(`Headline\n\n${line}`) }));
    expect(result.article?.wordCount).toBe(20_000);
    expect(result.article?.summary).toMatch(/^(word ){50,}word…$/);
    expect(result.article?.summary.length).toBeLessThanOrEqual(300);
    expect(ms).toBeLessThan(2_000);
  });

  test("a file that is one 100,000-character line is a headline with no body", () => {
    const { value: result, ms } = timed(() => ingestArticle({ file: "raw/line.txt", bytes: encode("x".repeat(100_000)) }));
    expect(result.article).toBeUndefined();
    expect(result.diagnostics.at(-1)?.message).toMatch(/headline but no body/);
    expect(result.slugBase).toBe("line");
    expect(ms).toBeLessThan(2_000);
  });

  // Inputs shaped to make backtracking regexes explode: long runs of what the patterns look for.
  const hostile: Record<string, string> = {
    dashes: "-".repeat(100_000),
    "en dashes then read more": `${"–".repeat(100_000)} READ MORE`,
    stops: ".".repeat(100_000),
    "glued stops": "a.".repeat(50_000),
    "capital stops": "Abc.Def".repeat(15_000),
    "one long word": "x".repeat(100_000),
    "spaces inside": `a${" ".repeat(100_000)}b`,
    "date-like": "June 13, 2005 ".repeat(7_000),
    "read more": "READ MORE ".repeat(10_000),
    "quote stops": ".”“".repeat(33_000),
    urls: "https://example.com/A.B".repeat(4_000),
  };
  for (const [name, body] of Object.entries(hostile)) {
    test(`hostile body: ${name}`, () => {
      const { value: result, ms } = timed(() => ingestArticle({ file: "raw/h.txt", bytes: encode(`Headline\n\n${body}\n`) }));
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.article?.summary.length).toBeLessThanOrEqual(300);
      expect(ms).toBeLessThan(2_000);
    });
  }
});
