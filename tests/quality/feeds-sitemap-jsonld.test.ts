// Issue 5: feeds and the sitemap parse as XML or JSON and list only URLs that exist; JSON-LD parses and has the
// fields Google's Article documentation recommends
// (https://developers.google.com/search/docs/appearance/structured-data/article: no required properties;
// recommended: headline, image, datePublished, dateModified, author with author.name and author.url),
// plus what issue 4 asks of our NewsArticle (about/mentions, wordCount) and of entity pages.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import matter from "gray-matter";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuiltSite } from "../support/build-site.ts";
import { listFiles } from "../support/list-files.ts";
import { classifyPages, nodesOf, typesOf, type SitePage } from "../support/site-pages.ts";
import { resolveUrlPath } from "../support/site-urls.ts";
import { expectNone } from "../support/expect-none.ts";

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", htmlEntities: true, isArray: (name) => ["entry", "url", "sitemap", "item", "link"].includes(name) });

interface Built {
  readonly site: BuiltSite;
  readonly files: ReadonlySet<string>;
  readonly pages: readonly SitePage[];
  readonly origin: string;
}

async function load(pathPrefix: string): Promise<Built> {
  const site = await buildSite({ pathPrefix });
  const files = new Set(await listFiles(site.out));
  const pages = await classifyPages(site.out);
  return { site, files, pages, origin: new URL(site.siteUrl ?? "https://example.org").origin };
}

/** An absolute URL of the site must be on the site's origin and resolve to a file of the output. */
function problemWithAbsoluteUrl(built: Built, url: unknown): string | undefined {
  if (typeof url !== "string") return `not a string: ${JSON.stringify(url)}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not an absolute URL`;
  }
  if (parsed.origin !== built.origin) return `${url} is not on the site's origin ${built.origin}`;
  const resolved = resolveUrlPath(parsed.pathname, built.site.pathPrefix, built.files);
  return resolved.ok ? undefined : `${url}: ${resolved.reason}`;
}

const text = (built: Built, file: string): Promise<string> => readFile(join(built.site.out, file), "utf8");

