// A minimal article as the archive index reads it, for tests that build an index without files.
import type { ArchiveArticle } from "../../src/archive/index.ts";

/**
 * Article `i` (slug "a-<i>"), undated when i is a multiple of 10 unless `date` is given, mentioning each of
 * `people` once in a sentence made by `sentence`.
 */
export function archiveArticle(
  i: number,
  people: readonly string[] = [],
  options: { readonly date?: string; readonly sentence?: (name: string, i: number) => string } = {},
): ArchiveArticle {
  const sentence = options.sentence ?? ((name: string) => `${name}.`);
  const date = options.date ?? (i % 10 === 0 ? undefined : `20${String(10 + (i % 10)).padStart(2, "0")}-0${1 + (i % 9)}-15`);
  return {
    slug: `a-${i}`,
    title: `Article ${i}`,
    ...(date === undefined ? {} : { date }),
    source: {},
    summary: "",
    wordCount: 1,
    readingMinutes: 1,
    people: people.map((name) => ({ name, aliases: [name], mentions: 1, paragraph: "p1", sentence: sentence(name, i) })),
    organizations: [],
    places: [],
    laws: [],
    money: [],
    quotes: [],
    sources: [],
  };
}
