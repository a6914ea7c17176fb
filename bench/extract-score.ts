// Scoring of entity extraction against the MEANTIME dev annotations, exactly as issue 3 defines it:
// text.slice(0, annotated_end); a gold entity is found when its type agrees and one of its names or
// aliases equals one of ours (case, periods and a leading "the" ignored). Document-level, typed micro-F1.
// Used by bench/extract.ts and tests/enrich/dev-f1.test.ts; reads only files inside the repo.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Extraction, ExtractionInput } from "../src/types.ts";

export type GoldType = "PER" | "ORG" | "LOC";
export const GOLD_TYPES: readonly GoldType[] = ["PER", "ORG", "LOC"];

export interface GoldEntity {
  readonly name: string;
  readonly type: GoldType;
  readonly aliases: readonly string[];
}

export interface DevDocument {
  readonly id: string;
  readonly input: ExtractionInput;
  /** The scored text as one string (headline, blank line, paragraphs), for extractors that take plain text. */
  readonly text: string;
  readonly gold: readonly GoldEntity[];
}

export interface PredictedEntity {
  readonly type: GoldType;
  readonly names: readonly string[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ScoreReport {
  readonly overall: Score;
  readonly byType: Readonly<Record<GoldType, Score>>;
  /** Per document: what was missed and what was extra, for error analysis. */
  readonly errors: readonly { id: string; missed: string[]; extra: string[] }[];
}

/** Splits raw article text the way the raw format is defined: headline, blank line, paragraphs. */
export function toInput(text: string, date?: string): ExtractionInput {
  const blocks = text.split(/\n[ \t]*\n/).map((b) => b.replace(/\s+/g, " ").trim()).filter(Boolean);
  const [title = "", ...rest] = blocks;
  return { title, paragraphs: rest.map((t, i) => ({ id: `p${i + 1}`, text: t })), ...(date ? { date } : {}) };
}

/** Reads dev.jsonl and the matching raw texts (content/raw/<file>). */
export function loadDevSet(jsonlFile: string, rawDir: string): DevDocument[] {
  const docs: DevDocument[] = [];
  for (const line of readFileSync(jsonlFile, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; file: string; annotated_end: number; entities: GoldEntity[] };
    const full = readFileSync(join(rawDir, row.file), "utf8");
    const text = full.slice(0, row.annotated_end);
    docs.push({ id: row.id, input: toInput(text), text, gold: row.entities.filter((e) => GOLD_TYPES.includes(e.type)) });
  }
  return docs;
}

/** Case, periods and a leading "the" ignored. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** Our extraction → the scored types (person → PER, organization → ORG, place → LOC). */
export function fromExtraction(x: Extraction): PredictedEntity[] {
  const out: PredictedEntity[] = [];
  const add = (type: GoldType, list: Extraction["people"]): void => {
    for (const e of list) out.push({ type, names: [e.name, ...e.aliases] });
  };
  add("PER", x.people);
  add("ORG", x.organizations);
  add("LOC", x.places);
  return out;
}

function score(c: Counts): Score {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/**
 * Each gold entity is matched to at most one predicted entity of its type and vice versa
 * (first come, in gold order); unmatched predictions are false positives.
 */
export function scoreDocuments(docs: readonly DevDocument[], predict: (doc: DevDocument) => PredictedEntity[]): ScoreReport {
  const totals: Record<GoldType, Counts> = { PER: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 } };
  const errors: { id: string; missed: string[]; extra: string[] }[] = [];
  for (const doc of docs) {
    const predicted = predict(doc).map((p) => ({ type: p.type, names: new Set(p.names.map(normalizeName)), used: false, label: p.names[0] ?? "" }));
    const missed: string[] = [];
    for (const g of doc.gold) {
      const keys = [g.name, ...g.aliases].map(normalizeName);
      const hit = predicted.find((p) => !p.used && p.type === g.type && keys.some((k) => p.names.has(k)));
      if (hit) {
        hit.used = true;
        totals[g.type].tp++;
      } else {
        totals[g.type].fn++;
        missed.push(`${g.type}:${g.name} [${g.aliases.join(" | ")}]`);
      }
    }
    const extra: string[] = [];
    for (const p of predicted) {
      if (p.used) continue;
      totals[p.type].fp++;
      extra.push(`${p.type}:${p.label}`);
    }
    if (missed.length || extra.length) errors.push({ id: doc.id, missed, extra });
  }
  const all = GOLD_TYPES.reduce<Counts>((acc, t) => ({ tp: acc.tp + totals[t].tp, fp: acc.fp + totals[t].fp, fn: acc.fn + totals[t].fn }), { tp: 0, fp: 0, fn: 0 });
  return { overall: score(all), byType: { PER: score(totals.PER), ORG: score(totals.ORG), LOC: score(totals.LOC) }, errors };
}
