// Bench data for issue 6: N raw articles (+ .json sidecars) recombined from real news paragraphs, so that text,
// vocabulary and entity counts look like news. Deterministic: the same seed and sources give the same bytes.
//
//   tsx bench/generate-articles.ts --count 10000 --out /tmp/bench-10k/raw [--seed 1]
//
// Sources: the Wikinews articles bundled in content/raw (wn-*.txt + sidecars, CC BY 2.5) and the OneStopEnglish
// texts copied into bench/data/ose-adv (CC BY-SA 4.0, see bench/data/SOURCE.md). An article draws all its
// paragraphs from one of the two, so that its license line stays true. Never reads ../shared.

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const PROJECT_ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface SourceArticle {
  readonly id: string;
  readonly headline: string;
  /** False when line 1 is a topic label ("Amazon"), not a headline. */
  readonly headlineIsTitle: boolean;
  readonly paragraphs: readonly string[];
  readonly sourceUrl?: string;
}

export interface SourcePool {
  readonly name: string;
  readonly license: string;
  readonly licenseUrl: string;
  readonly attribution: string;
  readonly articles: readonly SourceArticle[];
}

export interface GeneratedArticle {
  /** File name without extension ("bench-000001"). */
  readonly name: string;
  readonly text: string;
  readonly sidecar: string;
  readonly title: string;
  readonly date: string | undefined;
  readonly words: number;
}

export interface GenerateOptions {
  readonly count: number;
  readonly seed?: number;
  /** Share of articles without any date (default 0.06). */
  readonly undatedShare?: number;
  /** First article number (default 1): lets a caller add articles to an existing set without name clashes. */
  readonly start?: number;
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
/** A dateline ("Tuesday, September 1, 2015"), alone or glued to the start of a paragraph. */
const DATELINE = new RegExp(`^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?(?:${MONTHS})\\s+\\d{1,2},?\\s+\\d{4}\\s*`);
const FIRST_DAY = Date.UTC(1990, 0, 1);
const DAYS = (Date.UTC(2025, 11, 31) - FIRST_DAY) / 86_400_000 + 1;
/** Words that make a poor last word of a headline cut short. */
const WEAK_END = new Set(
  "a an the of to in on at by for from with and or but as that which who whom whose is are was were be been has have had its his her their our this these those than into over after before about said says".split(" "),
);

/** sfc32: small, fast, good enough for bench data, identical on every platform. */
export function createRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A raw article text (headline, blank line, paragraphs) → headline and paragraphs, datelines removed. */
export function parseSourceText(text: string): { headline: string; paragraphs: string[] } {
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n\s*\n/).map((b) => b.replace(/\s+/g, " ").trim());
  const [headline = "", ...rest] = blocks;
  const paragraphs = rest.map((p) => p.replace(DATELINE, "").trim()).filter((p) => countWords(p) > 0);
  return { headline, paragraphs };
}

/** Reads the two bundled pools. Sorted by file name, so that readdir order cannot change the output. */
export async function loadSourcePools(root: string = PROJECT_ROOT): Promise<SourcePool[]> {
  const rawDir = path.join(root, "content", "raw");
  const wnNames = (await readdir(rawDir)).filter((n) => /^wn-.*\.txt$/.test(n)).sort();
  const wikinews: SourceArticle[] = [];
  for (const name of wnNames) {
    const { headline, paragraphs } = parseSourceText(await readFile(path.join(rawDir, name), "utf8"));
    const sidecar = JSON.parse(await readFile(path.join(rawDir, name.replace(/\.txt$/, ".json")), "utf8").catch(() => "{}")) as {
      title?: unknown;
      source_url?: unknown;
    };
    wikinews.push({
      id: name.replace(/\.txt$/, ""),
      headline: typeof sidecar.title === "string" ? sidecar.title : headline,
      headlineIsTitle: true,
      paragraphs,
      ...(typeof sidecar.source_url === "string" ? { sourceUrl: sidecar.source_url } : {}),
    });
  }
  const oseDir = path.join(root, "bench", "data", "ose-adv");
  const oseNames = (await readdir(oseDir)).filter((n) => n.endsWith(".txt")).sort();
  const ose: SourceArticle[] = [];
  for (const name of oseNames) {
    const { headline, paragraphs } = parseSourceText(await readFile(path.join(oseDir, name), "utf8"));
    ose.push({ id: name.replace(/\.txt$/, ""), headline, headlineIsTitle: false, paragraphs });
  }
  return [
    {
      name: "Wikinews",
      license: "CC BY 2.5",
      licenseUrl: "https://creativecommons.org/licenses/by/2.5/",
      attribution: "Text from Wikinews (https://en.wikinews.org), CC BY 2.5; paragraphs recombined for the Broadsheet bench",
      articles: wikinews.filter((a) => a.paragraphs.length > 0),
    },
    {
      name: "OneStopEnglish",
      license: "CC BY-SA 4.0",
      licenseUrl: "https://creativecommons.org/licenses/by-sa/4.0/",
      attribution: "OneStopEnglish corpus (Vajjala & Lučić 2018), CC BY-SA 4.0; paragraphs recombined for the Broadsheet bench",
      articles: ose.filter((a) => a.paragraphs.length > 0),
    },
  ];
}

