// The archive index and page digests of a content folder, timed and hashed (issue 6): run it from two
// worktrees (old code, new code) on the same folder to check that a change to src/archive or
// src/site/page-digests.ts keeps the index identical and to compare their times in one sitting.
//   tsx bench/index-fingerprint.ts --content DIR [--runs 5]
// Prints the fastest of the runs and a hash of every article and entity record, the year groups, the
// undated list and the A–Z lists, and a hash of the page digests (which change by design when the digest
// format does).
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { buildArchiveIndex, type ArchiveIndex } from "../src/archive/index.ts";
import { buildPageLists } from "../src/site/page-lists.ts";
import { pageDigests, type PageDigests } from "../src/site/page-digests.ts";
import { readArticles } from "../src/site/read-articles.ts";
import { readEditorialRules } from "../src/site/read-editorial-rules.ts";

const { values } = parseArgs({ options: { content: { type: "string" }, runs: { type: "string", default: "5" } } });
if (!values.content) throw new Error("Usage: tsx bench/index-fingerprint.ts --content DIR [--runs 5]");

const articles = await readArticles(values.content, { fillCache: false });
const rules = await readEditorialRules(values.content);
const fileHashes = new Map(articles.map((a) => [a.data.slug, a.textSha256]));
const indexMs: number[] = [];
const digestMs: number[] = [];
let index: ArchiveIndex | undefined;
let digests: PageDigests | undefined;
for (let run = 0; run < Number(values.runs); run++) {
  const started = performance.now();
  index = buildArchiveIndex(articles.map((a) => a.data), { rules });
  const indexed = performance.now();
  digests = pageDigests(index, buildPageLists(index), fileHashes);
  indexMs.push(indexed - started);
  digestMs.push(performance.now() - indexed);
}
if (!index || !digests) throw new Error("--runs must be at least 1");

const indexHash = createHash("sha256");
for (const a of index.articles) indexHash.update(JSON.stringify(a));
for (const e of index.entities) indexHash.update(JSON.stringify(e));
indexHash.update(JSON.stringify([index.years, index.undated, Object.values(index.byType).map((list) => list.map((e) => e.key))]));
const digestHash = createHash("sha256");
for (const [page, value] of [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) digestHash.update(`${page}\0${value}\n`);
console.log(`${articles.length} articles, ${index.entities.length} entities, ${digests.size} pages`);
console.log(`fastest of ${indexMs.length}: index ${Math.round(Math.min(...indexMs))} ms, digests ${Math.round(Math.min(...digestMs))} ms`);
console.log(`index ${indexHash.digest("hex").slice(0, 16)}  digests ${digestHash.digest("hex").slice(0, 16)}`);
