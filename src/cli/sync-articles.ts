// Ingest + enrich stage of a build: content/raw → content/articles, writing only files whose bytes change.

import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createBatchExtractor } from "./extract-batch.ts";
import { generatorFingerprint } from "./generator-fingerprint.ts";
import { planArticleFiles, type ArticlePlan } from "./plan-article-files.ts";
import { readContentFolder } from "./read-content-folder.ts";
import type { Reporter } from "./reporter.ts";

export async function syncArticles(contentDir: string, reporter: Reporter): Promise<ArticlePlan> {
  const display = path.relative(process.cwd(), contentDir) || ".";
  const show = (rel: string) => path.join(display, rel);
  const folder = await readContentFolder(contentDir, display);
  reporter.add(folder.diagnostics);
  await mkdir(path.join(contentDir, "articles"), { recursive: true });
  const plan = await planArticleFiles(folder.raw, folder.markdown, {
    extractorVersion: await generatorFingerprint(),
    show,
    extractor: (total) => {
      reporter.stage("enrich", total);
      return createBatchExtractor(total, (done) => reporter.tick(done));
    },
    write: async (file, text) => {
      // Write beside, then rename: a killed build never leaves a half-written article.
      const target = path.join(contentDir, file);
      const tmp = `${target}.tmp-${process.pid}`;
      await writeFile(tmp, text);
      await rename(tmp, target);
    },
  });
  reporter.add(plan.diagnostics);
  for (const file of plan.deletes) await rm(path.join(contentDir, file), { force: true });
  return plan;
}
