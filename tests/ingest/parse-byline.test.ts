// Bylines in the text (issue 2's note: a "By …" line was left in the body): what counts as one, and the
// prose that starts with "By" and must stay prose.
import { describe, expect, it } from "vitest";
import { parseByline } from "../../src/ingest/parse-byline.ts";

describe("parseByline", () => {
  it.each([
    ["By Jane Doe", "Jane Doe"],
    ["BY JANE DOE", "JANE DOE"],
    ["by Jane Doe.", "Jane Doe"],
    ["By Jane Doe and John Roe", "Jane Doe and John Roe"],
    ["By Ludwig van Beethoven", "Ludwig van Beethoven"],
    ["By J.R. Smith-Jones", "J.R. Smith-Jones"],
    ["By Jane Doe, Associated Press", "Jane Doe, Associated Press"],
    ["By Jane Doe | Reuters", "Jane Doe, Reuters"],
    ["By Jane Doe — Staff Writer", "Jane Doe, Staff Writer"],
    ["By The Associated Press", "The Associated Press"],
    ["By Zoë Ó Súilleabháin", "Zoë Ó Súilleabháin"],
  ])("reads %j as the byline %j", (text, byline) => {
    expect(parseByline(text)).toBe(byline);
  });

  it.each([
    "By the time the police arrived, the crowd had gone.",
    "By the end of this year, the Atlanta and St. Louis plants will be closed.",
    "By Tuesday, the rebels had taken the airport.",
    "By March 2020 Sales Had Doubled",
    "By Then, It Was Over",
    "By Law",
    "By Jane Doe, 3 hours ago",
    "By Jane Doe, Reuters, London, Updated",
    "By",
    "Jane Doe, Associated Press",
    `By ${"Name ".repeat(30)}`,
  ])("leaves %j alone", (text) => {
    expect(parseByline(text)).toBeUndefined();
  });
});