/**
 * Yields `count` articles. Each opens with a real lede, continues that story for a few paragraphs, then takes
 * runs of consecutive paragraphs from other stories of the same pool until it reaches its length (around 600
 * words). Titles are the lede story's headline or one of its opening sentences cut to headline length.
 */
export function* generateArticles(pools: readonly SourcePool[], options: GenerateOptions): Generator<GeneratedArticle> {
  const random = createRandom(options.seed ?? 1);
  const undatedShare = options.undatedShare ?? 0.06;
  const start = options.start ?? 1;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const usable = pools.filter((p) => p.articles.length > 0);
  if (usable.length === 0) throw new Error("no source articles to recombine: check content/raw and bench/data/ose-adv");
  const width = Math.max(6, String(start + options.count - 1).length);

  for (let n = start; n < start + options.count; n++) {
    const pool = pick(usable);
    const lede = pick(pool.articles);
    // Roughly normal around 600 words (sum of three uniforms), kept within 350–850.
    const target = Math.round(Math.min(850, Math.max(350, 570 + (random() + random() + random() - 1.5) * 200)));
    const paragraphs: string[] = [];
    let words = 0;
    let story = lede;
    let at = 0;
    let run = 2 + Math.floor(random() * 5);
    while (words < target) {
      if (run === 0 || at >= story.paragraphs.length) {
        story = pick(pool.articles);
        at = Math.floor(random() * story.paragraphs.length);
        run = 2 + Math.floor(random() * 5);
      }
      const paragraph = story.paragraphs[at]!;
      paragraphs.push(paragraph);
      words += countWords(paragraph);
      at++;
      run--;
    }
    const title = chooseTitle(lede, paragraphs.slice(0, 4), random);
    const dated = random() >= undatedShare;
    const day = Math.floor(random() * DAYS);
    const date = dated ? new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10) : undefined;
    const name = `bench-${String(n).padStart(width, "0")}`;
    const sidecar: Record<string, string> = {
      title,
      ...(date === undefined ? {} : { date }),
      source: pool.name,
      ...(lede.sourceUrl === undefined ? {} : { source_url: lede.sourceUrl }),
      license: pool.license,
      license_url: pool.licenseUrl,
      attribution: pool.attribution,
    };
    yield {
      name,
      title,
      date,
      words,
      text: `${title}\n\n${paragraphs.join("\n\n")}\n`,
      sidecar: `${JSON.stringify(sidecar, null, 1)}\n`,
    };
  }
}

function chooseTitle(lede: SourceArticle, opening: readonly string[], random: () => number): string {
  if (lede.headlineIsTitle && random() < 0.2) return lede.headline;
  // A short sentence from the article's opening paragraphs; failing that, the first clause of one, cut to
  // 12 words and not ending on "the" or "of".
  const text = opening.join(" ").replace(/["“”]/g, "");
  const sentences = text.split(/(?<=[.!?]['’]?)\s+(?=['‘]?[A-Z])/).filter((s) => countWords(s) >= 5);
  const short = sentences.filter((s) => countWords(s) <= 16);
  if (short.length > 0) return tidyTitle(short[Math.floor(random() * short.length)]!.split(/\s+/));
  const sentence = sentences.length > 0 ? sentences[Math.floor(random() * sentences.length)]! : lede.headline;
  const clause = sentence.split(/,\s+/).find((c) => countWords(c) >= 5) ?? sentence;
  let words = clause.split(/\s+/).slice(0, 12);
  while (words.length > 4 && WEAK_END.has(words[words.length - 1]!.toLowerCase().replace(/[^a-z]/g, ""))) words = words.slice(0, -1);
  return tidyTitle(words);
}

function tidyTitle(words: readonly string[]): string {
  return words.join(" ").replace(/[\s,;:.\-–—]+$/, "");
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      count: { type: "string", default: "1000" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      start: { type: "string", default: "1" },
      help: { type: "boolean", short: "h" },
    },
  });
  const usage = "Usage: tsx bench/generate-articles.ts --count N --out DIR [--seed S] [--start K]";
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  const start = Number(values.start);
  if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !Number.isInteger(start) || start < 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const written = await writeGeneratedArticles(values.out, { count, seed, start });
  process.stderr.write(`${written.count} articles (${written.words} words) in ${values.out}\n`);
  return 0;
}

/** Writes the articles into `outDir` (created if needed). */
export async function writeGeneratedArticles(outDir: string, options: GenerateOptions): Promise<{ count: number; words: number }> {
  await mkdir(outDir, { recursive: true });
  const pools = await loadSourcePools();
  let count = 0;
  let words = 0;
  for (const article of generateArticles(pools, options)) {
    await writeFile(path.join(outDir, `${article.name}.txt`), article.text);
    await writeFile(path.join(outDir, `${article.name}.json`), article.sidecar);
    count++;
    words += article.words;
  }
  return { count, words };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
