// Shared helpers for the enrich tests: ingest a fixture through the public ingest API, then extract.

import { readFileSync, existsSync } from "node:fs";
import { basename } from "node:path";
import { ingestArticle } from "../../src/ingest/index.ts";
import { extractEntities } from "../../src/enrich/index.ts";
import type { Article, Extraction } from "../../src/types.ts";

export function ingestFixture(path: string): Omit<Article, "slug"> {
  const sidecarPath = path.replace(/\.txt$/, ".json");
  const result = ingestArticle({
    file: `raw/${basename(path)}`,
    bytes: readFileSync(path),
    ...(existsSync(sidecarPath) ? { sidecar: { file: `raw/${basename(sidecarPath)}`, bytes: readFileSync(sidecarPath) } } : {}),
  });
  if (!result.article) throw new Error(`fixture ${path} did not ingest: ${JSON.stringify(result.diagnostics)}`);
  return result.article;
}

export function extractFixture(path: string, date?: string): Extraction {
  const article = ingestFixture(path);
  const when = date ?? article.date;
  return extractEntities({ title: article.title, paragraphs: article.paragraphs, ...(when === undefined ? {} : { date: when }) });
}
