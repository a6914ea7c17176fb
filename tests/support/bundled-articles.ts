// A scratch content folder holding some of the bundled articles (content/articles), removed after the test file.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { scratchDir } from "./scratch-dirs.ts";

export const BUNDLED_ARTICLES = path.resolve(import.meta.dirname, "../../content/articles");

/** A content folder whose articles/ holds `files` of the bundled articles. */
export async function contentWithBundled(files: readonly string[], prefix = "broadsheet-content-"): Promise<string> {
  const content = await scratchDir(prefix);
  await mkdir(path.join(content, "articles"));
  for (const f of files) await cp(path.join(BUNDLED_ARTICLES, f), path.join(content, "articles", f));
  return content;
}
