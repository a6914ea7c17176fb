// `broadsheet serve` (npm start): syncs the articles, then runs Eleventy's dev server with live reload.
// Edits to content/articles/*.md show at once; new raw files need a restart (or `npm run build`).

import path from "node:path";
import { fileURLToPath } from "node:url";
import { useTypeScriptLoader } from "../typescript-loader.js";
import { parseOptions } from "./parse-options.ts";
import type { Reporter } from "./reporter.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const SERVE_USAGE = `Usage: broadsheet serve [--content DIR] [--port N]

Brings content/articles up to date with content/raw, then serves the site on http://localhost:N/
with live reload (Eleventy's dev server, output in .broadsheet/preview/). Search works only in a
full build. Press Ctrl+C to stop.

Options:
  --content DIR   content folder (default: content)
  --port N        port (default: 8080)
  -h, --help      show this help`;

export async function runServe(argv: readonly string[], reporter: Reporter): Promise<"help" | "serving"> {
  const { values } = parseOptions(
    argv,
    { content: { type: "string", default: "content" }, port: { type: "string", default: "8080" }, debug: { type: "boolean", default: false } },
    SERVE_USAGE,
  );
  if (values.help) return "help";
  const contentDir = path.resolve(values.content);
  const { syncArticles } = await import("./sync-articles.ts");
  await syncArticles(contentDir, reporter);
  reporter.flush();
  const { default: Eleventy } = await import("@11ty/eleventy");
  // The dev server reloads .eleventy.ts and what it imports when they change: from source, through tsx.
  await useTypeScriptLoader();
  // A folder of its own, so previewing never replaces the last good build in _site/.
  const eleventy = new Eleventy(contentDir, path.join(PROJECT_ROOT, ".broadsheet", "preview"), {
    configPath: path.join(PROJECT_ROOT, ".eleventy.ts"),
    runMode: "serve",
    quietMode: true,
  });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(Number(values.port));
  return "serving";
}
