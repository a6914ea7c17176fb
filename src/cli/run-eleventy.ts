// One Eleventy run over the real .eleventy.ts, writing into a folder; with a render request (a site
// already loaded, maybe only some pages) when the caller has one. Returns the pages written.

import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { compiledEntry } from "../compiled-entry.ts";
import { withRenderRequest, type RenderRequest } from "../site/render-request.ts";
import { useTypeScriptLoader } from "../typescript-loader.js";

const debug = createDebug("broadsheet:compile");
const CONFIG = new URL("../../.eleventy.ts", import.meta.url);

export interface EleventyRun {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
  readonly request?: RenderRequest;
}

/**
 * Starts loading Eleventy, our plugin and templates (about 1.4 s of a one-edit build at 10,000 articles, #6)
 * while the sync stage waits on files and workers; runEleventy then finds them loaded. Never fails: a
 * problem shows when runEleventy imports them for real.
 */
export function preloadRenderer(): void {
  void importEleventy().catch(() => {});
  void configFile()
    .then((config) => import(config.href))
    .catch(() => {});
}

/**
 * .eleventy.ts compiled with everything it imports into one module (src/compiled-entry.ts), so that a CLI
 * started from its bundle needs no tsx; the file itself, through tsx, when it cannot be compiled.
 */
let config: Promise<URL> | undefined;
function configFile(): Promise<URL> {
  config ??= compiledEntry(CONFIG).then(async (url) => {
    if (url.href === CONFIG.href) await useTypeScriptLoader();
    debug("Eleventy's configuration: %s", path.basename(fileURLToPath(url)));
    return url;
  });
  return config;
}

/**
 * Eleventy for a build. Its import hook exists for Eleventy's watch mode (to reload the templates that
 * changed), and on Node 20 it sends every later import through a loader thread: ~0.3 s of a one-edit build
 * (#6). Broadsheet never runs that mode: `build --watch` and `serve` watch the content and build again with
 * the templates they loaded at the start, so it goes without.
 */
function importEleventy(): Promise<typeof import("@11ty/eleventy")> {
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  return import("@11ty/eleventy");
}

export async function runEleventy(run: EleventyRun): Promise<number> {
  const { default: Eleventy } = await importEleventy();
  const eleventy = new Eleventy(run.contentDir, run.outDir, {
    configPath: fileURLToPath(await configFile()),
    pathPrefix: run.pathPrefix,
    quietMode: true,
  });
  // Eleventy would print its own errors with stack traces; ours are reported once, by the CLI (#7).
  eleventy.disableLogger();
  const write = () => eleventy.write() as Promise<[unknown, readonly { readonly outputPath?: string | false }[]]>;
  // write() resolves to [passthrough copies, templates]: the pages this run wrote.
  const [, templates] = run.request ? await withRenderRequest(run.request, write) : await write();
  return templates.filter((t) => typeof t.outputPath === "string").length;
}
