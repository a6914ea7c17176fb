import { describe, expect, it } from "vitest";
import { FrontMatterError } from "../../src/errors.ts";
import { escapeMarkdownText, isUnedited, parseArticleFile, serializeArticle } from "../../src/front-matter/index.ts";
import type { Article, Enrichment } from "../../src/types.ts";

const article: Article = {
  title: "Ryanair exercises options on five Boeing 737s",
  slug: "ryanair-exercises-options-on-five-boeing-737s",
  date: "2005-06-13",
  source: { name: "Wikinews", url: "https://en.wikinews.org/wiki/Ryanair", license: "CC BY 2.5" },
  summary: "Irish low cost airline, Ryanair, announced today…",
  wordCount: 12,
  readingMinutes: 1,
  paragraphs: [
    { id: "p1", text: "Irish low cost airline, Ryanair, announced today that it is exercising options." },
    { id: "p2", text: "1. Not a list: <script>alert(1)</script> & *stars* &amp; [x](javascript:alert(1))" },
  ],
  provenance: { raw: "raw/ryanair.txt", sha256: "a".repeat(64) },
  removed: [],
};

const enrichment: Enrichment = {
  people: [],
  organizations: [{ name: "Ryanair", aliases: ["Ryanair"], mentions: 1, paragraph: "p1", sentence: "Irish low cost airline, Ryanair, announced today." }],
  places: [],
  laws: [],
  money: [],
  dates: [],
  quotes: [],
  sources: [],
  extractor: "test-1",
  bodySha256: "b".repeat(64),
};

describe("front matter", () => {
  it("round-trips an article through serialize and parse", () => {
    const text = serializeArticle(article, enrichment);
    const file = parseArticleFile(text, "content/articles/x.md");
    expect(file.data.title).toBe(article.title);
    expect(file.data.date).toBe("2005-06-13");
    expect(file.data.organizations[0]?.name).toBe("Ryanair");
    expect(file.data.broadsheet.raw).toBe("raw/ryanair.txt");
    expect(file.generated).toBe(true);
  });

  it("writes byte-identical text for the same input", () => {
    expect(serializeArticle(article, enrichment)).toBe(serializeArticle({ ...article }, { ...enrichment }));
  });

  it("keeps the date a quoted string so YAML does not turn it into a timestamp", () => {
    expect(serializeArticle(article, enrichment)).toMatch(/^date: "2005-06-13"$/m);
  });

  it("omits the date of an undated article rather than inventing one", () => {
    const { date: _date, ...undated } = article;
    const text = serializeArticle(undated, enrichment);
    expect(text).not.toMatch(/^date:/m);
    expect(parseArticleFile(text, "x.md").data.date).toBeUndefined();
  });

  it("detects a hand edit anywhere in the file", () => {
    const text = serializeArticle(article, enrichment);
    expect(isUnedited(text)).toBe(true);
    expect(isUnedited(text.replace("exercising options", "exercising its options"))).toBe(false);
    expect(isUnedited(text.replace("wordCount: 12", "wordCount: 13"))).toBe(false);
  });

  it("escapes Markdown so raw text renders as written", () => {
    expect(escapeMarkdownText("1. Not a list")).toBe("1\\. Not a list");
    expect(escapeMarkdownText("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdownText("<script>")).toBe("\\<script\\>");
    expect(escapeMarkdownText("AT&amp;T")).toBe("AT\\&amp;T");
    expect(escapeMarkdownText("AT&T")).toBe("AT&T");
  });

  it.each([
    ["broken YAML", "---\ntitle: T\nslug: x\nsummary: a: b\n---\n\nBody\n", /not valid YAML/, 4],
    ["a missing title", "---\nslug: x\n---\n\nBody\n", /'title'/, undefined],
    ["a wrong type", "---\ntitle: T\nslug: x\nwordCount: many\n---\n\nBody\n", /'wordCount'/, 4],
    ["a slug with ../", "---\ntitle: T\nslug: ../../etc/passwd\n---\n\nBody\n", /'slug'/, 3],
    ["a slug with /", "---\ntitle: T\nslug: a/b\n---\n\nBody\n", /'slug'/, 3],
    ["an impossible date", "---\ntitle: T\nslug: t\ndate: '2019-02-30'\n---\n\nBody\n", /'date'.*real calendar date/, 4],
    ["a permalink", "---\ntitle: T\nslug: t\npermalink: /evil/\n---\n\nBody\n", /'permalink'/, 4],
    ["no front matter", "Just text\n", /no front matter/, 1],
  ])("rejects %s with the file and line", (_name, text, reason, line) => {
    let caught: unknown;
    try {
      parseArticleFile(text, "content/articles/x.md");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FrontMatterError);
    const error = caught as FrontMatterError;
    expect(error.message).toMatch(reason);
    expect(error.message).toContain("content/articles/x.md");
    expect(error.line).toBe(line);
    expect(error.fix).toBeTruthy();
  });

  it("accepts an unquoted YAML date written by hand", () => {
    const file = parseArticleFile("---\ntitle: T\nslug: t\ndate: 2019-02-28\n---\n\nBody\n", "x.md");
    expect(file.data.date).toBe("2019-02-28");
    expect(file.generated).toBe(false);
  });

  it("drops a javascript: source link with a warning naming the file and line (#7)", () => {
    const file = parseArticleFile("---\ntitle: T\nslug: t\nsource:\n  url: javascript:alert(1)\n  licenseUrl: https://creativecommons.org/licenses/by/2.5/\n---\n\nBody\n", "x.md");
    expect(file.data.source.url).toBeUndefined();
    expect(file.data.source.licenseUrl).toBe("https://creativecommons.org/licenses/by/2.5/");
    expect(file.diagnostics).toEqual([expect.objectContaining({ severity: "warning", file: "x.md", line: 4, message: expect.stringContaining("source.url") })]);
  });
});
