// How the CLI tells a failed command: usage errors with the usage (exit 2), our own errors as one line
// naming the file and what to do (exit 1), anything else as an unexpected problem (exit 1); stack traces
// only with --debug (#7). Shared by one-off commands and by each build of `build --watch`.

import { BroadsheetError, UsageError } from "../errors.ts";

/** Writes the failure to stderr; returns the exit code it stands for. */
export function reportFailure(error: unknown, debug: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof BroadsheetError) {
    process.stderr.write(`error: ${error.message}\n`);
    if (debug) process.stderr.write(`${describeCause(error)}\n`);
    return 1;
  }
  process.stderr.write(
    `error: Broadsheet stopped on an unexpected problem: ${(error as Error)?.message ?? String(error)}\n` +
      (debug ? `${(error as Error)?.stack ?? ""}\n` : "  → Run again with --debug for the full trace, and report it if it persists.\n"),
  );
  return 1;
}

function describeCause(error: Error): string {
  const lines = [error.stack ?? ""];
  let cause = (error as { cause?: unknown }).cause;
  while (cause instanceof Error) {
    lines.push(`caused by: ${cause.stack ?? cause.message}`);
    cause = (cause as { cause?: unknown }).cause;
  }
  return lines.join("\n");
}