describe.each(["/", "/archive/"])("feeds, sitemap and JSON-LD with path prefix %s", (pathPrefix) => {
  let built: Built;
  beforeAll(async () => {
    built = await load(pathPrefix);
  });

  it("every .xml file is well-formed XML and every .json file parses", async () => {
    const problems: string[] = [];
    for (const file of built.files) {
      if (file.startsWith("pagefind/")) continue;
      if (file.endsWith(".xml")) {
        const result = XMLValidator.validate(await text(built, file));
        if (result !== true) problems.push(`${file}:${result.err.line} ${result.err.msg}`);
      } else if (file.endsWith(".json")) {
        try {
          JSON.parse(await text(built, file));
        } catch (error) {
          problems.push(`${file}: ${(error as Error).message}`);
        }
      }
    }
    expectNone(problems, "files that do not parse");
  });

  it("the Atom feed lists the newest articles (at most 50), each linking to a page that exists", async () => {
    expect(built.files.has("feed.xml"), "no feed.xml in the output").toBe(true);
    const feed = xml.parse(await text(built, "feed.xml")) as { feed?: { entry?: Record<string, unknown>[]; link?: Record<string, string>[] } };
    expect(feed.feed, "feed.xml has no Atom <feed> root").toBeDefined();
    const entries = feed.feed?.entry ?? [];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(50);
    const problems: string[] = [];
    for (const entry of entries) {
      const links = (entry["link"] as Record<string, string>[] | undefined) ?? [];
      const href = links.find((l) => l["@_rel"] === undefined || l["@_rel"] === "alternate")?.["@_href"];
      const problem = problemWithAbsoluteUrl(built, href);
      if (problem !== undefined) problems.push(`entry "${String(entry["title"])}": ${problem}`);
    }
    for (const link of feed.feed?.link ?? []) {
      const problem = problemWithAbsoluteUrl(built, link["@_href"]);
      if (problem !== undefined) problems.push(`feed <link rel=${link["@_rel"] ?? ""}>: ${problem}`);
    }
    expectNone(problems, "bad links in feed.xml");

    // Newest first, and no dated article left out is newer than the oldest one in the feed.
    const dates = entries.map((e) => String(e["published"] ?? e["updated"] ?? ""));
    expect(dates, "entries are not newest first").toEqual([...dates].sort().reverse());
    const inFeed = new Set(entries.map((e) => slugOfUrl(((e["link"] as Record<string, string>[] | undefined) ?? [])[0]?.["@_href"])));
    const articles = await readArticles(built.site);
    const oldestInFeed = dates.at(-1)?.slice(0, 10) ?? "";
    const newerLeftOut = articles.filter((a) => a.date !== undefined && !inFeed.has(a.slug) && a.date > oldestInFeed);
    expectNone(newerLeftOut.map((a) => `${a.date} ${a.slug}`), "articles newer than the oldest entry missing from feed.xml");
  });

  it("the JSON Feed parses as JSON Feed 1.x and each item links to a page that exists", async () => {
    expect(built.files.has("feed.json"), "no feed.json in the output").toBe(true);
    const feed = JSON.parse(await text(built, "feed.json")) as Record<string, unknown>;
    expect(String(feed["version"])).toMatch(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/);
    expect(typeof feed["title"]).toBe("string");
    const items = feed["items"] as Record<string, unknown>[];
    expect(Array.isArray(items) && items.length > 0).toBe(true);
    expect(items.length).toBeLessThanOrEqual(50);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(feed)) {
      if (key === "home_page_url" || key === "feed_url") {
        const problem = problemWithAbsoluteUrl(built, value);
        if (problem !== undefined) problems.push(`${key}: ${problem}`);
      }
    }
    for (const item of items) {
      if (typeof item["id"] !== "string" || item["id"] === "") problems.push(`item without id: ${JSON.stringify(item).slice(0, 80)}`);
      if (typeof item["content_html"] !== "string" && typeof item["content_text"] !== "string") problems.push(`item ${String(item["id"])} has no content`);
      const problem = problemWithAbsoluteUrl(built, item["url"]);
      if (problem !== undefined) problems.push(`item ${String(item["id"])}: ${problem}`);
    }
    expectNone(problems, "problems in feed.json");
  });

  it("every entity page has its own feed, and every entity feed links only to pages that exist", async () => {
    const entityPages = built.pages.filter((p) => ["person", "organization", "place", "law"].includes(p.kind) && !p.file.includes("/page/"));
    expect(entityPages.length).toBeGreaterThan(0);
    const missing = entityPages.map((p) => p.file.replace(/index\.html$/, "feed.xml")).filter((f) => !built.files.has(f));
    expectNone(missing, "entity pages without a feed");
    const problems: string[] = [];
    for (const page of entityPages) {
      const file = page.file.replace(/index\.html$/, "feed.xml");
      const feed = xml.parse(await text(built, file)) as { feed?: { entry?: Record<string, unknown>[] } };
      for (const entry of feed.feed?.entry ?? []) {
        const href = ((entry["link"] as Record<string, string>[] | undefined) ?? [])[0]?.["@_href"];
        const problem = problemWithAbsoluteUrl(built, href);
        if (problem !== undefined) problems.push(`${file}: ${problem}`);
      }
    }
    expectNone(problems, "bad links in entity feeds");
  });

  it("the sitemap (or sitemap index) lists only URLs that exist, every article among them, and robots.txt names it", async () => {
    const listed: string[] = [];
    const problems: string[] = [];
    const read = async (file: string): Promise<void> => {
      const doc = xml.parse(await text(built, file)) as {
        urlset?: { url?: { loc: string }[] };
        sitemapindex?: { sitemap?: { loc: string }[] };
      };
      if (doc.sitemapindex !== undefined) {
        for (const { loc } of doc.sitemapindex.sitemap ?? []) {
          const problem = problemWithAbsoluteUrl(built, loc);
          if (problem !== undefined) problems.push(`${file}: ${problem}`);
          else await read(decodeURIComponent(new URL(loc).pathname.slice(built.site.pathPrefix.length)));
        }
      } else if (doc.urlset !== undefined) {
        for (const { loc } of doc.urlset.url ?? []) {
          listed.push(loc);
          const problem = problemWithAbsoluteUrl(built, loc);
          if (problem !== undefined) problems.push(`${file}: ${problem}`);
        }
      } else {
        problems.push(`${file} has neither <urlset> nor <sitemapindex>`);
      }
    };
    expect(built.files.has("sitemap.xml"), "no sitemap.xml in the output").toBe(true);
    await read("sitemap.xml");
    expectNone(problems, "bad URLs in the sitemap");
    const listedPaths = new Set(listed.map((u) => new URL(u).pathname));
    const unlisted = built.pages
      .filter((p) => p.kind === "article")
      .map((p) => built.site.pathPrefix + p.file.replace(/index\.html$/, ""))
      .filter((path) => !listedPaths.has(path));
    expectNone(unlisted, "article pages missing from the sitemap");

    const robots = await text(built, "robots.txt").catch(() => "");
    const sitemapLine = /^sitemap:\s*(\S+)/im.exec(robots)?.[1];
    expect(sitemapLine, "robots.txt has no Sitemap: line").toBeDefined();
    expect(problemWithAbsoluteUrl(built, sitemapLine)).toBeUndefined();
  });

  it("every page's JSON-LD parses", () => {
    const broken = built.pages.filter((p) => p.jsonLdErrors.length > 0).map((p) => `${p.file}: ${p.jsonLdErrors.join("; ")}`);
    expectNone(broken, "pages with JSON-LD that does not parse");
  });

  it("every article page has a NewsArticle with headline, datePublished when dated, author when known, about/mentions and wordCount", async () => {
    const articles = await readArticles(built.site);
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    const articlePages = built.pages.filter((p) => p.kind === "article");
    expect(articlePages.length).toBe(articles.length);
    const problems: string[] = [];
    for (const page of articlePages) {
      const node = nodesOf(page.jsonLd).find((n) => typesOf(n).some((t) => ["NewsArticle", "Article", "ReportageNewsArticle"].includes(t)));
      if (node === undefined) {
        problems.push(`${page.file}: no NewsArticle JSON-LD`);
        continue;
      }
      const say = (what: string): void => void problems.push(`${page.file}: ${what}`);
      if (String(node["@context"] ?? "").replace(/\/$/, "") !== "https://schema.org") say(`@context is ${JSON.stringify(node["@context"])}, not https://schema.org`);
      const headline = node["headline"];
      if (typeof headline !== "string" || headline.trim() === "") say("no headline");
      else if (!page.heading.startsWith(headline.replace(/…$/, ""))) say(`headline ${JSON.stringify(headline)} differs from the page's <h1> ${JSON.stringify(page.heading)}`);
      const article = bySlug.get(slugOfUrl(page.file) ?? "");
      if (article === undefined) {
        say("no content/articles/*.md has this page's slug");
        continue;
      }
      const dated = article.date !== undefined;
      for (const key of ["datePublished", "dateModified"]) {
        const value = node[key];
        if (value !== undefined && (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value))) say(`${key} ${JSON.stringify(value)} is not ISO 8601`);
      }
      if (dated && node["datePublished"] === undefined) say("the article has a date but no datePublished");
      if (dated && typeof node["datePublished"] === "string" && !node["datePublished"].startsWith(article.date ?? "")) say(`datePublished ${node["datePublished"]} is not the article's date ${article.date}`);
      if (!dated && node["datePublished"] !== undefined) say("an undated article claims a datePublished (dates are never invented)");
      const hasByline = article.byline !== undefined;
      const authors = node["author"] === undefined ? [] : Array.isArray(node["author"]) ? node["author"] : [node["author"]];
      if (hasByline && authors.length === 0) say("the article has a byline but no author");
      for (const author of authors as Record<string, unknown>[]) {
        if (!["Person", "Organization"].some((t) => typesOf(author).includes(t))) say(`author ${JSON.stringify(author)} is not a Person or Organization`);
        if (typeof author["name"] !== "string" || author["name"] === "") say("author without a name");
        else if (/[,|]/.test(author["name"])) say(`author name ${JSON.stringify(author["name"])} holds more than one name or an affiliation`);
      }
      const images = node["image"] === undefined ? [] : Array.isArray(node["image"]) ? node["image"] : [node["image"]];
      for (const image of images) {
        const url = typeof image === "string" ? image : (image as Record<string, unknown>)["url"];
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) say(`image ${JSON.stringify(image)} is not an absolute URL`);
      }
      if (typeof node["wordCount"] !== "number" || node["wordCount"] <= 0) say(`wordCount is ${JSON.stringify(node["wordCount"])}`);
      const entities = [node["about"], node["mentions"]].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
      if (entities.length === 0) say("neither about nor mentions lists the article's entities");
    }
    expectNone(problems, "problems in article JSON-LD");
  });

  it("every entity page has Person, Organization or Place JSON-LD with its name", () => {
    const problems: string[] = [];
    for (const page of built.pages.filter((p) => ["person", "organization", "place"].includes(p.kind) && !p.file.includes("/page/"))) {
      const expected = page.kind === "person" ? "Person" : page.kind === "organization" ? "Organization" : "Place";
      const node = nodesOf(page.jsonLd).find((n) => typesOf(n).includes(expected));
      if (node === undefined) problems.push(`${page.file}: no ${expected} JSON-LD`);
      else if (typeof node["name"] !== "string" || !page.heading.includes(node["name"])) problems.push(`${page.file}: name ${JSON.stringify(node["name"])} is not in the <h1> ${JSON.stringify(page.heading)}`);
    }
    expectNone(problems, "problems in entity JSON-LD");
  });
});

/** "…/articles/<slug>/…" → slug (the article URL scheme of src/site/urls.ts). */
function slugOfUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : /(?:^|\/)articles\/([^/]+)\//.exec(url)?.[1];
}

interface ArticleFacts {
  readonly slug: string;
  readonly title: string;
  readonly date?: string;
  readonly byline?: string;
}

/** The front matter the build wrote into its copy of the content folder. */
async function readArticles(site: BuiltSite): Promise<ArticleFacts[]> {
  const dir = join(site.content, "articles");
  const files = (await listFiles(dir)).filter((f) => f.endsWith(".md"));
  const facts: ArticleFacts[] = [];
  for (const file of files) {
    const data = matter(await readFile(join(dir, file), "utf8")).data as Record<string, unknown>;
    const date = data["date"] instanceof Date ? data["date"].toISOString().slice(0, 10) : data["date"];
    facts.push({
      slug: String(data["slug"]),
      title: String(data["title"]),
      ...(typeof date === "string" ? { date } : {}),
      ...(typeof data["byline"] === "string" ? { byline: data["byline"] } : {}),
    });
  }
  return facts;
}
