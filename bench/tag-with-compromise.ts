// Reference row of issue 6: "compromise tags the text". Tags a sample of the bench articles with compromise
// (nlp + people/places/organizations, what an extractor built on it would ask) and prints, as JSON, the CPU
// time per article and the CPU time extrapolated to every article. Runs alone, so its time is its own.
//
//   tsx bench/tag-with-compromise.ts --dir /tmp/bench-10k/content/raw [--sample 300]

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import nlp from "compromise";

const { values } = parseArgs({ options: { dir: { type: "string" }, sample: { type: "string", default: "300" } } });
if (!values.dir) throw new Error("Usage: tsx bench/tag-with-compromise.ts --dir RAW_DIR [--sample N]");
const names = (await readdir(values.dir)).filter((n) => n.endsWith(".txt")).sort();
const sampleSize = Math.min(names.length, Number(values.sample));
// Evenly spaced, so the sample is the same on every run.
const sample = Array.from({ length: sampleSize }, (_, i) => names[Math.floor((i * names.length) / sampleSize)]!);
const texts = await Promise.all(sample.map((n) => readFile(path.join(values.dir!, n), "utf8")));
nlp("Warm up the lexicon, said Ada Lovelace in London.").people().out("array");

const before = process.cpuUsage();
let entities = 0;
for (const text of texts) {
  const doc = nlp(text);
  entities += doc.people().out("array").length + doc.places().out("array").length + doc.organizations().out("array").length;
}
const used = process.cpuUsage(before);
const cpuSeconds = (used.user + used.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    articles: names.length,
    sampled: sampleSize,
    sampleCpuSeconds: cpuSeconds,
    cpuMsPerArticle: (cpuSeconds * 1000) / sampleSize,
    estimatedCpuSeconds: (cpuSeconds / sampleSize) * names.length,
    entitiesPerArticle: entities / sampleSize,
  })}\n`,
);
