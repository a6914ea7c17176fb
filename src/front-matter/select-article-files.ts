// Which Markdown files make it onto the site: each must parse against the schema, and each slug has one owner.
// Shared by the build command and the site plugin, so both leave out exactly the same files (#7).

import { FrontMatterError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import { parseArticleFile, type ArticleFile } from "./parse-article-file.ts";

export interface SelectedArticleFile extends ArticleFile {
  /** The path it was read from, as given. */
  readonly file: string;
  readonly text: string;
}

export interface ArticleFileSelection {
  /** In the order given (callers pass files sorted by path). */
  readonly accepted: SelectedArticleFile[];
  /** Errors for every file left out. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Two files claiming one slug: the file named `<slug>.md` keeps it, otherwise the first by path;
 * the other is left out with an error, never renamed (it may hold a person's edits).
 */
export function selectArticleFiles(files: readonly { readonly file: string; readonly text: string }[]): ArticleFileSelection {
  const diagnostics: Diagnostic[] = [];
  const parsed: SelectedArticleFile[] = [];
  for (const { file, text } of files) {
    try {
      const article = parseArticleFile(text, file);
      diagnostics.push(...article.diagnostics);
      parsed.push({ ...article, file, text });
    } catch (error) {
      if (!(error instanceof FrontMatterError)) throw error;
      const d = error.toDiagnostic();
      diagnostics.push({ ...d, message: `${d.message}; the article is left out of the site` });
    }
  }
  const owner = new Map<string, SelectedArticleFile>();
  const named = (f: SelectedArticleFile) => baseName(f.file) === `${f.data.slug}.md`;
  for (const f of parsed) {
    const current = owner.get(f.data.slug);
    if (!current || (named(f) && !named(current))) owner.set(f.data.slug, f);
  }
  const accepted: SelectedArticleFile[] = [];
  for (const f of parsed) {
    const winner = owner.get(f.data.slug)!;
    if (winner === f) {
      accepted.push(f);
      continue;
    }
    diagnostics.push({
      severity: "error",
      file: f.file,
      message: `claims the slug '${f.data.slug}', which ${winner.file} already has; the article is left out of the site`,
      fix: "Give one of the two files a different `slug` in its front matter.",
    });
  }
  return { accepted, diagnostics };
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}
