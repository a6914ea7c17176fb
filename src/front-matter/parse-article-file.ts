// The text of content/articles/<slug>.md → validated front matter and body. Pure; throws FrontMatterError
// naming the file, the line and the fix, never a bare YAML or zod error.

import matter from "gray-matter";
import type { ZodError } from "zod";
import { FrontMatterError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import { articleFrontMatterSchema, type ArticleFrontMatter } from "./article-front-matter-schema.ts";
import { isUnedited } from "./serialize-article.ts";

export interface ArticleFile {
  readonly data: ArticleFrontMatter;
  /** Markdown body, front matter removed. */
  readonly body: string;
  /** False when a person has changed the file since Broadsheet wrote it (or wrote it by hand). */
  readonly generated: boolean;
  /** Problems that were repaired while reading (an unsafe link dropped). */
  readonly diagnostics: readonly Diagnostic[];
}

export function parseArticleFile(text: string, file: string): ArticleFile {
  if (!text.startsWith("---")) {
    throw new FrontMatterError("has no front matter", {
      file,
      line: 1,
      fix: "Start the file with a '---' line, the YAML fields (at least title and slug), and another '---' line.",
    });
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter hands js-yaml the text from the newline after "---", so its 0-based line is the file line.
    // Passing options turns off gray-matter's cache, which would keep every file in memory.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    throw new FrontMatterError(`has front matter that is not valid YAML (${reason})`, {
      file,
      ...(mark?.line === undefined ? {} : { line: mark.line + 1 }),
      fix: "Fix the YAML between the '---' lines: check indentation and quote values that contain ':' or '#'.",
      cause: error,
    });
  }
  const result = articleFrontMatterSchema.safeParse(parsed.data ?? {});
  if (!result.success) throw schemaError(result.error, text, file);
  return {
    data: result.data,
    body: parsed.content.replace(/^\n+/, ""),
    generated: isUnedited(text),
    diagnostics: droppedLinks(parsed.data, result.data, text, file),
  };
}

function schemaError(error: ZodError, text: string, file: string): FrontMatterError {
  const issue = error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const field = path.join(".") || "front matter";
  const line = lineOfKey(text, String(path[0] ?? ""));
  return new FrontMatterError(`field '${field}' ${describeIssue(issue?.message ?? "is invalid")}`, {
    file,
    ...(line === undefined ? {} : { line }),
    fix: `Correct '${field}' in the front matter (see README, "Editing an article"), or delete the file to have Broadsheet regenerate it from content/raw.`,
    cause: error,
  });
}

function describeIssue(message: string): string {
  // zod's wording starts with "Invalid input: expected string, received number" — make it read as a sentence.
  return /^(is|must|has)\b/.test(message) ? message : message.replace(/^Invalid input: /, "is invalid: ").replace(/^(?!is )/, "is invalid: ");
}

function lineOfKey(text: string, key: string): number | undefined {
  if (!key) return undefined;
  const lines = text.split("\n");
  const end = lines.indexOf("---", 1);
  for (let i = 1; i < (end === -1 ? lines.length : end); i++) {
    if (lines[i]?.startsWith(`${key}:`)) return i + 1;
  }
  return undefined;
}

function droppedLinks(raw: Record<string, unknown>, data: ArticleFrontMatter, text: string, file: string): Diagnostic[] {
  const given = (raw.source ?? {}) as Record<string, unknown>;
  const line = lineOfKey(text, "source");
  return (["url", "licenseUrl"] as const)
    .filter((key) => typeof given[key] === "string" && data.source[key] === undefined)
    .map((key) => ({
      severity: "warning" as const,
      file,
      ...(line === undefined ? {} : { line }),
      message: `source.${key} is not an http(s) address, so it is not shown as a link`,
      fix: `Set source.${key} to an address starting with https://, or remove it.`,
    }));
}
