// parseSidecar: the `<name>.json` beside a raw article (issue 2; issue 7 "Sidecar JSON").

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SidecarError } from "../../src/errors.ts";
import { parseSidecar } from "../../src/ingest/index.ts";

const FILE = "raw/x.json";

function sidecarError(text: string): SidecarError {
  try {
    parseSidecar(text, FILE);
  } catch (error) {
    if (error instanceof SidecarError) return error;
    throw error;
  }
  throw new Error("parseSidecar accepted what it should reject");
}

describe("parseSidecar", () => {
  test("reads the corpus fields and maps them to the Sidecar shape", () => {
    const { sidecar, diagnostics } = parseSidecar(
      JSON.stringify({
        title: "  A   title ",
        date: "2015-09-01",
        source: "Wikinews",
        source_url: "https://en.wikinews.org/wiki/A",
        license: "CC BY 2.5",
        license_url: "https://creativecommons.org/licenses/by/2.5/",
        attribution: "Wikinews contributors",
        byline: "A. Reporter",
      }),
      FILE,
    );
    expect(sidecar).toEqual({
      title: "A title",
      date: "2015-09-01",
      source: "Wikinews",
      sourceUrl: "https://en.wikinews.org/wiki/A",
      license: "CC BY 2.5",
      licenseUrl: "https://creativecommons.org/licenses/by/2.5/",
      attribution: "Wikinews contributors",
      byline: "A. Reporter",
    });
    expect(diagnostics).toEqual([]);
  });

  test.each([
    ["2015-09-01T23:30:00Z", "2015-09-01"],
    ["2015-09-01T23:30:00.123+02:00", "2015-09-01"],
    ["2015-09-01 08:00", "2015-09-01"],
    ["September 1, 2015", "2015-09-01"],
    ["1 September 2015", "2015-09-01"],
  ])("date %s is kept as %s (never converted between zones)", (date, iso) => {
    expect(parseSidecar(JSON.stringify({ date }), FILE).sidecar.date).toBe(iso);
  });

  test.each(["2019-02-30", "2019-13-01", "2021-02-29", "yesterday", "2019/02/28"])("date %s is dropped with a warning", (date) => {
    const { sidecar, diagnostics } = parseSidecar(`{\n  "title": "T",\n  "date": ${JSON.stringify(date)}\n}`, FILE);
    expect(sidecar).toEqual({ title: "T" });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "warning", file: FILE, line: 3 });
    expect(diagnostics[0]?.message).toContain(date);
  });

  test("a leap day that exists is kept", () => {
    expect(parseSidecar('{"date": "2020-02-29"}', FILE).sidecar.date).toBe("2020-02-29");
  });

  test("null and empty fields count as absent", () => {
    expect(parseSidecar('{"title": null, "byline": "  ", "date": null}', FILE)).toEqual({ sidecar: {}, diagnostics: [] });
  });

  test.each([
    ['{\n  "title": "T",\n  "date": "2019-02-28"\n  "byline": "B"\n}', 4],
    ['{\n  "title": "T",\n', 2],
    ["{\n  'title': 'T'\n}", 2],
    ["", 1],
  ])("malformed JSON names the line of the error: %j", (text, line) => {
    const error = sidecarError(text);
    expect(error.message).toMatch(/^raw\/x\.json.*is not valid JSON/);
    expect(error.line).toBe(line);
    expect(error.fix).toMatch(/Fix the JSON/);
  });

  test.each([
    ['{\n "title": 42\n}', "title", 2],
    ['{\n "date": 20190228\n}', "date", 2],
    ['{\n "byline": ["A", "B"]\n}', "byline", 2],
    ['{\n "source_url": {"href": "x"}\n}', "source_url", 2],
    ['{\n "license": true\n}', "license", 2],
  ])("a field of the wrong type is an error naming the field: %j", (text, field, line) => {
    const error = sidecarError(text);
    expect(error.message).toContain(`field "${field}" must be a string`);
    expect(error.line).toBe(line);
  });

  test.each(["[]", '"text"', "42", "null"])("a sidecar that is not an object is an error: %s", (text) => {
    expect(sidecarError(text).message).toMatch(/must be a JSON object/);
  });

  test("unknown fields are ignored; only likely typos of known ones are reported", () => {
    const { sidecar, diagnostics } = parseSidecar(
      JSON.stringify({ tittle: "T", Date: "2019-01-01", sourceurl: "https://a.example", id: "x", genre: "news", words: 3, notes: "n", provenance: {} }),
      FILE,
    );
    expect(sidecar).toEqual({});
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/"tittle".*"title"/),
      expect.stringMatching(/"Date".*"date"/),
      expect.stringMatching(/"sourceurl".*"source_url"/),
    ]);
  });

  test("only http(s) addresses are kept as links", () => {
    const { sidecar, diagnostics } = parseSidecar(
      JSON.stringify({ source_url: "javascript:alert(1)", license_url: "data:text/html,<script>alert(1)</script>" }),
      FILE,
    );
    expect(sidecar).toEqual({});
    expect(diagnostics).toHaveLength(2);
  });

  test("every sidecar in content/raw parses without a warning", () => {
    const dir = join(import.meta.dirname, "../../content/raw");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(103);
    for (const file of files) {
      const { sidecar, diagnostics } = parseSidecar(readFileSync(join(dir, file), "utf8"), file);
      expect(diagnostics, file).toEqual([]);
      expect(sidecar.date, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(sidecar.title, file).toBeTruthy();
      expect(sidecar.license, file).toBeTruthy();
    }
  });
});
