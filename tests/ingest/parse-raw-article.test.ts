// parseRawArticle: headline, paragraphs, dateline, summary (issue 2).

import { describe, expect, test } from "vitest";
import { RawArticleError } from "../../src/errors.ts";
import { parseRawArticle } from "../../src/ingest/index.ts";

const FILE = "raw/x.txt";

describe("datelines", () => {
  test.each([
    ["June 13, 2005", "2005-06-13"],
    ["Monday, June 13, 2005", "2005-06-13"],
    ["13 June 2005", "2005-06-13"],
    ["2005-06-13", "2005-06-13"],
    ["Sept. 8, 2007", "2007-09-08"],
    ["September 08, 2007", "2007-09-08"],
    ["Thursday, 1st March 2012", "2012-03-01"],
  ])("%s gives %s and leaves the body", (line, date) => {
    const article = parseRawArticle(`Headline\n\n${line}\n\nFirst paragraph.\n`, FILE);
    expect(article.dateline).toEqual({ date, line: 3 });
    expect(article.paragraphs.map((p) => p.text)).toEqual(["First paragraph."]);
    expect(article.summary).toBe("First paragraph.");
  });

  test("a dateline run into the lede is split off", () => {
    const article = parseRawArticle("Headline\n\nThursday, March 15, 2012 Wikinews interviewed a bar owner.\n", FILE);
    expect(article.dateline?.date).toBe("2012-03-15");
    expect(article.paragraphs[0]?.text).toBe("Wikinews interviewed a bar owner.");
  });

  test("a date inside prose, or further down, is not a dateline", () => {
    const article = parseRawArticle("Headline\n\nOn June 13, 2005 the court ruled.\n\nA.\n\nB.\n\nC.\n\nJune 14, 2005\n", FILE);
    expect(article.dateline).toBeUndefined();
    expect(article.paragraphs).toHaveLength(5);
  });

  test("an impossible dateline gives no date and stays in the text, with a warning", () => {
    const article = parseRawArticle("Headline\n\nFebruary 30, 2019\n\nBody.\n", FILE);
    expect(article.dateline).toBeUndefined();
    expect(article.paragraphs[0]?.text).toBe("February 30, 2019");
    expect(article.diagnostics[0]).toMatchObject({ severity: "warning", line: 3 });
  });

  test("no date is ever invented", () => {
    expect(parseRawArticle("Headline\n\nBody written today.\n", FILE).dateline).toBeUndefined();
  });
});

describe("paragraphs and counts", () => {
  test("hard-wrapped lines join into one paragraph; whitespace collapses", () => {
    const article = parseRawArticle("  Head \t line  \n\nOne\nparagraph\u00a0 here.\n\n\n\nTwo.", FILE);
    expect(article.title).toBe("Head line");
    expect(article.paragraphs).toEqual([
      { id: "p1", text: "One paragraph here." },
      { id: "p2", text: "Two." },
    ]);
  });

  test("word count skips lone punctuation; reading time is ceil(words / 230), at least 1", () => {
    const body = Array.from({ length: 461 }, (_, i) => `w${i}`).join(" ");
    const article = parseRawArticle(`Headline\n\n${body} – …\n`, FILE);
    expect(article.wordCount).toBe(461);
    expect(article.readingMinutes).toBe(3);
    expect(parseRawArticle("Headline\n\nOne.\n", FILE).readingMinutes).toBe(1);
  });

  test("the summary is the lede cut on a word boundary to at most 300 characters", () => {
    const lede = `${"abcdefghi ".repeat(40)}end.`;
    const { summary } = parseRawArticle(`Headline\n\n${lede}\n\nSecond.\n`, FILE);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary).toMatch(/^(abcdefghi ){29}abcdefghi…$/);
  });

  test("a subheading or caption before the lede is not the summary, but stays in the body", () => {
    const article = parseRawArticle("Headline\n\nInterview\n\nThe A380 was revealed in January 2005\n\nThe plane flew.\n", FILE);
    expect(article.summary).toBe("The plane flew.");
    expect(article.paragraphs.map((p) => p.text)).toEqual(["Interview", "The A380 was revealed in January 2005", "The plane flew."]);
    expect(parseRawArticle("Headline\n\nOnly a heading\n", FILE).summary).toBe("Only a heading");
  });

  test("a paragraph that was only junk disappears; ids stay consecutive", () => {
    const article = parseRawArticle("Headline\n\nOne.\n\nAdvertisement\n\nTwo. – READ MORE\n", FILE);
    expect(article.paragraphs).toEqual([
      { id: "p1", text: "One." },
      { id: "p2", text: "Two." },
    ]);
    expect(article.removed).toEqual(["Advertisement", "– READ MORE"]);
  });

  test("prose that merely mentions reading more is kept", () => {
    const text = "You trust him, but then you read more and you become thrilled.";
    expect(parseRawArticle(`Headline\n\n${text}\n`, FILE).paragraphs[0]?.text).toBe(text);
  });

  test("markup and entities are kept as literal text (escaping is the renderer's job)", () => {
    const article = parseRawArticle('<script>alert(1)</script> &amp; News\n\n<img src=x onerror="alert(2)"> [x](javascript:alert(3)) &lt;b&gt;\n', FILE);
    expect(article.title).toBe("<script>alert(1)</script> &amp; News");
    expect(article.paragraphs[0]?.text).toBe('<img src=x onerror="alert(2)"> [x](javascript:alert(3)) &lt;b&gt;');
  });

  test("leading blank lines before the headline are skipped", () => {
    expect(parseRawArticle("\n\n  \nHeadline\n\nBody.\n", FILE).title).toBe("Headline");
  });

  test("a body that is only junk is a headline with no body", () => {
    expect(() => parseRawArticle("Headline\n\nAdvertisement\n\nREAD MORE: elsewhere\n", FILE)).toThrow(RawArticleError);
  });
});
