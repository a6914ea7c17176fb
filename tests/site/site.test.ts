// The site rendered in memory from tests/site/fixtures/content: the seed article page, an entity page,
// the home page's order, and links under a path prefix (issues 2 §5 and 4).
import type { Element } from "domhandler";
import { parseDocument, DomUtils } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, page, renderSite, type RenderedPage } from "./render-site.ts";

const SEED = "/articles/northern-california-police-refuse-to-cooperate-in-upcoming-ice-raids-report/";

function dom(html: string) {
  return parseDocument(html);
}
function text(html: string, selector: (e: Element) => boolean): string[] {
  return DomUtils.findAll(selector, dom(html).children).map((e) => DomUtils.textContent(e).trim());
}
function hrefs(html: string): string[] {
  return DomUtils.findAll((e) => (e.name === "a" || e.name === "link") && e.attribs["href"] !== undefined, dom(html).children).map(
    (e) => e.attribs["href"]!,
  );
}

let pages: Map<string, RenderedPage>;
beforeAll(async () => {
  pages = await renderSite(FIXTURE_CONTENT);
});

describe("article page", () => {
  it("shows the seed's clean text, 'Undated', and links the first mention of each entity", () => {
    const html = page(pages, SEED);
    const body = text(html, (e) => e.name === "p" && /^p\d+$/.test(e.attribs["id"] ?? ""));
    expect(body.join("\n")).not.toMatch(/READ MORE/);
    expect(body.join("\n")).toContain("took office. ICE officials");
    expect(text(html, (e) => e.attribs["class"] === "meta")[0]).toMatch(/^Undated/);
    const entityLinks = DomUtils.findAll((e) => e.name === "a" && e.attribs["class"] === "entity", dom(html).children);
    const becerra = entityLinks.filter((a) => a.attribs["href"] === "/people/xavier-becerra/");
    expect(becerra).toHaveLength(1);
    expect(DomUtils.textContent(becerra[0]!)).toBe("Xavier Becerra");
  });

  it("numbers paragraphs p1…pN in order", () => {
    const ids = DomUtils.findAll((e) => e.name === "p" && /^p\d+$/.test(e.attribs["id"] ?? ""), dom(page(pages, SEED)).children).map(
      (e) => e.attribs["id"],
    );
    expect(ids.length).toBeGreaterThan(5);
    expect(ids).toEqual(ids.map((_, i) => `p${i + 1}`));
  });

  it("shows license, attribution and source of a Wikinews article, and NewsArticle JSON-LD", () => {
    const html = page(pages, "/articles/becerra-sues-over-census-question/");
    const provenance = text(html, (e) => e.attribs["class"] === "provenance")[0] ?? "";
    expect(provenance).toContain("Text from Wikinews (https://en.wikinews.org), CC BY 2.5");
    expect(provenance).toContain("https://en.wikinews.org/wiki/Becerra_sues_over_census_question");
    const ld = DomUtils.findOne((e) => e.name === "script" && e.attribs["type"] === "application/ld+json", dom(html).children);
    const json = JSON.parse(DomUtils.textContent(ld!)) as Record<string, unknown>;
    expect(json).toMatchObject({ "@type": "NewsArticle", headline: "Becerra sues over census question", datePublished: "2018-03-27" });
    // "Ana Ruiz and Tom Lee, Staff Writers": one Person each, the job title not part of the name.
    expect(json["author"]).toEqual([
      { "@type": "Person", name: "Ana Ruiz", jobTitle: "Staff Writers" },
      { "@type": "Person", name: "Tom Lee", jobTitle: "Staff Writers" },
    ]);
  });

  it("names each person of the byline as an author in the feeds", () => {
    const entry = page(pages, "/feed.xml").split("<entry>").find((e) => e.includes("/articles/becerra-sues-over-census-question/")) ?? "";
    expect([...entry.matchAll(/<author><name>([^<]*)<\/name><\/author>/g)].map((m) => m[1])).toEqual(["Ana Ruiz", "Tom Lee"]);
    const feed = JSON.parse(page(pages, "/feed.json")) as { items: { url: string; authors?: { name: string }[] }[] };
    const item = feed.items.find((i) => i.url.endsWith("/articles/becerra-sues-over-census-question/"));
    expect(item?.authors).toEqual([{ name: "Ana Ruiz" }, { name: "Tom Lee" }]);
  });

  it("escapes markup and template syntax in article text", () => {
    const html = page(pages, "/articles/zurich-cafe-opens/");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("{{ owner }}");
    expect(DomUtils.findAll((e) => e.name === "script" && e.attribs["type"] !== "application/ld+json", dom(html).children)).toEqual([]);
  });
});

describe("entity page", () => {
  it("lists every article that mentions the person, newest first, with the sentence and a paragraph link, and his quotes", () => {
    const html = page(pages, "/people/xavier-becerra/");
    expect(text(html, (e) => e.name === "h1")).toEqual(["Xavier Becerra"]);
    const titles = text(html, (e) => e.name === "h3" && e.parent !== null && (e.parent as Element).name === "li");
    expect(titles).toEqual(["Becerra sues over census question", "Northern California police refuse to cooperate in upcoming ICE raids: report"]);
    expect(hrefs(html)).toContain(`${SEED}#p6`);
    expect(text(html, (e) => e.name === "blockquote").join("\n")).toContain("We will see them in court.");
    expect(html).toMatch(/<svg[^>]*role="img"/);
  });

  it("applies content/entities.yaml: a blocked entity has no page and no link", () => {
    expect(pages.has("/organizations/fox-news/")).toBe(false);
    expect(hrefs(page(pages, SEED)).filter((h) => h.includes("fox-news"))).toEqual([]);
    expect(pages.has("/organizations/san-francisco-chronicle/")).toBe(true);
  });

  it("folds case and accents in entity URLs", () => {
    expect(pages.has("/places/zurich/")).toBe(true);
  });
});

