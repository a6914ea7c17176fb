// The Markdown pipeline (src/markdown) per fixture case: input.md + links.json → expected.html.
// Review a changed snapshot by reading the HTML; the assertions below pin what must never regress.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderArticleBody, type EntityLink } from "../../src/markdown/index.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

function render(name: string): string {
  const dir = path.join(FIXTURES, name);
  const links = JSON.parse(readFileSync(path.join(dir, "links.json"), "utf8")) as EntityLink[];
  return renderArticleBody(readFileSync(path.join(dir, "input.md"), "utf8"), { entityLinks: links });
}

describe("renderArticleBody fixtures", () => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, async () => {
      await expect(render(name)).toMatchFileSnapshot(path.join(FIXTURES, name, "expected.html"));
    });
  }
});

describe("renderArticleBody", () => {
  it("links only the first mention of each entity, on the name rather than the title around it", () => {
    const html = render("first-mention");
    expect(html.match(/href="\/people\/xavier-becerra\/"/g)).toHaveLength(1);
    expect(html).toContain('State Attorney General <a href="/people/xavier-becerra/" class="entity">Xavier Becerra</a>');
    expect(html).toContain('Oakland Mayor <a href="/people/libby-schaaf/" class="entity">Libby Schaaf</a>');
    expect(html.match(/href="\/places\/oakland\/"/g)).toHaveLength(1);
    expect(html).toContain('<a href="https://example.com/">Xavier Becerra</a>');
  });

  it("gives top-level paragraphs ids p1…pN and strips scripts, handlers, images and javascript: links", () => {
    const html = render("sanitize");
    expect([...html.matchAll(/<p id="(p\d+)"/g)].map((m) => m[1])).toEqual(["p1", "p2", "p3"]);
    expect(html).not.toMatch(/<script|onclick|<img|javascript:/i);
    expect(html.match(/id="p1"/g)).toHaveLength(1);
  });

  it("never links a surname two people share, nor a word that only starts with it", () => {
    const html = render("ambiguous-alias");
    expect(html).toContain('<a href="/people/john-smith/" class="entity">John Smith</a>');
    expect(html).toContain('<a href="/people/jane-smith/" class="entity">Jane Smith</a>');
    expect(html).toContain("Smith said nothing; Smithson did.");
  });

  it("turns headings a person wrote into h2, after the page's h1, without counting them as paragraphs", () => {
    const html = render("hand-written-headings");
    expect([...html.matchAll(/<(h\d)>/g)].map((m) => m[1])).toEqual(["h2", "h2"]);
    expect([...html.matchAll(/<p id="(p\d+)"/g)].map((m) => m[1])).toEqual(["p1", "p2"]);
  });

  it("keeps no state between calls", () => {
    const first = render("first-mention");
    expect(renderArticleBody("Xavier Becerra spoke.")).toBe('<p id="p1">Xavier Becerra spoke.</p>\n');
    expect(render("first-mention")).toBe(first);
  });
});
