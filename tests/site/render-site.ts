// Renders a content folder in memory through the real .eleventy.ts, as the CLI does (Eleventy's own
// plugin tests use toJSON the same way). tsx is registered first: Eleventy imports the .ts config itself.
import path from "node:path";
import { register } from "tsx/esm/api";

register();

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURE_CONTENT = path.join(import.meta.dirname, "fixtures", "content");

export interface RenderedPage {
  readonly url: string;
  readonly inputPath: string;
  readonly outputPath: string;
  readonly content: string;
}

export async function renderSite(content: string, pathPrefix = "/"): Promise<Map<string, RenderedPage>> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(content, path.join(content, "..", "_site-unused"), {
    configPath: path.join(REPO_ROOT, ".eleventy.ts"),
    pathPrefix,
    quietMode: true,
  });
  const pages = (await eleventy.toJSON()) as RenderedPage[];
  return new Map(pages.map((p) => [p.url, p]));
}

export function page(pages: ReadonlyMap<string, RenderedPage>, url: string): string {
  const found = pages.get(url);
  if (!found) throw new Error(`no page at ${url}; pages: ${[...pages.keys()].sort().join(", ")}`);
  return found.content;
}
