// A tiny static host on 127.0.0.1 for the browser tests: serves an output folder under a path prefix,
// answers unknown paths with the site's 404.html and status 404 (as Netlify and GitHub Pages do),
// and can add headers, e.g. the Content-Security-Policy from the site's _headers file.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { AddressInfo } from "node:net";
import { normalizePrefix } from "./site-urls.ts";

export interface StaticServerOptions {
  readonly root: string;
  /** Served under this prefix; default "/". */
  readonly pathPrefix?: string;
  /** Extra response headers for a URL path (e.g. from parseHeadersFile). */
  readonly headersFor?: (pathname: string) => Readonly<Record<string, string>>;
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT" */
  readonly origin: string;
  /** origin + prefix, e.g. "http://127.0.0.1:PORT/archive/" */
  readonly baseUrl: string;
  /** Every request as "STATUS /path", for debugging a failed test. */
  readonly log: readonly string[];
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "application/xslt+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const prefix = normalizePrefix(options.pathPrefix);
  const log: string[] = [];

  const server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      const extra = options.headersFor?.(pathname) ?? {};
      const file = await findFile(options.root, prefix, pathname);
      if (file.kind === "redirect") {
        log.push(`301 ${pathname}`);
        response.writeHead(301, { Location: `${pathname}/`, ...extra }).end();
        return;
      }
      const status = file.kind === "found" ? 200 : 404;
      const path = file.kind === "found" ? file.path : join(options.root, "404.html");
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch {
        body = Buffer.from("Not found");
      }
      log.push(`${status} ${pathname}`);
      response.writeHead(status, {
        "Content-Type": TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        ...extra,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    })().catch((error: unknown) => {
      log.push(`500 ${request.url ?? ""} ${String(error)}`);
      response.writeHead(500).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: origin + prefix,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Lookup = { kind: "found"; path: string } | { kind: "redirect" } | { kind: "missing" };

async function findFile(root: string, prefix: string, pathname: string): Promise<Lookup> {
  if (!(pathname + "/").startsWith(prefix)) return { kind: "missing" };
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return { kind: "missing" };
  }
  if (rest.split("/").includes("..") || rest.includes("\0")) return { kind: "missing" };
  const path = join(root, rest);
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return { kind: "found", path };
  if (info?.isDirectory()) {
    if (!pathname.endsWith("/")) return { kind: "redirect" };
    const index = join(path, "index.html");
    if ((await stat(index).catch(() => undefined))?.isFile()) return { kind: "found", path: index };
  }
  return { kind: "missing" };
}
