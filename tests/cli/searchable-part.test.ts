// What of a page reaches its search record (#6): a patch re-renders pages whose links changed, and only
// those whose searchable part changed go into the search delta.

import { describe, expect, it } from "vitest";
import { searchablePart } from "../../src/cli/searchable-part.ts";

const page = (parts: { body?: string; related?: string; title?: string; lang?: string; outside?: string }) =>
  `<!doctype html><html lang="${parts.lang ?? "en"}"><head><title>${parts.title ?? "Harbour - Archive"}</title></head><body>
<main><article class="article" data-pagefind-body><h1>Harbour</h1>
<p>${parts.body ?? "The lighthouse keeper spoke."}</p>
<aside data-pagefind-ignore><a href="/people/ada/" data-pagefind-filter="person">Ada Lovelace</a></aside>
</article>
${parts.outside ?? ""}
<section data-pagefind-ignore><h2>Related articles</h2><ul>${parts.related ?? "<li>Older story</li>"}</ul></section>
<nav class="neighbours" data-pagefind-ignore><a href="/articles/a/">Newer</a></nav></main></body></html>`;

describe("searchablePart", () => {
  it("is the same when only the links around the body change", () => {
    const before = searchablePart(page({}));
    expect(searchablePart(page({ related: "<li>Today's story</li><li>Older story</li>" }))).toBe(before);
  });

  it("differs when the body, the title, the language or a filter outside the body changes", () => {
    const before = searchablePart(page({}));
    expect(searchablePart(page({ body: "The lighthouse keeper spoke again." }))).not.toBe(before);
    expect(searchablePart(page({ title: "Harbor - Archive" }))).not.toBe(before);
    expect(searchablePart(page({ lang: "fr" }))).not.toBe(before);
    expect(searchablePart(page({ outside: `<span data-pagefind-filter="year:2020"></span>` }))).not.toBe(before);
    expect(searchablePart(page({ outside: `<meta data-pagefind-meta="image:/a.png">` }))).not.toBe(before);
  });

  it("keeps the text of an element outside the body whose attribute takes its value from it", () => {
    const filter = (name: string) => searchablePart(page({ outside: `<p>By <span data-pagefind-filter="author">${name}</span></p>` }));
    expect(filter("Ada Lovelace")).not.toBe(filter("Grace Hopper"));
    expect(filter("Ada Lovelace")).not.toContain("By ");
  });

  it("reads the body to its own closing tag, past nested elements of the same name", () => {
    const nested = (tail: string) =>
      `<html><body><article data-pagefind-body><article><p>inner</p></article><p>${tail}</p></article><p>after</p></body></html>`;
    expect(searchablePart(nested("tail one"))).not.toBe(searchablePart(nested("tail two")));
    expect(searchablePart(nested("tail one"))).not.toContain("after");
  });

  it("is the whole page when the page has no body element, or it is not closed", () => {
    const plain = "<html><body><p>No body marker</p></body></html>";
    expect(searchablePart(plain)).toBe(plain);
    const open = "<html><body><div data-pagefind-body><p>never closed</p></body></html>";
    expect(searchablePart(open)).toBe(open);
  });
});
