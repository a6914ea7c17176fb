// Profiling helper for the extractor alone (node --cpu-prof --import tsx bench/extract-profile.ts): words/s over
// the bundled Wikinews texts, warm. Not part of npm run bench:extract.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { toInput } from "./extract-score.ts";
import { extractEntities } from "../src/enrich/index.ts";
const dir = "/work/main/content/raw";
const inputs = readdirSync(dir).filter(f => f.startsWith("wn-") && f.endsWith(".txt")).map(f => toInput(readFileSync(join(dir, f), "utf8")));
const words = inputs.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.text.split(/\s+/).length, 0), 0);
for (const i of inputs) extractEntities(i);
const t = process.cpuUsage(); let n = 0;
while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 4e6) { for (const i of inputs) extractEntities(i); n++; }
const u = process.cpuUsage(t); const sec = (u.user + u.system) / 1e6;
console.log("words/s", (n * words / sec).toFixed(0), "=> 600-word articles/s", (n * words / sec / 600).toFixed(0));
