// What Pagefind is given of a page (#6): a smaller page with the same search record, which also tells a
// patch whether a re-rendered page needs indexing again.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchRecordPage } from "../../src/cli/search-record-page.ts";

const page = (parts: { body?: string; related?: string | null; title?: string; lang?: string; outside?: string; panel?: string }) =>
  `<!doctype html><html lang="${parts.lang ?? "en"}"><head><title>${parts.title ?? "Harbour - Archive"}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/people/">People</a></nav></header>
<main><article class="article" data-pagefind-body><h1 id="title">Harbour</h1>
<p class="meta" data-pagefind-ignore><time datetime="2020-01-02" data-pagefind-filter="year:2020" data-pagefind-meta="date:January 2, 2020">January 2, 2020</time> · 1 min read</p>
<h2 id="the-keeper">The keeper</h2>
<p id="p1">${parts.body ?? "The lighthouse keeper spoke."} <a href="/people/ada/">Ada Lovelace</a> listened.</p>
<p id="p2">The <em>harbour</em> master<br>agreed.<img src="/a.png" alt="A harbour"></p>
<aside data-pagefind-ignore><h2>In this article</h2>${parts.panel ?? `<a href="/people/ada/" data-pagefind-filter="person">Ada Lovelace</a>`}<aside><p>nested aside</p></aside></aside>
</article>
${parts.outside ?? ""}
${parts.related === null ? "" : `<section data-pagefind-ignore><h2>Related articles</h2><ul>${parts.related ?? "<li>Older story</li>"}</ul></section>`}
<nav class="neighbours" data-pagefind-ignore><a href="/articles/a/">Newer</a></nav></main><footer>Broadsheet</footer></body></html>`;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "broadsheet-record-page-"));
});
afterAll(async () => {
  await pagefind.close();
  await rm(work, { recursive: true, force: true });
});

/** What a Pagefind fragment holds of a page (the fields this test reads). */
interface Fragment {
  readonly url: string;
  readonly content: string;
  readonly filters: Record<string, string[]>;
  readonly anchors: { readonly element: string; readonly id: string; readonly text: string }[];
}

