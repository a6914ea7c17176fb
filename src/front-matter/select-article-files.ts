// Which Markdown files make it onto the site: each must parse against the schema, and each slug has one owner.
// Shared by the build command and the site plugin, so both leave out exactly the same files (#7). Both read
// through the parse cache (src/article-cache) and apply the two rules below; selectArticleFiles is the
// same thing over texts in memory.

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
      diagnostics.push(leftOutOfSite(error.toDiagnostic()));
    }
  }
  const owners = keepOneFilePerSlug(parsed, (f) => f.data.slug);
  return { accepted: owners.accepted, diagnostics: [...diagnostics, ...owners.diagnostics] };
}

/** The error of a file that does not parse, worded as what happens to it. */
export function leftOutOfSite(problem: Diagnostic): Diagnostic {
  return { ...problem, message: `${problem.message}; the article is left out of the site` };
}

/**
 * Two files claiming one slug: the file named `<slug>.md` keeps it, otherwise the first by path;
 * the other is left out with an error, never renamed (it may hold a person's edits).
 */
export function keepOneFilePerSlug<T extends { readonly file: string }>(
  files: readonly T[],
  slugOf: (file: T) => string,
): { readonly accepted: T[]; readonly diagnostics: Diagnostic[] } {
  const owner = new Map<string, T>();
  const named = (f: T) => baseName(f.file) === `${slugOf(f)}.md`;
  for (const f of files) {
    const current = owner.get(slugOf(f));
    if (!current || (named(f) && !named(current))) owner.set(slugOf(f), f);
  }
  const accepted: T[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const winner = owner.get(slugOf(f))!;
    if (winner === f) {
      accepted.push(f);
      continue;
    }
    diagnostics.push({
      severity: "error",
      file: f.file,
      message: `claims the slug '${slugOf(f)}', which ${winner.file} already has; the article is left out of the site`,
      fix: "Give one of the two files a different `slug` in its front matter.",
    });
  }
  return { accepted, diagnostics };
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}
