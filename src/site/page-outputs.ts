// Where Eleventy writes each page: the file behind a permalink, relative to the output folder. An
// incremental build (issue 6) replaces exactly these files and removes those of pages that are gone.

import { pages } from "../../templates/index.ts";
import { ONCE } from "../../templates/components.ts";
import { ONCE_KEY } from "./page-digests.ts";

/** Permalinks of the one-off pages, which page-digests.ts groups under ONCE_KEY. */
const ONCE_PERMALINKS: readonly string[] = Object.values(pages)
  .map((page) => page.data as { readonly pagination?: unknown; readonly permalink?: unknown })
  .filter((data) => data.pagination === ONCE && typeof data.permalink === "string")
  .map((data) => data.permalink as string)
  .sort();

/** "/articles/x/" → "articles/x/index.html", "/feed.xml" → "feed.xml" (Eleventy's rule); ONCE_KEY → every one-off file. */
export function pageOutputFiles(permalink: string): string[] {
  if (permalink === ONCE_KEY) return ONCE_PERMALINKS.flatMap(pageOutputFiles);
  const rel = permalink.replace(/^\/+/, "");
  return [rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel];
}
