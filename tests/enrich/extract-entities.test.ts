// Behaviours of extractEntities beyond the seed's gold: dates, acronyms, places inside organisations,
// determinism. Fixtures are real articles (tests/enrich/fixtures).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFixture } from "./support.ts";
import { extractEntities, EXTRACTOR_VERSION } from "../../src/enrich/index.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const seedFile = join(fixtures, "seed", "000_f383523450ecae10.txt");

describe("dates (issue 3: resolved against the article's date)", () => {
  it("resolves a weekday to the latest such day on or before the article's date", () => {
    const x = extractFixture(seedFile, "2018-01-18"); // a Thursday
    const wednesday = x.dates.filter((d) => d.text === "Wednesday");
    expect(wednesday.length).toBeGreaterThan(0);
    for (const d of wednesday) expect(d.value).toBe("2018-01-17");
    expect(x.dates.find((d) => d.text === "Thursday")?.value).toBe("2018-01-18");
    expect(x.dates.find((d) => /October/.test(d.text))?.value).toBe("2017-10");
  });

  it("leaves relative dates unresolved when the article has no date", () => {
    const x = extractFixture(seedFile);
    const wednesday = x.dates.find((d) => d.text === "Wednesday");
    expect(wednesday).toBeDefined();
    expect(wednesday!.value).toBeUndefined();
  });

  it("resolves a month and day to the article's year", () => {
    const x = extractFixture(join(fixtures, "acronyms", "wn-meantime-108294.txt"));
    expect(x.dates.find((d) => d.text === "June 18")?.value).toBe("2008-06-18");
  });
});

describe("acronyms (issue 3: linked with their expansion)", () => {
  it("links a bracketed acronym to the organisation before it", () => {
    const x = extractFixture(join(fixtures, "acronyms", "wn-meantime-123881.txt"));
    const gm = x.organizations.find((o) => o.name === "General Motors");
    expect(gm?.aliases).toContain("GM");
    expect(x.organizations.filter((o) => o.aliases.includes("GM"))).toHaveLength(1);
  });

  it("links an acronym to the organisation whose initials it spells", () => {
    const x = extractFixture(join(fixtures, "acronyms", "wn-meantime-108294.txt"));
    const gao = x.organizations.find((o) => o.name === "Government Accountability Office");
    expect(gao?.aliases).toContain("GAO");
    expect(x.organizations.find((o) => o.name === "GAO")).toBeUndefined();
  });

  it("joins a misnamed expansion with the right one through their shared initials", () => {
    const x = extractFixture(seedFile);
    const ice = x.organizations.filter((o) => o.aliases.includes("ICE"));
    expect(ice).toHaveLength(1);
    expect(ice[0]!.aliases).toEqual(expect.arrayContaining(["Immigration and Customs Enforcement", "U.S. Immigration Customs and Enforcement"]));
  });
});

describe("places inside organisation names (issue 3)", () => {
  it("does not take San Francisco out of San Francisco Chronicle", () => {
    const x = extractFixture(seedFile);
    expect(x.organizations.map((o) => o.name)).toContain("San Francisco Chronicle");
    expect(x.places.map((p) => p.name)).not.toContain("San Francisco");
    // Nor the country out of "U.S. Immigration Customs and Enforcement".
    expect(x.places.map((p) => p.name)).not.toContain("United States");
  });

  it("still finds a place named on its own", () => {
    const x = extractEntities({ title: "Fog", paragraphs: [{ id: "p1", text: "The San Francisco Chronicle said fog covered San Francisco on Monday." }] });
    expect(x.places.map((p) => p.name)).toContain("San Francisco");
    expect(x.places.find((p) => p.name === "San Francisco")?.mentions).toBe(1);
  });
});

describe("money", () => {
  it("reads amounts, scales and currencies", () => {
    const x = extractEntities({
      title: "Deals",
      paragraphs: [{ id: "p1", text: "Ford got AU$52.5 million (US$40.4 million), Airbus €2bn and the club 300 million euros, up from $10,000." }],
    });
    const byText = Object.fromEntries(x.money.map((m) => [m.text, [m.amount, m.currency]]));
    expect(byText["AU$52.5 million"]).toEqual([52_500_000, "AUD"]);
    expect(byText["US$40.4 million"]).toEqual([40_400_000, "USD"]);
    expect(byText["€2bn"]).toEqual([2_000_000_000, "EUR"]);
    expect(byText["300 million euros"]).toEqual([300_000_000, "EUR"]);
    expect(byText["$10,000"]).toEqual([10_000, "USD"]);
  });
});

