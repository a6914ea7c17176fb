// The archive core (issue 6): an index built from it, with the records of the rendered pages filled in
// from their files, must be the index built from the files, and give the same page digests.
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildArchiveIndex,
  coreFromArticles,
  hollowArticles,
  isArchiveCore,
  staleNames,
  updateCore,
  type ArchiveArticle,
  type ArchiveIndex,
  type CoreArticle,
} from "../../src/archive/index.ts";
import { fillRecords, recordsToFill } from "../../src/site/fill-records.ts";
import { pageDigests } from "../../src/site/page-digests.ts";
import { buildPageLists, type PageLists } from "../../src/site/page-lists.ts";
import { readArticles } from "../../src/site/read-articles.ts";
import { readEditorialRules } from "../../src/site/read-editorial-rules.ts";
import type { EditorialRules } from "../../src/archive/index.ts";

const BUNDLED = path.resolve(import.meta.dirname, "../../content");

let files: CoreArticle[];
let rules: EditorialRules;
beforeAll(async () => {
  files = (await readArticles(BUNDLED, { fillCache: false })).map((a) => ({ name: path.basename(a.file), textSha256: a.textSha256, data: a.data }));
  rules = await readEditorialRules(BUNDLED);
});

function indexOf(articles: readonly CoreArticle[]): { index: ArchiveIndex; pages: PageLists; hashes: Map<string, string> } {
  const index = buildArchiveIndex(articles.map((a) => a.data), { rules });
  return { index, pages: buildPageLists(index), hashes: new Map(articles.map((a) => [a.data.slug, a.textSha256])) };
}

/** Every page permalink of an index. */
function allPages(index: ArchiveIndex, pages: PageLists, hashes: Map<string, string>): Set<string> {
  return new Set(pageDigests(index, pages, hashes).keys());
}

describe("archive core", () => {
  it("gives the page digests of the files it was made from", () => {
    const whole = indexOf(files);
    const hollow = indexOf(hollowArticles(coreFromArticles(files, "code")));
    expect(pageDigests(hollow.index, hollow.pages, hollow.hashes)).toEqual(pageDigests(whole.index, whole.pages, whole.hashes));
    // The text it leaves out is really left out: a digest that read it would differ.
    expect(hollow.index.entities.flatMap((e) => e.mentions).some((m) => /^\d:\d+$/.test(m.sentence))).toBe(true);
  });

  it("filled for every page, is the index of the files", () => {
    const whole = indexOf(files);
    const hollow = indexOf(hollowArticles(coreFromArticles(files, "code")));
    const only = allPages(hollow.index, hollow.pages, hollow.hashes);
    const needed = recordsToFill(hollow.index, hollow.pages, only);
    expect(needed.size).toBe(files.length);
    const bySlug = new Map(files.map((a) => [a.data.slug, a.data]));
    const read = new Map([...needed].map((p) => [p, bySlug.get(hollow.index.articles[p]!.slug)!]));
    const filled = fillRecords(hollow.index, hollow.pages, only, read);
    expect(filled.articles).toEqual(whole.index.articles);
    expect(filled.entities).toEqual(whole.index.entities);
    expect(filled.byType.person.map((e) => e.mentions)).toEqual(whole.index.byType.person.map((e) => e.mentions));
  });

  it("fills one entity page from the articles it lists, and no others", () => {
    const hollow = indexOf(hollowArticles(coreFromArticles(files, "code")));
    const page = hollow.pages.entity.find((p) => p.number === 1 && hollow.index.entityByKey.get(p.key)!.mentions.length >= 3)!;
    const entity = hollow.index.entityByKey.get(page.key)!;
    const needed = recordsToFill(hollow.index, hollow.pages, new Set([page.path]));
    const listed = new Set([...entity.mentions.slice(page.start, page.end).map((m) => m.article), ...entity.quotes.slice(0, 8).map((q) => q.article)]);
    expect(needed).toEqual(listed);
    const bySlug = new Map(files.map((a) => [a.data.slug, a.data]));
    const read = new Map([...needed].map((p) => [p, bySlug.get(hollow.index.articles[p]!.slug)!]));
    const filled = fillRecords(hollow.index, hollow.pages, new Set([page.path]), read).entityByKey.get(page.key)!;
    const whole = indexOf(files).index.entityByKey.get(page.key)!;
    expect(filled.mentions.slice(page.start, page.end)).toEqual(whole.mentions.slice(page.start, page.end));
    expect(() => fillRecords(hollow.index, hollow.pages, new Set([page.path]), new Map())).toThrow(/was not read/);
  });

  it("updated with changed and removed files, equals the core made from the files as they are", () => {
    const core = coreFromArticles(files, "code");
    const [first, second, ...rest] = files;
    const changed: CoreArticle = {
      ...first!,
      textSha256: "changed",
      data: { ...first!.data, title: "A new title", people: [...first!.data.people, person("Zora Newname")] } satisfies ArchiveArticle,
    };
    const added: CoreArticle = { name: "zz-added.md", textSha256: "added", data: { ...second!.data, slug: "zz-added", byline: "Ana Ruiz" } };
    const now = [changed, ...rest, added];
    const updated = updateCore(core, [changed, added], new Set(now.map((a) => a.name)));
    expect(hollowArticles(updated)).toEqual(hollowArticles(coreFromArticles(now, "code")));
    expect(updated.strings).not.toContain(second!.data.title === first!.data.title ? "" : first!.data.title);
    expect(staleNames(core, new Map(now.map((a) => [a.name, a.textSha256])))).toEqual([changed.name, added.name]);
  });

  it("survives v8 serialisation and is recognised only in its own shape", () => {
    const core = coreFromArticles(files.slice(0, 5), "code");
    const copy: unknown = deserialize(serialize(core));
    expect(isArchiveCore(copy)).toBe(true);
    expect(hollowArticles(copy as typeof core)).toEqual(hollowArticles(core));
    expect(isArchiveCore({ ...core, version: 0 })).toBe(false);
    expect(isArchiveCore({ ...core, names: core.names.slice(1) })).toBe(false);
    expect(isArchiveCore(undefined)).toBe(false);
  });
});

function person(name: string): ArchiveArticle["people"][number] {
  return { name, aliases: [name], mentions: 1, paragraph: "p1", sentence: `${name} spoke.` };
}
