// One folder per case under fixtures/ (issue 2, issue 7): input.txt [+ input.json] → expected.json, plus the
// assertions that say why that output is right.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ingestArticle, type IngestResult } from "../../src/ingest/index.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function ingestFixture(name: string): IngestResult {
  const dir = join(FIXTURES, name);
  const sidecar = join(dir, "input.json");
  return ingestArticle({
    file: `raw/${name}.txt`,
    bytes: readFileSync(join(dir, "input.txt")),
    ...(existsSync(sidecar) ? { sidecar: { file: `raw/${name}.json`, bytes: readFileSync(sidecar) } } : {}),
  });
}

const bodyText = (r: IngestResult) => (r.article?.paragraphs ?? []).map((p) => p.text).join("\n\n");
const warnings = (r: IngestResult) => r.diagnostics.filter((d) => d.severity === "warning");
const errors = (r: IngestResult) => r.diagnostics.filter((d) => d.severity === "error");

function rejected(r: IngestResult, pattern: RegExp): void {
  expect(r.article).toBeUndefined();
  expect(errors(r)).toHaveLength(1);
  expect(errors(r)[0]?.message).toMatch(pattern);
  expect(errors(r)[0]?.fix).toBeTruthy();
  expect(r.slugBase).toMatch(SLUG);
}

