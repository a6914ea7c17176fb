// The part of Eleventy's configuration API our plugins use. Eleventy 3 ships JSDoc, not .d.ts,
// so the shape is written down here once instead of `any` at every plugin boundary.

export interface EleventyDirectories {
  readonly input: string;
  readonly output: string;
  readonly includes: string;
  readonly data: string;
}

/** A JavaScript template, as Eleventy reads an 11ty.js module. */
export interface JavaScriptTemplate<Data = never> {
  readonly data?: Record<string, unknown> | (() => Record<string, unknown>);
  render(this: unknown, data: Data): string | Promise<string>;
}

export interface MarkdownLibrary {
  render(markdown: string, data: unknown): string;
}

export interface EleventyConfig {
  readonly pathPrefix: string | undefined;
  readonly directories: EleventyDirectories;
  readonly ignores: Set<string>;
  addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void | Promise<void>, options?: O): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  setLibrary(extension: "md", library: MarkdownLibrary): void;
  setDataDeepMerge?(deep: boolean): void;
  addWatchTarget(target: string): void;
  /** Runs on every output before it is written; returns the content to write. */
  addTransform(name: string, transform: (this: unknown, content: string) => string | Promise<string>): void;
}