describe("home page", () => {
  it("lists the dated articles newest first, and sends readers to /undated/ for the others", () => {
    const html = page(pages, "/");
    const headlines = text(html, (e) => (e.name === "h2" || e.name === "h3") && DomUtils.findOne((c) => c.name === "a", e.children) !== null);
    expect(headlines.slice(0, 2)).toEqual(["Becerra sues over census question", "Oakland council approves budget"]);
    expect(headlines).not.toContain("Café opens in Zürich");
    expect(html).toContain(`listed under <a href="/undated/">Undated</a>`);
    const undated = page(pages, "/undated/");
    expect(undated).toContain("Café opens in Zürich");
    expect(undated).toContain("Northern California police refuse");
  });
});

describe("API", () => {
  interface ArticlesIndex { articleUrl: string; total: number; files: { month: string | null; count: number; url: string }[] }
  interface EntitiesIndex { total: number; files: { type: string; letter: string; count: number; url: string }[] }
  const json = <T>(url: string): T => JSON.parse(page(pages, url)) as T;

  it("lists every article once, in files by month (undated last), each as the index counts it", () => {
    const index = json<ArticlesIndex>("/api/articles.json");
    expect(index.articleUrl).toBe("/articles/{slug}/");
    expect(index.files.map((f) => f.month)).toContain("2018-03");
    expect(index.files.at(-1)!.month).toBeNull();
    const slugs: string[] = [];
    for (const file of index.files) {
      const { articles, month } = json<{ month: string | null; articles: { slug: string; date: string | null }[] }>(file.url);
      expect(month).toBe(file.month);
      expect(articles).toHaveLength(file.count);
      for (const a of articles) expect(a.date?.slice(0, 7) ?? null).toBe(file.month);
      slugs.push(...articles.map((a) => a.slug));
    }
    expect(slugs).toHaveLength(index.total);
    expect(new Set(slugs).size).toBe(index.total);
    const seed = json<{ articles: { slug: string; entities: string[] }[] }>("/api/articles/undated.json").articles.find((a) => SEED.includes(a.slug));
    expect(seed?.entities).toContain("person:xavier-becerra");
  });

  it("lists every entity once, in files by type and initial letter, with its articles", () => {
    const index = json<EntitiesIndex>("/api/entities.json");
    const keys: string[] = [];
    for (const file of index.files) {
      const { entities } = json<{ entities: { key: string; name: string; articleCount: number; articles: string[] }[] }>(file.url);
      expect(entities).toHaveLength(file.count);
      for (const e of entities) expect(e.articles).toHaveLength(e.articleCount);
      keys.push(...entities.map((e) => e.key));
    }
    expect(new Set(keys).size).toBe(index.total);
    const people = json<{ entities: { key: string; articles: string[] }[] }>("/api/entities/person/x.json").entities;
    expect(people.find((e) => e.key === "person:xavier-becerra")?.articles).toContain(SEED.split("/")[2]);
  });
});

describe("every page kind", () => {
  it("exists, and content/raw never becomes a page", () => {
    for (const url of ["/", "/people/", "/organizations/", "/places/", "/laws/", "/archive/", "/archive/2018/", "/archive/2018/03/", "/undated/", "/search/", "/404.html", "/feed.xml", "/feed.json", "/people/xavier-becerra/feed.xml", "/sitemap.xml", "/robots.txt", "/api/articles.json", "/api/entities.json"]) {
      expect(pages.has(url), url).toBe(true);
    }
    expect([...pages.values()].filter((p) => p.inputPath.includes("/raw/"))).toEqual([]);
  });

  it("leaves out an article whose front matter does not parse, as the CLI does, and builds the rest", () => {
    expect(pages.has("/articles/broken-front-matter/")).toBe(false);
    expect(page(pages, "/")).not.toContain("Never shown");
    expect(pages.has("/articles/oakland-budget-vote/")).toBe(true);
  });

  it("has no inline script anywhere", () => {
    for (const [url, p] of pages) {
      if (!url.endsWith("/") && !url.endsWith(".html")) continue;
      const scripts = DomUtils.findAll((e) => e.name === "script" && e.attribs["type"] !== "application/ld+json", dom(p.content).children);
      for (const s of scripts) expect(s.attribs["src"], `${url} has an inline script`).toBeDefined();
    }
  });
});

describe("path prefix", () => {
  it("puts every internal link, asset and feed URL under the prefix", async () => {
    const prefixed = await renderSite(FIXTURE_CONTENT, "/archive/");
    for (const [url, p] of prefixed) {
      if (!url.endsWith("/") && !url.endsWith(".html")) continue;
      for (const href of hrefs(p.content)) {
        if (/^(https?:|#|mailto:)/.test(href)) continue;
        expect(href.startsWith("/archive/"), `${url} links to ${href}`).toBe(true);
      }
    }
    const seed = page(prefixed, SEED);
    expect(hrefs(seed)).toContain("/archive/people/xavier-becerra/");
    expect(page(prefixed, "/feed.xml")).toContain("https://news.example.com/archive/articles/becerra-sues-over-census-question/");
    expect(page(prefixed, "/search/")).toContain('data-bundle-path="/archive/pagefind/"');
  });
});
