// One named error class per failure mode. Each says where (file, line), what happened and what to do;
// the CLI prints `message` and, only with --debug, the stack and `cause`.

import type { Diagnostic } from "./types.ts";

export interface ErrorPlace {
  readonly file: string;
  readonly line?: number;
  readonly fix?: string;
  readonly cause?: unknown;
}

export abstract class BroadsheetError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly fix: string | undefined;

  constructor(reason: string, place: ErrorPlace) {
    super(formatProblem(reason, place), place.cause === undefined ? undefined : { cause: place.cause });
    this.name = new.target.name;
    this.file = place.file;
    this.line = place.line;
    this.fix = place.fix;
  }

  toDiagnostic(severity: Diagnostic["severity"] = "error"): Diagnostic {
    const reason = this.message.slice(this.message.indexOf(": ") + 2).split("\n")[0] ?? this.message;
    return {
      severity,
      file: this.file,
      ...(this.line === undefined ? {} : { line: this.line }),
      message: reason,
      ...(this.fix === undefined ? {} : { fix: this.fix }),
    };
  }
}

/** A raw article that cannot become an Article (empty, binary, no body…). */
export class RawArticleError extends BroadsheetError {}
/** A sidecar `<name>.json` that is malformed or has fields of the wrong type. */
export class SidecarError extends BroadsheetError {}
/** Front matter in content/articles that does not parse or fails the schema. */
export class FrontMatterError extends BroadsheetError {}
/** A slug that would leave the output folder or that two files claim. */
export class SlugError extends BroadsheetError {}
/** content/entities.yaml that does not parse or names unknown actions. */
export class EditorialFileError extends BroadsheetError {}
/** A site build (Eleventy, templates, Pagefind) that failed; the previous output is kept. */
export class SiteBuildError extends BroadsheetError {}
/** Wrong command-line arguments (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** "content/raw/x.txt (line 4): reason. fix" — the one format every message uses. */
export function formatProblem(reason: string, place: Pick<ErrorPlace, "file" | "line" | "fix">): string {
  const where = place.line === undefined ? place.file : `${place.file} (line ${place.line})`;
  return `${where}: ${reason}${place.fix ? `\n  → ${place.fix}` : ""}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  const label = d.severity === "error" ? "error" : "warning";
  const place = { file: d.file, ...(d.line === undefined ? {} : { line: d.line }), ...(d.fix === undefined ? {} : { fix: d.fix }) };
  return `${label}: ${formatProblem(d.message, place)}`;
}

/** An error as a worker thread sends it to the main thread (structured clone keeps neither class nor fields). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly place?: Pick<ErrorPlace, "file" | "line" | "fix">;
}

const ERROR_CLASSES = { RawArticleError, SidecarError, FrontMatterError, SlugError, EditorialFileError, SiteBuildError } as const;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const place =
    error instanceof BroadsheetError
      ? { file: error.file, ...(error.line === undefined ? {} : { line: error.line }), ...(error.fix === undefined ? {} : { fix: error.fix }) }
      : undefined;
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(place ? { place } : {}) };
}

/** The error serializeError describes, of the same class, with the same message and place. */
export function restoreError(serialized: SerializedError): Error {
  const Class = ERROR_CLASSES[serialized.name as keyof typeof ERROR_CLASSES];
  let error: Error;
  if (Class && serialized.place) {
    error = new Class("", serialized.place);
    error.message = serialized.message;
  } else if (serialized.name === "UsageError") {
    error = new UsageError(serialized.message);
  } else {
    error = new Error(serialized.message);
    error.name = serialized.name;
  }
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
