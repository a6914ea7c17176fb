// How a build hands an in-process Eleventy run what it already computed (issue 6): the site it loaded, and
// for an incremental build the pages to render. A child process gets the same through RENDER_SHARD_ENV
// (shard-data.ts). It is kept on globalThis under a registered symbol, not in a module variable, because
// Eleventy imports .eleventy.ts itself and a second copy of this module must still see it.

import type { SiteSource } from "./load-site.ts";

export interface RenderRequest {
  /** The content folder it was loaded from: a run over another folder ignores the request. */
  readonly contentDir: string;
  readonly site: SiteSource;
  /** Render only these pages (permalinks, see page-digests.ts); all when absent. */
  readonly only?: ReadonlySet<string>;
}

const KEY = Symbol.for("broadsheet.renderRequest");
type Holder = { [KEY]?: RenderRequest };

/** Runs `run` with `request` visible to the Eleventy runs it starts. */
export async function withRenderRequest<T>(request: RenderRequest, run: () => Promise<T>): Promise<T> {
  const holder = globalThis as Holder;
  if (holder[KEY]) throw new Error("an Eleventy render is already running in this process");
  holder[KEY] = request;
  try {
    return await run();
  } finally {
    delete holder[KEY];
  }
}

/** The request for the content folder `contentDir`, if a build made one. */
export function renderRequestFor(contentDir: string): RenderRequest | undefined {
  const request = (globalThis as Holder)[KEY];
  return request?.contentDir === contentDir ? request : undefined;
}
