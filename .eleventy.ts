// Eleventy configuration: plugins only (STYLE.md §8); everything lives in src/site.
import { broadsheetPlugin, type EleventyConfig } from "./src/site/index.ts";

// Article text is content, never template code: no Liquid pass over Markdown (issue 7). Plugins
// cannot set this option, so it is the one setting exported here.
export const config = { markdownTemplateEngine: false };

export default function (eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPlugin(broadsheetPlugin);
}
