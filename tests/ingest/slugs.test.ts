// Slugs: ASCII, lower-case, unique and stable (issue 2; issue 7 "duplicate headlines", "only punctuation, emoji
// or a non-Latin script", "a very long headline"; slugs never contain "/" or "..").

import { describe, expect, test } from "vitest";
import { assignSlugs, ingestArticle, slugify } from "../../src/ingest/index.ts";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("slugify", () => {
  test.each([
    ["Northern California police refuse to cooperate in upcoming ICE raids: report", "northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report"],
    ["Biologist Nick Bos tells Wikinews about 'self-medicating' ants", "biologist-nick-bos-tells-wikinews-about-self-medicating-ants"],
    ["Crème brûlée in Łódź: Straße, Æsir, Øresund", "creme-brulee-in-lodz-strasse-aesir-oresund"],
    ["Don’t panic — it’s only 3.5%", "dont-panic-its-only-3-5"],
    ["  --Leading and trailing--  ", "leading-and-trailing"],
    ["Москва принимает саммит", "moskva-prinimaet-sammit"],
    ["../../etc/passwd", "etc-passwd"],
  ])("%s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  test("non-Latin scripts and emoji are transliterated", () => {
    expect(slugify("北京")).toBe("beijing");
    expect(slugify("😀")).toMatch(SLUG);
  });

  test("a title with nothing to transliterate gets a stable hash slug", () => {
    expect(slugify("?!… — ***")).toMatch(/^article-[0-9a-f]{8}$/);
    expect(slugify("?!… — ***")).toBe(slugify("?!… — ***"));
    expect(slugify("?!?")).not.toBe(slugify("!?!"));
    expect(slugify("")).toMatch(/^article-[0-9a-f]{8}$/);
  });

  test("a long title is cut at 80 characters on a word boundary", () => {
    const title = "Parliament debates the extraordinarily long and winding infrastructure modernisation bill again";
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG);
    expect(`${title.toLowerCase().replace(/ /g, "-")}`.startsWith(`${slug}-`)).toBe(true); // ends where a word ends
    expect(slugify("x".repeat(500))).toBe("x".repeat(80));
  });
});

describe("assignSlugs", () => {
  test("duplicate headlines get distinct slugs, numbered in raw-path order", () => {
    const same = new TextEncoder().encode("Storm hits coast\n\nThe storm hit the coast.\n");
    const bases = ["raw/b.txt", "raw/a.txt", "raw/c.txt"].map((file) => ({ raw: file, base: ingestArticle({ file, bytes: same }).slugBase }));
    const slugs = assignSlugs(bases, new Map());
    expect(Object.fromEntries(slugs)).toEqual({
      "raw/a.txt": "storm-hits-coast",
      "raw/b.txt": "storm-hits-coast-2",
      "raw/c.txt": "storm-hits-coast-3",
    });
  });

  test("stable between runs: a file keeps its slug when another with the same headline appears before it", () => {
    const first = assignSlugs([{ raw: "raw/m.txt", base: "storm" }], new Map());
    expect(first.get("raw/m.txt")).toBe("storm");
    const second = assignSlugs(
      [
        { raw: "raw/a.txt", base: "storm" },
        { raw: "raw/m.txt", base: "storm" },
      ],
      first,
    );
    expect(second.get("raw/m.txt")).toBe("storm");
    expect(second.get("raw/a.txt")).toBe("storm-2");
    // And the same inputs give the same answer again.
    expect(assignSlugs([{ raw: "raw/m.txt", base: "storm" }, { raw: "raw/a.txt", base: "storm" }], second)).toEqual(second);
  });

  test("a slug already on disk is never given to another file, even when its raw file is gone", () => {
    const slugs = assignSlugs([{ raw: "raw/new.txt", base: "storm" }], new Map([["raw/deleted.txt", "storm"]]));
    expect(slugs.get("raw/new.txt")).toBe("storm-2");
  });

  test("a natural base-2 does not collide with a numbered duplicate", () => {
    const slugs = assignSlugs(
      [
        { raw: "raw/1.txt", base: "storm" },
        { raw: "raw/2.txt", base: "storm" },
        { raw: "raw/3.txt", base: "storm-2" },
      ],
      new Map(),
    );
    expect(new Set(slugs.values()).size).toBe(3);
    expect([...slugs.values()].every((s) => SLUG.test(s))).toBe(true);
  });

  test("unsafe slugs (with / or ..) are never kept or produced", () => {
    const slugs = assignSlugs(
      [
        { raw: "raw/a.txt", base: "../../etc/passwd" },
        { raw: "raw/b.txt", base: "fine" },
      ],
      new Map([["raw/b.txt", "../outside"]]),
    );
    expect(slugs.get("raw/a.txt")).toBe("etc-passwd");
    expect(slugs.get("raw/b.txt")).toBe("fine");
    for (const slug of slugs.values()) {
      expect(slug).not.toContain("/");
      expect(slug).not.toContain("..");
    }
  });
});
