// Entry point of the `broadsheet` command. Exit codes: 0 success, 1 an article (or the site) had a problem
// (all reported, each naming its file), 2 usage error. No stack trace unless --debug.

import { UsageError } from "../errors.ts";
import { BUILD_USAGE, parseBuildOptions, runBuild } from "./build-command.ts";
import { reportFailure } from "./report-failure.ts";
import { Reporter } from "./reporter.ts";
import { runServe, SERVE_USAGE } from "./serve-command.ts";

const USAGE = `Usage: broadsheet <command> [options]

Commands:
  build     raw articles → Markdown with entities → static site (default: content/ → _site/)
  extract   print the entities of raw article files as JSON lines (writes nothing)
  serve     build the site into a preview folder, serve it, and build again on every change

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
        if (options.watch) {
          const { watchBuild } = await import("./watch-build.ts");
          return await untilStopped((signal) => watchBuild(options, reporter, { debug, signal }));
        }
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
        const code = await untilStopped((signal) => runServe(rest, reporter, signal));
        return code === "help" ? printed(SERVE_USAGE) : code;
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
    return reportFailure(error, debug);
  }
  reporter.flush();
  return reporter.errorCount > 0 ? 1 : 0;
}

/**
 * Runs a command that goes on until Ctrl+C (or SIGTERM) aborts its signal: it finishes the build under way
 * first; a second Ctrl+C stops the process at once.
 */
async function untilStopped<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await run(stop.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function printed(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
