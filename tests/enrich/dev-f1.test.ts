// Issue 3, target 2: document-level typed micro-F1 ≥ 0.85 on the MEANTIME dev annotations, scored as the issue
// defines it (bench/extract-score.ts). Computed on every run: a regression in the extractor fails here.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromExtraction, loadDevSet, scoreDocuments } from "../../bench/extract-score.ts";
import { extractEntities } from "../../src/enrich/index.ts";

const root = join(import.meta.dirname, "..", "..");

describe("accuracy on the dev set (issue 3)", () => {
  const docs = loadDevSet(join(import.meta.dirname, "fixtures", "dev", "dev.jsonl"), join(root, "content", "raw"));

  it("scores all 60 annotated documents", () => {
    expect(docs).toHaveLength(60);
    expect(docs.reduce((n, d) => n + d.gold.length, 0)).toBe(220);
  });

  it("reaches typed micro-F1 ≥ 0.85", () => {
    const report = scoreDocuments(docs, (d) => fromExtraction(extractEntities(d.input)));
    expect(report.overall.f1).toBeGreaterThanOrEqual(0.85);
  });
});
