// The part of @11ty/eleventy-dev-server (which ships no types) that `broadsheet serve` uses.
declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    readonly port?: number;
    readonly domDiff?: boolean;
    readonly messageOnStart?: (info: { readonly localhostUrl: string }) => string | false;
    readonly logger?: { readonly info: (line: string) => void; readonly log: (line: string) => void; readonly error: (line: string) => void };
  }
  interface DevServer {
    serve(port: number): void;
    ready(): Promise<void>;
    /** Tells the open pages to reload. */
    reload(event?: object): void;
    close(): Promise<void>;
  }
  const EleventyDevServer: { getServer(name: string, dir: string, options?: DevServerOptions): DevServer };
  export default EleventyDevServer;
}
