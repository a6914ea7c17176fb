export { broadsheetPlugin } from "./broadsheet-plugin.ts";
export { buildSearchIndex, type BuildSearchIndexOptions } from "./pagefind-index.ts";
export type { EleventyConfig } from "./eleventy-config.ts";
