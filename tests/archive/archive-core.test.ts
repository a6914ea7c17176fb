// The archive core (issue 6): an index built from it, with the records of the rendered pages filled in
// from their files, must be the index built from the files, and give the same page digests.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  articleTexts,
  buildArchiveIndex,
  coreFromArticles,
  decodeArchiveCore,
  encodeArchiveCore,
  hollowArticles,
  isArchiveCore,
  rowTexts,
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
import { comparableArticles, comparableEntities } from "../support/comparable-index.ts";

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
    expect(hollow.index.entities.flatMap((e) => e.mentions).some((m) => /^\d+$/.test(m.sentence))).toBe(true);
  });

  it("filled for every page, is the index of the files", () => {
    const whole = indexOf(files);
    const core = coreFromArticles(files, "code");
    const hollow = indexOf(hollowArticles(core));
    const only = allPages(hollow.index, hollow.pages, hollow.hashes);
    const needed = recordsToFill(hollow.index, hollow.pages, only);
    expect(needed.whole.size).toBe(files.length);
    const nameOf = new Map(files.map((a) => [a.data.slug, a.name]));
    const bySlug = new Map(files.map((a) => [a.data.slug, a.data]));
    const slugAt = (p: number) => hollow.index.articles[p]!.slug;
    const read = new Map([...needed.whole].map((p) => [p, bySlug.get(slugAt(p))!]));
    const texts = new Map([...needed.texts].map((p) => [p, rowTexts(core, nameOf.get(slugAt(p))!)!]));
    const filled = fillRecords(hollow.index, hollow.pages, only, read, texts);
    expect(comparableArticles(filled.articles)).toEqual(comparableArticles(whole.index.articles));
    expect(comparableEntities(filled.entities)).toEqual(comparableEntities(whole.index.entities));
    expect(filled.byType.person.map((e) => e.mentions)).toEqual(whole.index.byType.person.map((e) => e.mentions));
  });

  it("fills one entity page from the core's texts of the articles it lists, and reads no file whole", () => {
    const core = coreFromArticles(files, "code");
    const hollow = indexOf(hollowArticles(core));
    const page = hollow.pages.entity.find((p) => p.first && hollow.index.entityByKey.get(p.key)!.mentions.length >= 3)!;
    const entity = hollow.index.entityByKey.get(page.key)!;
    const needed = recordsToFill(hollow.index, hollow.pages, new Set([page.path]));
    const listed = new Set([...entity.mentions.slice(page.start, page.end).map((m) => m.article), ...entity.quotes.slice(0, 8).map((q) => q.article)]);
    expect(needed.texts).toEqual(listed);
    expect(needed.whole.size).toBe(0);
    const nameOf = new Map(files.map((a) => [a.data.slug, a.name]));
    const texts = new Map([...needed.texts].map((p) => [p, rowTexts(core, nameOf.get(hollow.index.articles[p]!.slug)!)!]));
    const filled = fillRecords(hollow.index, hollow.pages, new Set([page.path]), new Map(), texts).entityByKey.get(page.key)!;
    const whole = indexOf(files).index.entityByKey.get(page.key)!;
    expect(filled.mentions.slice(page.start, page.end)).toEqual(whole.mentions.slice(page.start, page.end));
    expect(() => fillRecords(hollow.index, hollow.pages, new Set([page.path]), new Map(), new Map())).toThrow(/were not read/);
  });

  it("keeps each article's texts, also one that holds a NUL or none at all", () => {
    const [first, second] = files;
    const odd: CoreArticle = { ...first!, data: { ...first!.data, people: [person("Nul Person", "A sentence with a \u0000 in it.")] } };
    const empty: CoreArticle = { ...second!, data: { ...second!.data, people: [], organizations: [], places: [], laws: [], quotes: [] } };
    const core = coreFromArticles([odd, empty, ...files.slice(2)], "code");
    expect(rowTexts(core, odd.name)).toEqual(articleTexts(odd.data));
    expect(rowTexts(core, odd.name)![0]).toBe("A sentence with a \u0000 in it.");
    expect(rowTexts(core, empty.name)).toEqual([]);
    for (const a of files.slice(2)) expect(rowTexts(core, a.name)).toEqual(articleTexts(a.data));
    expect(rowTexts(core, "missing.md")).toBeUndefined();
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
    const rebuilt = coreFromArticles(now, "code");
    expect(hollowArticles(updated)).toEqual(hollowArticles(rebuilt));
    for (const a of now) expect(rowTexts(updated, a.name)).toEqual(articleTexts(a.data));
    // A few rows changed: the old strings stay, counted as garbage; past a quarter of the table, a compaction.
    expect(updated.strings).toContain(first!.data.title);
    expect(updated.garbage).toBeGreaterThan(0);
    const compacted = updateCore({ ...core, garbage: core.strings.length }, [changed, added], new Set(now.map((a) => a.name)));
    expect(hollowArticles(compacted)).toEqual(hollowArticles(rebuilt));
    for (const a of now) expect(rowTexts(compacted, a.name)).toEqual(articleTexts(a.data));
    expect(compacted.strings).not.toContain(first!.data.title);
    expect(compacted.garbage).toBe(0);
    expect(staleNames(core, new Map(now.map((a) => [a.name, a.textSha256])))).toEqual([changed.name, added.name]);
  });

  it("updated, leaves the kept rows' texts where they are and adds a chunk for the new ones, until a compaction", () => {
    const core = coreFromArticles(files, "code");
    expect(core.texts).toHaveLength(1);
    let current = core;
    let now = [...files];
    let compactions = 0;
    for (let k = 0; k < 20; k++) {
      const [first, ...rest] = now;
      const edited: CoreArticle = { ...first!, name: `zz-${k}.md`, textSha256: `edit ${k}`, data: { ...first!.data, slug: `zz-${k}`, people: [person(`Person ${k}`)] } };
      now = [...rest, edited];
      const next = updateCore(current, [edited], new Set(now.map((a) => a.name)));
      for (const a of now) expect(rowTexts(next, a.name)).toEqual(articleTexts(a.data));
      if (next.texts.length > 1) {
        // Not copied: the chunk the kept rows are in is the one they were in.
        expect(next.texts[0]).toBe(current.texts[0]);
        expect(next.texts).toHaveLength(current.texts.length + 1);
        expect(next.textGarbage).toBeGreaterThan(current.textGarbage);
      } else {
        expect(next.textGarbage).toBe(0);
        compactions++;
      }
      expect(next.texts.length).toBeLessThanOrEqual(16);
      current = next;
    }
    expect(hollowArticles(current)).toEqual(hollowArticles(coreFromArticles(now, "code")));
    // Past a quarter of the bytes unused, or 16 chunks, one chunk again.
    expect(compactions).toBeGreaterThan(0);
    // Written and read back in chunks, the same core.
    expect(current.texts.length).toBeGreaterThan(1);
    const copy = decodeArchiveCore(Buffer.concat(encodeArchiveCore(current)))!;
    expect(copy.texts.map((c) => Buffer.from(c).toString("base64"))).toEqual(current.texts.map((c) => Buffer.from(c).toString("base64")));
    expect([...copy.textSpans]).toEqual([...current.textSpans]);
    for (const a of now) expect(rowTexts(copy, a.name)).toEqual(articleTexts(a.data));
    const compacted = updateCore({ ...current, textGarbage: 10 ** 9 }, [], new Set(now.map((a) => a.name)));
    expect(compacted.texts).toHaveLength(1);
    expect(compacted.textGarbage).toBe(0);
    for (const a of now) expect(rowTexts(compacted, a.name)).toEqual(articleTexts(a.data));
  });

  it("survives being written and read back, and is recognised only in its own shape", () => {
    const core = coreFromArticles(files.slice(0, 5), "code");
    const bytes = Buffer.concat(encodeArchiveCore(core));
    const copy = decodeArchiveCore(bytes);
    expect(copy).toEqual(core);
    expect(hollowArticles(copy!)).toEqual(hollowArticles(core));
    // Read from anywhere in a larger buffer (not aligned for its Int32Arrays), it is the same core.
    const shifted = Buffer.concat([Buffer.from([1]), bytes]).subarray(1);
    expect(decodeArchiveCore(shifted)).toEqual(core);
    // Cut short, or not a core at all: nothing.
    expect(decodeArchiveCore(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeArchiveCore(Buffer.from("BSAC not a core at all"))).toBeUndefined();
    expect(isArchiveCore({ ...core, version: 0 })).toBe(false);
    expect(isArchiveCore({ ...core, names: core.names.slice(1) })).toBe(false);
    expect(isArchiveCore(undefined)).toBe(false);
  });
});

function person(name: string, sentence = `${name} spoke.`): ArchiveArticle["people"][number] {
  return { name, aliases: [name], mentions: 1, paragraph: "p1", sentence };
}
