// The one schema for content/articles/*.md front matter: checked when ingest writes a file and again when
// the site reads it, so a hand edit with a wrong type is caught with the field's name (STYLE.md §7).

import { z } from "zod";

// YAML reads an unquoted 2018-01-18 as a Date: accept it, store the calendar day.
const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD, in quotes")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date"),
);

// A slug is a file name and a URL segment: nothing that could climb out of the output folder (#7).
export const slugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case ASCII letters, digits and single hyphens (no '/', '..' or spaces)");

const entityRecordSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  role: z.string().min(1).optional(),
  mentions: z.number().int().nonnegative(),
  paragraph: z.string(),
  sentence: z.string(),
});

const moneySchema = z.strictObject({
  text: z.string(),
  amount: z.number(),
  currency: z.string(),
  paragraph: z.string(),
});

const dateMentionSchema = z.strictObject({
  text: z.string(),
  value: z.string().optional(),
  paragraph: z.string(),
});

const quoteSchema = z.strictObject({
  speaker: z.string().optional(),
  text: z.string(),
  paragraph: z.string(),
});

/** Only http(s) addresses become links; anything else (javascript:, data:) is dropped (#7). */
export function isWebAddress(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value.trim());
}
const webAddress = z.string().transform((value) => (isWebAddress(value) ? value.trim() : undefined));

const sourceSchema = z.strictObject({
  name: z.string().optional(),
  url: webAddress.optional(),
  license: z.string().optional(),
  licenseUrl: webAddress.optional(),
  attribution: z.string().optional(),
});

/** Bookkeeping that lets a build tell stale, generated and hand-edited files apart. */
const provenanceSchema = z.strictObject({
  /** Raw file, relative to the content folder. Absent for articles written by hand. */
  raw: z.string().optional(),
  rawSha256: z.string().optional(),
  extractor: z.string().optional(),
  bodySha256: z.string().optional(),
  removed: z.array(z.string()).optional(),
  /** sha256 of the file as generated (this line excluded); a mismatch means a person edited it. */
  hash: z.string().optional(),
});

// Keys that would let front matter move a page or run template logic; the URL comes from `slug` alone.
const RESERVED_KEYS = ["permalink", "pagination", "eleventyComputed", "layout", "eleventyExcludeFromCollections"] as const;

export const articleFrontMatterSchema = z.looseObject({
  title: z.string().trim().min(1, "is empty: every article needs a headline"),
  slug: slugSchema,
  date: isoDate.optional(),
  byline: z.string().optional(),
  source: sourceSchema.default({}),
  summary: z.string().default(""),
  wordCount: z.number().int().nonnegative().default(0),
  readingMinutes: z.number().int().nonnegative().default(1),
  people: z.array(entityRecordSchema).default([]),
  organizations: z.array(entityRecordSchema).default([]),
  places: z.array(entityRecordSchema).default([]),
  laws: z.array(entityRecordSchema).default([]),
  money: z.array(moneySchema).default([]),
  dates: z.array(dateMentionSchema).default([]),
  quotes: z.array(quoteSchema).default([]),
  sources: z.array(z.string()).default([]),
  broadsheet: provenanceSchema.default({}),
}).superRefine((data, ctx) => {
  for (const key of RESERVED_KEYS) {
    if (key in data) {
      ctx.addIssue({ code: "custom", path: [key], message: "is set by Broadsheet, not by an article (its URL comes from `slug`); remove it" });
    }
  }
});

export type ArticleFrontMatter = z.output<typeof articleFrontMatterSchema>;
