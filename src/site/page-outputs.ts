// Where Eleventy writes each page: the file behind a permalink, relative to the output folder. An
// incremental build (issue 6) replaces exactly these files and removes those of pages that are gone.

/** "/articles/x/" → "articles/x/index.html", "/feed.xml" → "feed.xml" (Eleventy's rule). */
export function pageOutputFile(permalink: string): string {
  const rel = permalink.replace(/^\/+/, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}
