// `broadsheet serve` (npm start): the site built as `build --watch` builds it, into a preview folder of its own,
// served by Eleventy's dev server, which reloads the open pages after every build. Every change to the content
// folder shows — a new raw article too — search included, at any archive size: each build is the incremental
// one, not an Eleventy run over the whole site (#6).

import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.ts";
import type { BuildOptions } from "./build-command.ts";
import { parseOptions } from "./parse-options.ts";
import type { Reporter } from "./reporter.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const SERVE_USAGE = `Usage: broadsheet serve [--content DIR] [--out DIR] [--port N]

Builds the site from DIR into a preview folder and serves it on http://localhost:N/, then builds again
whenever something in DIR changes, reloading the pages open in the browser. _site/ is left as it is.
Press Ctrl+C to stop.

Options:
  --content DIR   content folder (default: content)
  --out DIR       preview folder (default: .broadsheet/preview)
  --port N        port, or the next free one after it (default: 8080)
  -h, --help      show this help`;

/** Serves until `signal` (Ctrl+C, main.ts) stops it; the exit code of the last build, or "help". */
export async function runServe(argv: readonly string[], reporter: Reporter, signal: AbortSignal): Promise<number | "help"> {
  const { values } = parseOptions(
    argv,
    {
      content: { type: "string", default: "content" },
      out: { type: "string", default: path.join(PROJECT_ROOT, ".broadsheet", "preview") },
      port: { type: "string", default: "8080" },
      debug: { type: "boolean", default: false },
    },
    SERVE_USAGE,
  );
  if (values.help) return "help";
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`--port ${values.port} is not a port number; use a whole number from 1 to 65535.\n\n${SERVE_USAGE}`);
  }
  const options: BuildOptions = { contentDir: path.resolve(values.content), outDir: path.resolve(values.out), pathPrefix: "/", search: true, watch: true };
  const [{ watchBuild }, { default: EleventyDevServer }] = await Promise.all([import("./watch-build.ts"), import("@11ty/eleventy-dev-server")]);
  // The server serves whatever the folder holds at each request: the build swaps a new site in whole.
  const server = EleventyDevServer.getServer("broadsheet", options.outDir, {
    port,
    domDiff: false,
    messageOnStart: ({ localhostUrl }) => `serving ${path.relative(process.cwd(), options.outDir) || "."}/ on ${localhostUrl}`,
    logger: { info: (line: string) => reporter.info(line), log: (line: string) => reporter.info(line), error: (line: string) => reporter.info(line) },
  });
  server.serve(port);
  try {
    return await watchBuild(options, reporter, { debug: values.debug, signal, onBuilt: () => server.reload() });
  } finally {
    await server.close();
  }
}