describe("searchRecordPage", () => {
  it("keeps the body, the language, the title and every attributed element, and drops ignored text", () => {
    const lean = searchRecordPage(page({}));
    expect(lean).toContain(`<html lang="en">`);
    expect(lean).toContain("<title>Harbour - Archive</title>");
    expect(lean).toContain(`<p>The lighthouse keeper spoke. <a href="/people/ada/">Ada Lovelace</a> listened.</p>`);
    expect(lean).toContain(`<h2 id="the-keeper">The keeper</h2>`);
    expect(lean).toContain(`<p class="meta" data-pagefind-ignore><time datetime="2020-01-02" data-pagefind-filter="year:2020" data-pagefind-meta="date:January 2, 2020">January 2, 2020</time></p>`);
    expect(lean).toContain(`<aside data-pagefind-ignore><a href="/people/ada/" data-pagefind-filter="person">Ada Lovelace</a></aside>`);
    for (const gone of ["In this article", "nested aside", "1 min read", "Related articles", "Newer", "Broadsheet", "People"]) expect(lean).not.toContain(gone);
  });

  it("keeps an ignored element around what it holds outside the body, and a feeding element whole", () => {
    const lean = searchRecordPage(page({ outside: `<footer data-pagefind-ignore="all"><p>About us</p><span data-pagefind-filter="tag">hidden</span></footer >`, panel: `<p data-pagefind-ignore data-pagefind-filter="author">Jane Roe</p>` }));
    expect(lean).toContain(`<footer data-pagefind-ignore="all"><span data-pagefind-filter="tag">hidden</span></footer >`);
    expect(lean).toContain(`<p data-pagefind-ignore data-pagefind-filter="author">Jane Roe</p>`);
    expect(lean).not.toContain("About us");
  });

  it("gives Pagefind the same records as the whole pages, but for the anchors of elements other than headings", async () => {
    const pages = [
      page({}),
      page({
        body: "Ships came in at dawn.",
        // An element both ignored and feeding (its text is the value), and filters under data-pagefind-ignore="all".
        panel: `<a data-pagefind-filter="place">Lisbon</a><p data-pagefind-ignore data-pagefind-filter="author">Jane Roe</p><div data-pagefind-ignore="all"><span data-pagefind-filter="place">Porto</span></div>`,
        outside: `<p>By <span data-pagefind-filter="author">Grace Hopper</span></p><footer data-pagefind-ignore="all"><span data-pagefind-filter="tag">hidden</span></footer>`,
      }),
    ];
    const bundle = async (name: string, html: readonly string[]) => {
      const { index } = await pagefind.createIndex({ keepIndexUrl: false });
      for (const [i, content] of html.entries()) expect((await index!.addHTMLFile({ sourcePath: `articles/a${i}/index.html`, content })).errors).toEqual([]);
      await index!.writeFiles({ outputPath: path.join(work, name) });
      const files = (await readdir(path.join(work, name), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      return new Map(await Promise.all(files.map(async (e) => [path.relative(work, path.join(e.parentPath, e.name)).slice(name.length), await readFile(path.join(e.parentPath, e.name))] as const)));
    };
    // Each page's record (a fragment: gzip, then "pagefind_dcd" and JSON), by URL.
    const records = (files: Map<string, Buffer>) =>
      new Map(
        [...files]
          .filter(([file]) => file.includes("/fragment/"))
          .map(([, bytes]) => JSON.parse(gunzipSync(bytes).toString("utf8").replace(/^pagefind_dcd/, "")) as Fragment)
          .map((record) => [record.url, record] as const),
      );
    const whole = records(await bundle("whole", pages));
    const lean = records(await bundle("lean", pages.map(searchRecordPage)));
    expect([...lean.keys()].sort()).toEqual([...whole.keys()].sort());
    for (const [url, record] of whole) {
      // The anchors the search page can show (sub-results: headings only), the rest of the record as is.
      const headings = record.anchors.filter((anchor) => /^h\d$/i.test(anchor.element));
      expect(lean.get(url)).toEqual({ ...record, anchors: headings });
      expect(headings.length).toBeGreaterThan(0);
      expect(record.anchors.length).toBeGreaterThan(headings.length);
    }
    const first = [...whole.values()].find((r) => r.content.includes("lighthouse keeper"))!;
    expect(first.anchors.map((a) => a.id)).toContain("p1");
    expect(first.content).not.toContain("In this article");
    const second = [...whole.values()].find((r) => r.content.includes("Ships came in"))!;
    expect(second.filters.author).toContain("Jane Roe");
    expect(JSON.stringify(second.filters)).not.toContain("Porto");
  }, 30_000);

  it("is the same when only the links around the body change", () => {
    const before = searchRecordPage(page({}));
    expect(searchRecordPage(page({ related: "<li>Today's story</li><li>Older story</li>" }))).toBe(before);
    expect(searchRecordPage(page({ related: null }))).toBe(before);
  });

  it("differs when the body, the title, the language or a filter anywhere changes", () => {
    const before = searchRecordPage(page({}));
    expect(searchRecordPage(page({ body: "The lighthouse keeper spoke again." }))).not.toBe(before);
    expect(searchRecordPage(page({ title: "Harbor - Archive" }))).not.toBe(before);
    expect(searchRecordPage(page({ lang: "fr" }))).not.toBe(before);
    expect(searchRecordPage(page({ panel: `<a data-pagefind-filter="person">Grace Hopper</a>` }))).not.toBe(before);
    expect(searchRecordPage(page({ outside: `<span data-pagefind-filter="year:2020"></span>` }))).not.toBe(before);
    expect(searchRecordPage(page({ outside: `<meta data-pagefind-meta="image:/a.png">` }))).not.toBe(before);
  });

  it("keeps the text of an element outside the body whose attribute takes its value from it", () => {
    const filter = (name: string) => searchRecordPage(page({ outside: `<p>By <span data-pagefind-filter="author">${name}</span></p>` }));
    expect(filter("Ada Lovelace")).toContain(`<span data-pagefind-filter="author">Ada Lovelace</span>`);
    expect(filter("Ada Lovelace")).not.toContain("By ");
  });

  it("reads the body to its own closing tag, past nested elements of the same name", () => {
    const nested = (tail: string) =>
      `<html><body><article data-pagefind-body><article><p>inner</p></article><p>${tail}</p></article><p>after</p></body></html>`;
    expect(searchRecordPage(nested("tail one"))).toContain("<p>tail one</p></article>");
    expect(searchRecordPage(nested("tail one"))).not.toContain("after");
  });

  it("is the whole page when the page has no body element, or an element it needs is not closed", () => {
    const plain = "<html><body><p>No body marker</p></body></html>";
    expect(searchRecordPage(plain)).toBe(plain);
    const open = "<html><body><div data-pagefind-body><p>never closed</p></body></html>";
    expect(searchRecordPage(open)).toBe(open);
    const ignoredOpen = "<html><body><div data-pagefind-body><p>text</p><aside data-pagefind-ignore><p>x</p></div></body></html>";
    expect(searchRecordPage(ignoredOpen)).toBe(ignoredOpen);
  });
});