const expectations: Record<string, (r: IngestResult, name: string) => void> = {
  byline(r) {
    // The byline and the dateline come off the body; prose that starts with "By" stays.
    expect(r.article?.byline).toBe("Maria de la Cruz and JOHN O'NEILL, Associated Press");
    expect(r.article?.date).toBe("2021-03-03");
    expect(r.article?.paragraphs.map((p) => p.text.slice(0, 12))).toEqual(["The city cou", "By the time "]);
    expect(r.article?.summary).toMatch(/^The city council voted/);
    expect(r.diagnostics).toEqual([]);
  },
  seed(r) {
    expect(r.article?.title).toBe("Northern California police refuse to cooperate in upcoming ICE raids: report");
    expect(r.slugBase).toBe("northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report");
    expect(JSON.stringify([r.article?.title, r.article?.summary, r.article?.paragraphs])).not.toMatch(/read more/i);
    expect(r.article?.removed).toEqual(["– READ MORE", "– READ MORE", "– READ MORE"]);
    expect(warnings(r).map((d) => d.line)).toEqual([9, 17, 25]);
    expect(bodyText(r)).toContain("since President Trump took office. ICE officials declined");
    expect(bodyText(r)).toContain("U.S. Immigration Customs");
    expect(bodyText(r)).toContain("“It’s important, given these rumors that are out there, to let people know – more");
    expect(r.article?.date).toBeUndefined();
    expect(r.article?.paragraphs).toHaveLength(12);
    expect(r.article?.paragraphs.map((p) => p.id).slice(0, 3)).toEqual(["p1", "p2", "p3"]);
    expect(r.article?.summary).toBe(r.article?.paragraphs[0]?.text);
    expect(r.article?.readingMinutes).toBe(Math.ceil((r.article?.wordCount ?? 0) / 230));
    expect(r.article?.source).toEqual({});
  },
  "wikinews-sidecar-date"(r) {
    expect(r.article?.date).toBe("2006-02-23");
    expect(r.article?.source.name).toMatch(/^Wikinews/);
    expect(r.article?.source.license).toBe("CC BY 2.5");
    expect(r.article?.source.url).toMatch(/^https:\/\/en\.wikinews\.org\/wiki\//);
    expect(r.diagnostics).toEqual([]);
  },
  "dateline-only"(r) {
    expect(r.article?.date).toBe("2004-11-24");
    expect(bodyText(r)).not.toContain("November 24, 2004");
    expect(r.article?.paragraphs[0]?.text).toMatch(/^Emails exchanged among United States Air Force officials/);
    expect(r.diagnostics).toEqual([]);
  },
  empty: (r) => rejected(r, /is empty/),
  "whitespace-only": (r) => rejected(r, /only whitespace/),
  "headline-no-body": (r) => rejected(r, /headline but no body/),
  "no-blank-lines"(r) {
    expect(r.article?.paragraphs.map((p) => p.text)).toEqual([
      "Heavy rain closed three coastal roads on Monday.",
      "Crews expect to reopen them by Wednesday.",
      "Residents were told to avoid the area.",
    ]);
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]?.message).toMatch(/no blank lines/);
  },
  "png-renamed"(r) {
    rejected(r, /looks like a binary file \(PNG image\), not text/);
    expect(errors(r)[0]?.fix).toMatch(/Remove it from content\/raw/);
  },
  "invalid-utf8"(r) {
    expect(r.article?.title).toBe("Café owners “welcome” the new rules");
    expect(bodyText(r)).toContain("caf\uFFFD \uFFFD here.");
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toMatchObject({ file: "raw/invalid-utf8.txt", line: 5 });
    expect(warnings(r)[0]?.message).toMatch(/Invalid UTF-8/);
  },
  "windows-1252"(r) {
    expect(r.article?.title).toBe("Café owners “welcome” the new rules");
    expect(bodyText(r)).toContain("rules were “fair” – and cheap.");
    expect(bodyText(r)).toContain("costs €20.");
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]?.message).toMatch(/Windows-1252/);
    expect(warnings(r)[0]?.fix).toMatch(/re-save the file as UTF-8/);
    expect(warnings(r)[0]?.file).toBe("raw/windows-1252.txt");
  },
  "utf8-bom"(r) {
    expect(r.article?.title).toBe("Résumé fraud trial opens");
    expect(r.slugBase).toBe("resume-fraud-trial-opens");
    expect(r.diagnostics).toEqual([]);
  },
  "utf16le-bom"(r) {
    expect(r.article?.title).toBe("Résumé fraud trial opens");
    expect(bodyText(r)).toBe("“Quotes” and 漢字 survive.");
    expect(r.diagnostics).toEqual([]);
  },
  "utf16be-bom"(r) {
    expect(r.article?.title).toBe("Résumé fraud trial opens");
    expect(bodyText(r)).toBe("“Quotes” and 漢字 survive.");
    expect(r.diagnostics).toEqual([]);
  },
  crlf(r) {
    expect(r.article?.paragraphs.map((p) => p.text)).toEqual(["The mayor opened the bridge. It took two years.", "Traffic resumes tomorrow."]);
    expect(JSON.stringify(r.article)).not.toContain("\\r");
    expect(r.diagnostics).toEqual([]);
  },
  cr(r) {
    expect(r.article?.paragraphs.map((p) => p.text)).toEqual(["The mayor opened the bridge. It took two years.", "Traffic resumes tomorrow."]);
    expect(r.diagnostics).toEqual([]);
  },
  "nul-bytes"(r) {
    expect(r.article?.title).toBe("Mayor opens bridge");
    expect(bodyText(r)).toBe("The mayor opened the bridge.\n\nTraffic resumes tomorrow.");
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toMatchObject({ line: 1 });
    expect(warnings(r)[0]?.message).toMatch(/Removed 4 NUL bytes/);
  },
  "punctuation-headline"(r) {
    expect(r.article?.title).toBe("?!… — ***");
    expect(r.slugBase).toMatch(/^article-[0-9a-f]{8}$/);
  },
  "emoji-headline"(r) {
    expect(r.article?.title).toBe("🎉🎉🔥");
    expect(r.slugBase).toMatch(SLUG);
    expect(r.slugBase.length).toBeGreaterThan(3);
  },
  "chinese-headline"(r) {
    expect(r.article?.title).toBe("北京奥运会开幕");
    expect(r.slugBase).toBe("beijingaoyunhuikaimu");
  },
  "long-headline"(r) {
    expect(r.article?.title.length).toBeGreaterThan(300);
    expect(r.slugBase).toBe("parliament-debates-the-extraordinarily-long-and-winding-infrastructure"); // ≤ 80, cut on "-"
    expect(warnings(r)[0]?.message).toMatch(/headline is \d+ characters long/);
  },
  "sidecar-malformed"(r) {
    rejected(r, /not valid JSON/);
    expect(errors(r)[0]).toMatchObject({ file: "raw/sidecar-malformed.json", line: 4 });
  },
  "sidecar-wrong-types"(r) {
    rejected(r, /field "date" must be a string/);
    expect(errors(r)[0]).toMatchObject({ file: "raw/sidecar-wrong-types.json", line: 3 });
  },
  "sidecar-impossible-date"(r) {
    expect(r.article).toBeDefined();
    expect(r.article?.date).toBeUndefined();
    expect(r.article?.source.name).toBe("Wikinews"); // inferred from source_url
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toMatchObject({ file: "raw/sidecar-impossible-date.json", line: 3 });
    expect(warnings(r)[0]?.message).toMatch(/2019-02-30.*not a real day/);
  },
  "sidecar-unknown-fields"(r) {
    expect(r.article?.title).toBe("Mayor opens bridge"); // "tittle" is not "title"
    expect(r.article?.date).toBe("2019-02-28");
    expect(r.article?.byline).toBe("A. Reporter");
    expect(r.article?.source.name).toBe("The Gazette");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toMatch(/"tittle".*did you mean "title"/);
  },
  injection(r) {
    expect(r.article?.title).toBe("<img src=x onerror=alert(3)> Title &amp; more");
    expect(r.article?.byline).toBe("<script>alert(4)</script>");
    expect(r.article?.source.attribution).toBe("<b>Wikinews</b> &amp; friends");
    expect(r.article?.source.url).toBeUndefined(); // javascript: is never a link
    expect(bodyText(r)).toContain('Click <a href="javascript:alert(1)">this link</a> for more.');
    expect(bodyText(r)).toContain('<img src=x onerror="alert(2)"> and &lt;escaped&gt; &amp; entities &#x3C;script&#x3E;.');
    expect(warnings(r).map((d) => d.message)).toEqual([expect.stringMatching(/"source_url" is not an http\(s\) address/)]);
  },
  "junk-and-repairs"(r) {
    expect(r.article?.removed).toEqual([
      "READ MORE: Jobs report beats forecasts",
      "Advertisement",
      "- Read more",
      "Click here to subscribe to our newsletter.",
      "(read more)",
    ]);
    const body = bodyText(r);
    expect(body).toContain("Stocks rose on Tuesday. Analysts credited the U.S. jobs report, released at 8:30 a.m. Eastern time.");
    expect(body).toContain("Amazon.com shares gained 3.5 percent, e.g. more than Apple, said Jane Doe, Ph.D. of No.5 Research. Details");
    expect(body).toContain("https://example.com/Markets.Today and www.example.org/Report.Html.");
    expect(body).toContain("The index closed higher. “We are cautious,” one trader said.");
    expect(body.endsWith("Bonds were flat")).toBe(true);
  },
};

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("ingest fixtures", () => {
  test("every fixture has its assertions, and every assertion its fixture", () => {
    expect(cases).toEqual(Object.keys(expectations).sort());
  });

  for (const name of cases) {
    test(name, async () => {
      const result = ingestFixture(name);
      expectations[name]?.(result, name);
      await expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot(join(FIXTURES, name, "expected.json"));
    });
  }
});
