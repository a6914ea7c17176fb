// A byline becomes one schema.org author per person, with the affiliation or job title it gives.
import { describe, expect, it } from "vitest";
import { bylineAuthors } from "../../src/site/byline-authors.ts";

describe("bylineAuthors", () => {
  it.each([
    ["Jane Doe", [{ name: "Jane Doe" }]],
    ["Jane Doe, Associated Press", [{ name: "Jane Doe", affiliation: "Associated Press" }]],
    ["Jane Doe | Reuters", [{ name: "Jane Doe", affiliation: "Reuters" }]],
    ["Jane Doe and John Roe, Reuters", [{ name: "Jane Doe", affiliation: "Reuters" }, { name: "John Roe", affiliation: "Reuters" }]],
    ["JANE DOE AND JOHN ROE", [{ name: "JANE DOE" }, { name: "JOHN ROE" }]],
    ["Jane Doe, John Roe and Ann Lee", [{ name: "Jane Doe" }, { name: "John Roe" }, { name: "Ann Lee" }]],
    ["Jane Doe & John Roe", [{ name: "Jane Doe" }, { name: "John Roe" }]],
    ["Jane Doe, Staff Writer", [{ name: "Jane Doe", jobTitle: "Staff Writer" }]],
    ["By Jane Doe - BBC News", [{ name: "Jane Doe", affiliation: "BBC News" }]],
    ["Jean-Luc O'Neil", [{ name: "Jean-Luc O'Neil" }]],
  ])("%s", (byline, expected) => {
    expect(bylineAuthors(byline)).toEqual(expected);
  });

  it("gives no author for an empty byline, and keeps a byline it cannot split whole", () => {
    expect(bylineAuthors("  ")).toEqual([]);
    expect(bylineAuthors(", Reuters")).toEqual([{ name: ", Reuters" }]);
  });
});
