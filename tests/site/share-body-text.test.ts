// #6: sentences and quotes read back from the parse cache are kept as slices of their body; their values, and
// so every page, stay the same.

import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArticles } from "../../src/site/read-articles.ts";
import { shareBodyText } from "../../src/site/share-body-text.ts";
import { parseArticleFile } from "../../src/front-matter/index.ts";
import { readFile } from "node:fs/promises";

const BUNDLED = path.join(import.meta.dirname, "../../content");
const SEED = path.join(BUNDLED, "articles/northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report.md");

describe("shareBodyText", () => {
  it("keeps every value of the bundled articles' front matter as the file gives it", async () => {
    const articles = await readArticles(BUNDLED, { fillCache: false });
    expect(articles.length).toBeGreaterThan(100);
    let found = 0;
    for (const article of articles) {
      const text = await readFile(article.file, "utf8");
      const parsed = parseArticleFile(text, article.file);
      expect(article.data).toEqual(parsed.data);
      for (const r of [...article.data.people, ...article.data.organizations, ...article.data.places, ...article.data.laws]) if (article.body.includes(r.sentence)) found++;
    }
    // Most sentences are found in their body, so most are shared.
    expect(found).toBeGreaterThan(1000);
  });

  it("leaves a sentence the body does not hold as it is, and changes nothing else", async () => {
    const { data, body } = parseArticleFile(await readFile(SEED, "utf8"), SEED);
    const record = data.people[0]!;
    const changed = { ...data, people: [{ ...record, sentence: "A sentence written by hand, not in the body." }, ...data.people.slice(1)] };
    const shared = shareBodyText(changed, body);
    expect(shared).toEqual(changed);
    expect(shared.people[0]!.sentence).toBe("A sentence written by hand, not in the body.");
    expect(shared.quotes.map((q) => q.text)).toEqual(data.quotes.map((q) => q.text));
    expect(shared.quotes.every((q) => body.includes(q.text))).toBe(true);
  });
});
