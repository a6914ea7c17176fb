// The optional `<name>.json` beside a raw article: what the publisher knows better than the text
// (title, date, source, license). Fields as in the shared corpus; unknown fields are ignored, since the corpus
// carries many (id, provenance, notes, genre, …), except those that look like a typo of a known one.

import { SidecarError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import { parseDate } from "./parse-date.ts";

export interface Sidecar {
  readonly title?: string;
  /** ISO YYYY-MM-DD; absent when the sidecar gives none or an impossible one. */
  readonly date?: string;
  /** Name of the publication ("Wikinews"). */
  readonly source?: string;
  /** http(s) only: anything else (javascript:, data:) is dropped with a warning. */
  readonly sourceUrl?: string;
  readonly license?: string;
  readonly licenseUrl?: string;
  readonly attribution?: string;
  readonly byline?: string;
}

export interface ParsedSidecar {
  readonly sidecar: Sidecar;
  readonly diagnostics: Diagnostic[];
}

/** JSON key → Sidecar field. */
const FIELDS = {
  title: "title",
  date: "date",
  source: "source",
  source_url: "sourceUrl",
  license: "license",
  license_url: "licenseUrl",
  attribution: "attribution",
  byline: "byline",
} as const satisfies Record<string, keyof Sidecar>;
type JsonField = keyof typeof FIELDS;

const URL_FIELDS: ReadonlySet<JsonField> = new Set(["source_url", "license_url"]);

export function parseSidecar(text: string, file: string): ParsedSidecar {
  const diagnostics: Diagnostic[] = [];
  const data = parseJson(text.replace(/^\uFEFF/, ""), file);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new SidecarError(`must be a JSON object ({ "title": …, "date": … }), not ${describe(data)}`, {
      file,
      fix: "Wrap the fields in { } or delete the sidecar",
    });
  }

  const sidecar: { -readonly [K in keyof Sidecar]: Sidecar[K] } = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!Object.hasOwn(FIELDS, key)) {
      const meant = likelyTypo(key);
      if (meant) {
        diagnostics.push({
          severity: "warning",
          file,
          ...lineOf(text, key),
          message: `Unknown field "${key}" was ignored; did you mean "${meant}"?`,
          fix: `Rename "${key}" to "${meant}"`,
        });
      }
      continue;
    }
    const field = key as JsonField;
    if (value === null || value === undefined) continue; // null means "not known", as if absent
    if (typeof value !== "string") {
      throw new SidecarError(`field "${field}" must be a string, not ${describe(value)}`, {
        file,
        ...lineOf(text, field),
        fix: `Write "${field}" as text in double quotes, or remove it`,
      });
    }
    const trimmed = value.trim().replace(/\s+/gu, " ");
    if (trimmed === "") continue;

    if (field === "date") {
      const date = parseDate(trimmed);
      if (date.kind === "date") sidecar.date = date.iso;
      else {
        diagnostics.push({
          severity: "warning",
          file,
          ...lineOf(text, field),
          message:
            date.kind === "impossible"
              ? `"date" is "${trimmed}", which is not a real day; the date was dropped`
              : `"date" "${trimmed}" is not a date Broadsheet can read; the date was dropped`,
          fix: 'Write the date as YYYY-MM-DD (e.g. "2019-02-28")',
        });
      }
    } else if (URL_FIELDS.has(field)) {
      if (isWebUrl(trimmed)) sidecar[FIELDS[field]] = trimmed;
      else {
        diagnostics.push({
          severity: "warning",
          file,
          ...lineOf(text, field),
          message: `"${field}" is not an http(s) address and was dropped`,
          fix: `Give "${field}" as a full address starting with https://`,
        });
      }
    } else {
      sidecar[FIELDS[field]] = trimmed;
    }
  }
  return { sidecar, diagnostics };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const line = syntaxErrorLine(text, reason);
    throw new SidecarError(`is not valid JSON (${reason})`, {
      file,
      ...(line === undefined ? {} : { line }),
      fix: "Fix the JSON (a missing comma or quote is the usual cause) or delete the sidecar",
      cause: error,
    });
  }
}

/** V8 says "… at position 42 (line 3 column 5)"; an error at the very end is put on the last line with text. */
function syntaxErrorLine(text: string, reason: string): number | undefined {
  const lastLine = lineAt(text, text.trimEnd().length);
  const position = /at position (\d+)/.exec(reason);
  if (position) return Math.min(lineAt(text, Number(position[1])), lastLine);
  const line = /\(line (\d+) column \d+\)/.exec(reason);
  if (line) return Math.min(Number(line[1]), lastLine);
  if (/end of (?:JSON )?input/i.test(reason)) return lastLine;
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** Line of `"key":` in the text, for messages; absent when it cannot be found (escaped keys). */
function lineOf(text: string, key: string): { line?: number } {
  const at = text.indexOf(`${JSON.stringify(key)}`);
  return at < 0 ? {} : { line: lineAt(text, at) };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Known fields as typo checks need them: without "_", and how many edits still count as a typo. */
const TYPO_TARGETS = (Object.keys(FIELDS) as JsonField[]).map((field) => ({
  field,
  bare: field.replace(/_/g, ""),
  allowed: field.length <= 5 ? 1 : 2,
}));

/** A key within a small edit distance of a known field ("tittle", "Date", "sourceurl"). */
function likelyTypo(key: string): JsonField | undefined {
  const folded = key.toLowerCase().replace(/[-\s]/g, "_");
  const bare = folded.replace(/_/g, "");
  let best: { field: JsonField; distance: number } | undefined;
  for (const target of TYPO_TARGETS) {
    if (bare === target.bare) return target.field;
    if (Math.abs(folded.length - target.field.length) > target.allowed) continue;
    const distance = editDistanceWithin(folded, target.field, target.allowed);
    if (distance <= target.allowed && (!best || distance < best.distance)) best = { field: target.field, distance };
  }
  return best?.field;
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit` (corpus sidecars have ~10 unknown keys). */
function editDistanceWithin(a: string, b: string, limit: number): number {
  let previous = new Int32Array(b.length + 1).map((_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}
