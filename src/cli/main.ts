// Entry point of the `broadsheet` command. Exit codes: 0 success, 1 an article (or the site) had a problem
// (all reported, each naming its file), 2 usage error. No stack trace unless --debug.

import { BroadsheetError, UsageError } from "../errors.ts";
import { BUILD_USAGE, parseBuildOptions, runBuild } from "./build-command.ts";
import { Reporter } from "./reporter.ts";
import { runServe, SERVE_USAGE } from "./serve-command.ts";

const USAGE = `Usage: broadsheet <command> [options]

Commands:
  build     raw articles → Markdown with entities → static site (default: content/ → _site/)
  extract   print the entities of raw article files as JSON lines (writes nothing)
  serve     build the Markdown, then preview the site with live reload

Run 'broadsheet <command> --help' for a command's options.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const debug = rest.includes("--debug");
  const reporter = new Reporter({ debug });
  try {
    switch (command) {
      case "build": {
        const options = parseBuildOptions(rest);
        if (options === "help") return printed(BUILD_USAGE);
        await runBuild(options, reporter);
        break;
      }
      case "extract": {
        // Loaded on demand: the extractor's gazetteers take about a second to load.
        const { runExtract } = await import("./extract-command.ts");
        await runExtract(rest, reporter);
        break;
      }
      case "serve": {
        if ((await runServe(rest, reporter)) === "help") return printed(SERVE_USAGE);
        return 0;
      }
      case "-h":
      case "--help":
      case "help":
        return printed(USAGE);
      case undefined:
        throw new UsageError(`Name a command.\n\n${USAGE}`);
      default:
        throw new UsageError(`Unknown command '${command}'.\n\n${USAGE}`);
    }
  } catch (error) {
    reporter.flush();
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
  reporter.flush();
  return reporter.errorCount > 0 ? 1 : 0;
}

function printed(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
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
