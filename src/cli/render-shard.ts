// One shard of a sharded render, in its own process (started by render-shards.ts through
// render-shard-process.js): an ordinary Eleventy run over the real .eleventy.ts; the plugin finds the
// shard's slice and data through RENDER_SHARD_ENV.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeEleventyError } from "./render-site.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where a shard writes: the same for every shard of a build. */
export interface ShardTarget {
  readonly contentDir: string;
  readonly outDir: string;
  readonly pathPrefix: string;
}

/** What a shard process reports to the build before it exits. */
export type ShardMessage = { readonly ok: true; readonly pages: number } | { readonly ok: false; readonly error: string };

export async function renderShard(target: ShardTarget): Promise<ShardMessage> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(target.contentDir, target.outDir, {
    configPath: path.join(PROJECT_ROOT, ".eleventy.ts"),
    pathPrefix: target.pathPrefix,
    quietMode: true,
  });
  eleventy.disableLogger();
  try {
    // write() resolves to [passthrough copies, templates]: the pages this shard wrote.
    const [, templates] = (await eleventy.write()) as [unknown, readonly { readonly outputPath?: string | false }[]];
    return { ok: true, pages: templates.filter((t) => typeof t.outputPath === "string").length };
  } catch (error) {
    return { ok: false, error: describeEleventyError(error) };
  }
}
