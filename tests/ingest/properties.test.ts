// Issue 7 "Fuzzing": random text, bytes and sidecars fed to ingest never throw (they come back as
// diagnostics), and every title gives a safe slug.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SidecarError } from "../../src/errors.ts";
import { assignSlugs, ingestArticle, parseSidecar, slugify, type IngestResult } from "../../src/ingest/index.ts";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const encode = (text: string) => new TextEncoder().encode(text);
const RUNS = { numRuns: 300 };

/** The shape every ingest result has, accepted or not. */
function checkResult(result: IngestResult): void {
  expect(result.slugBase).toMatch(SLUG);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (!result.article) {
    expect(errors).toHaveLength(1);
    return;
  }
  expect(errors).toEqual([]);
  const { article } = result;
  expect(article.paragraphs.length).toBeGreaterThan(0);
  article.paragraphs.forEach((p, i) => {
    expect(p.id).toBe(`p${i + 1}`);
    expect(p.text).not.toBe("");
    expect(p.text).not.toMatch(/[\n\r\0]/);
  });
  expect(article.summary.length).toBeLessThanOrEqual(300);
  expect(article.readingMinutes).toBeGreaterThanOrEqual(1);
  if (article.date !== undefined) expect(article.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

/** Text shaped like an article often enough to reach the parser's inner paths. */
const articleLike = fc
  .tuple(
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.array(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("June 13, 2005", "2019-02-30", "– READ MORE", "Advertisement", "took office.ICE", "U.S.", "\r\n", "\0"),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom("\n\n", "\n", "\r\n\r\n", "\r"),
  )
  .map(([head, parts, sep]) => [head, ...parts].join(sep));

describe("ingest never throws", () => {
  test("random strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), articleLike), (text) => {
        checkResult(ingestArticle({ file: "raw/fuzz.txt", bytes: encode(text) }));
      }),
      RUNS,
    );
  });

  test("random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        checkResult(ingestArticle({ file: "raw/fuzz.txt", bytes }));
      }),
      RUNS,
    );
  });

  test("random sidecars beside a good article", () => {
    const sidecarText = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.json(),
      fc
        .record(
          {
            title: fc.anything(),
            date: fc.oneof(fc.anything(), fc.constantFrom("2019-02-30", "2019-02-28T10:00:00Z", "June 13, 2005")),
            source_url: fc.oneof(fc.anything(), fc.webUrl(), fc.constant("javascript:alert(1)")),
            byline: fc.anything(),
            tittle: fc.anything(),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o) ?? "{}"),
    );
    fc.assert(
      fc.property(sidecarText, (text) => {
        checkResult(
          ingestArticle({
            file: "raw/fuzz.txt",
            bytes: encode("Headline\n\nBody text.\n"),
            sidecar: { file: "raw/fuzz.json", bytes: encode(text) },
          }),
        );
      }),
      RUNS,
    );
  });

  test("random sidecar bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        checkResult(ingestArticle({ file: "raw/fuzz.txt", bytes: encode("Headline\n\nBody text.\n"), sidecar: { file: "raw/fuzz.json", bytes } }));
      }),
      RUNS,
    );
  });

  test("parseSidecar throws only SidecarError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.json()), (text) => {
        try {
          const { sidecar } = parseSidecar(text, "raw/fuzz.json");
          for (const value of Object.values(sidecar)) expect(typeof value).toBe("string");
        } catch (error) {
          expect(error).toBeInstanceOf(SidecarError);
        }
      }),
      RUNS,
    );
  });
});

describe("slugs", () => {
  test("any title gives a safe slug of at most 80 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(SLUG);
        expect(slug.length).toBeLessThanOrEqual(80);
      }),
      { numRuns: 1000 },
    );
  });

  test("assignSlugs gives every raw file one unique, safe slug", () => {
    const raws = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 20 });
    fc.assert(
      fc.property(raws, fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }), fc.array(fc.string({ maxLength: 12 })), (paths, bases, old) => {
        const candidates = paths.map((raw, i) => ({ raw, base: bases[i] ?? "x" }));
        const existing = new Map(old.map((slug, i) => [paths[i] ?? `gone-${i}`, slug]));
        const slugs = assignSlugs(candidates, existing);
        expect([...slugs.keys()].sort()).toEqual([...paths].sort());
        expect(new Set(slugs.values()).size).toBe(paths.length);
        for (const slug of slugs.values()) expect(slug).toMatch(SLUG);
      }),
      RUNS,
    );
  });
});
