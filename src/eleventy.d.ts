// @11ty/eleventy 3 ships no type declarations; this covers the parts Broadsheet calls.
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    config?: (eleventyConfig: any) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions, eleventyConfig?: unknown);
    init(options?: object): Promise<void>;
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string | false; inputPath: string; outputPath: string | false; content: string; rawInput?: string }>>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    disableLogger(): void;
  }
  export { Eleventy };
}
