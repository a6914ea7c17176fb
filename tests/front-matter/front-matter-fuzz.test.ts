// #7 fuzzing: whatever a person (or a broken tool) puts in a Markdown file, the reader throws only our named error.
import fc from "fast-check";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { FrontMatterError } from "../../src/errors.ts";
import { parseArticleFile } from "../../src/front-matter/index.ts";

function onlyNamedErrors(text: string): void {
  try {
    parseArticleFile(text, "content/articles/fuzz.md");
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    expect(error.message).toContain("content/articles/fuzz.md");
  }
}

describe("front matter reader under random input", () => {
  it("random text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (s) => onlyNamedErrors(s)), { numRuns: 500 });
  });

  it("random text between front matter fences", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (head, body) => onlyNamedErrors(`---\n${head}\n---\n${body}`)), { numRuns: 500 });
  });

  it("random YAML values under the real field names", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const fields = fc.record(
      {
        title: value, slug: value, date: value, source: value, wordCount: value, people: value,
        quotes: value, broadsheet: value, permalink: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(fields, (data) => onlyNamedErrors(`---\n${yaml.dump(data)}---\n\nBody\n`)), { numRuns: 500 });
  });
});
