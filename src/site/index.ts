export { broadsheetPlugin } from "./broadsheet-plugin.ts";
export type { EleventyConfig } from "./eleventy-config.ts";
