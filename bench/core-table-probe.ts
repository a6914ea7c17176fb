// Probe for issue 6's edit target (not part of a build): how fast would a columnar core index be? Builds
// the archive index of a content folder the usual way, keeps only what an edit's global steps need —
// slugs, titles, dates, file hashes, each article's entity ids, each entity's posting list — as arrays and
// Int32Arrays, writes it with v8.serialize, reads it back and scores related articles for every article
// the way src/archive/build-archive-index.ts does (12 rarest entities, 200 postings each).
//   tsx bench/core-table-probe.ts --content DIR
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import { loadSite } from "../src/site/load-site.ts";

const { values } = parseArgs({ options: { content: { type: "string" } } });
if (!values.content) throw new Error("Usage: tsx bench/core-table-probe.ts --content DIR");

const site = await loadSite(values.content);
const { index } = site;
const n = index.articles.length;
const idOf = new Map(index.entities.map((e, i) => [e.key, i]));
const offsets = new Int32Array(n + 1);
const ids: number[] = [];
index.articles.forEach((a, i) => {
  offsets[i] = ids.length;
  for (const e of a.entities) ids.push(idOf.get(e.key)!);
});
offsets[n] = ids.length;
const hashes = new Map(site.bodies.map((b) => [b.key, b.textSha256]));
const table = {
  slugs: index.articles.map((a) => a.slug),
  titles: index.articles.map((a) => a.title),
  dates: index.articles.map((a) => a.date ?? ""),
  hashes: index.articles.map((a) => hashes.get(a.slug) ?? ""),
  offsets,
  ids: Int32Array.from(ids),
  entityKeys: index.entities.map((e) => e.key),
  postings: index.entities.map((e) => Int32Array.from(e.mentions, (m) => m.article)),
};

const dir = mkdtempSync(path.join(os.tmpdir(), "broadsheet-core-table-"));
try {
  const file = path.join(dir, "core.v8");
  const bytes = serialize(table);
  writeFileSync(file, bytes);
  let started = performance.now();
  const core = deserialize(readFileSync(file)) as typeof table;
  const loadMs = performance.now() - started;

  started = performance.now();
  const idf = Float64Array.from(core.postings, (p) => Math.log((n + 1) / (p.length + 0.5)));
  const scores = new Float64Array(n);
  const touched: number[] = [];
  let candidates = 0;
  for (let a = 0; a < n; a++) {
    const rarest = Array.from(core.ids.subarray(core.offsets[a], core.offsets[a + 1]))
      .sort((x, y) => idf[y]! - idf[x]! || x - y)
      .slice(0, 12);
    for (const id of rarest) {
      const posting = core.postings[id]!;
      for (let i = 0; i < Math.min(posting.length, 200); i++) {
        const other = posting[i]!;
        if (other === a) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other] = scores[other]! + idf[id]!;
      }
    }
    candidates += touched.length;
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
  }
  const relatedMs = performance.now() - started;
  console.log(
    `${n} articles, ${index.entities.length} entities: core table ${(bytes.length / 1e6).toFixed(1)} MB, ` +
      `read back in ${loadMs.toFixed(0)} ms; related articles scored for all in ${relatedMs.toFixed(0)} ms (${candidates} candidates)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