describe("determinism", () => {
  it("returns the same extraction for the same input and names its version", () => {
    const a = extractFixture(seedFile, "2018-01-18");
    const b = extractFixture(seedFile, "2018-01-18");
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(EXTRACTOR_VERSION).toMatch(/\d+\.\d+\.\d+/);
  });
});

describe("news from other sources and decades", () => {
  it("reads a Title Case headline without taking every word for a name", () => {
    const x = extractEntities({
      title: "Northern California Police Refuse To Cooperate In Upcoming ICE Raids",
      paragraphs: [{ id: "p1", text: "Police in Oakland said they would not help ICE officials in Northern California." }],
    });
    const names = [...x.people, ...x.organizations, ...x.places].map((e) => e.name);
    expect(names).toContain("Northern California");
    expect(names.some((n) => /Refuse|Cooperate|Upcoming/.test(n))).toBe(false);
  });

  it("reads an ALL-CAPS headline, keeping only the acronyms the body also uses", () => {
    const x = extractEntities({
      title: "NORTHERN CALIFORNIA POLICE REFUSE TO HELP ICE IN RAIDS",
      paragraphs: [{ id: "p1", text: "Police in Oakland said they would not help ICE officials in Northern California." }],
    });
    const names = [...x.people, ...x.organizations, ...x.places].map((e) => e.name).sort();
    expect(names).toEqual(["ICE", "Northern California", "Oakland"]);
  });

  it("knows countries of earlier decades and their demonyms", () => {
    const x = extractEntities({
      title: "Troops leave",
      paragraphs: [{ id: "p1", text: "The last Soviet soldiers crossed into the USSR on Wednesday, Gen. Boris Gromov said." }],
      date: "1989-02-15",
    });
    const soviet = x.places.find((p) => p.name === "Soviet Union");
    expect(soviet?.aliases).toEqual(expect.arrayContaining(["Soviet", "USSR"]));
    expect(x.people.find((p) => p.name === "Boris Gromov")?.role).toBe("General");
    expect(x.dates.find((d) => d.text === "Wednesday")?.value).toBe("1989-02-15");
  });

  it("gives a quote to the speaker named after it, and a pronoun to the last speaker", () => {
    const x = extractEntities({
      title: "Talks",
      paragraphs: [
        { id: "p1", text: "“We are not there yet,” said Angela Merkel, the German chancellor." },
        { id: "p2", text: "“The talks will go on until we have a deal,” she said." },
      ],
    });
    expect(x.quotes.map((q) => q.speaker)).toEqual(["Angela Merkel", "Angela Merkel"]);
    expect(x.places.find((p) => p.name === "Germany")?.aliases).toContain("German");
  });

  it("reads a wire dateline: the place, and the agency as a cited source", () => {
    const x = extractEntities({
      title: "Senate passes budget",
      paragraphs: [{ id: "p1", text: "WASHINGTON (AP) — The Senate passed the budget on Friday after Sen. Robert Byrd of West Virginia ended his filibuster." }],
      date: "1995-03-10",
    });
    expect(x.places.map((p) => p.name)).toEqual(expect.arrayContaining(["Washington", "West Virginia"]));
    expect(x.sources).toEqual(["AP"]);
    expect(x.people.find((p) => p.name === "Robert Byrd")?.role).toBe("Senator");
  });

  it("attributes a quotation whose speaker is named in a later paragraph", () => {
    const x = extractFixture(join(fixtures, "acronyms", "wn-meantime-123881.txt"));
    const harper = x.quotes.find((q) => q.text.startsWith("This is a regrettable but necessary step"));
    expect(harper?.speaker).toBe("Stephen Harper");
  });
});

describe("roles", () => {
  it("reads a role before the name, after it, or shared by two names", () => {
    const x = extractEntities({
      title: "Roles",
      paragraphs: [
        {
          id: "p1",
          text: "Louis Gallois, the Airbus chief executive, said jobs would go. Oakland Mayor Libby Schaaf agreed, as did Sens. Dianne Feinstein and Kamala Harris. Japan's prime minister, Taro Aso, spoke.",
        },
      ],
    });
    const role = (name: string): string | undefined => x.people.find((p) => p.name === name)?.role;
    expect(role("Louis Gallois")).toBe("Chief Executive of Airbus");
    expect(role("Libby Schaaf")).toBe("Mayor of Oakland");
    expect(role("Kamala Harris")).toBe("Senator");
    expect(role("Taro Aso")).toBe("Prime Minister of Japan");
    for (const p of x.people) expect(p.name).not.toMatch(/Mayor|Sens?\.|minister/i);
  });
});
