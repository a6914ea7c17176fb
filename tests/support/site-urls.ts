// How a static host maps URL paths to files in an output folder (Netlify, GitHub Pages, `npx serve`):
// "/p/a/" → "a/index.html", "/p/a.xml" → "a.xml", "/p/a" → "a/index.html" by redirect.

/** "/archive/" stays, "archive" → "/archive/", "" or "/" → "/". */
export function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "" || prefix === "/") return "/";
  return `/${prefix.replace(/^\/+|\/+$/g, "")}/`;
}

/** The URL path at which a file of the output is served: "a/index.html" → "/p/a/". */
export function urlPathOf(file: string, prefix: string): string {
  const path = file === "index.html" ? "" : file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
  return normalizePrefix(prefix) + path.split("/").map(encodeURIComponent).join("/");
}

export type Resolution =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly reason: string };

/** The output file a URL path resolves to, or why it does not. `files` holds every output file (POSIX, relative). */
export function resolveUrlPath(pathname: string, prefix: string, files: ReadonlySet<string>): Resolution {
  const base = normalizePrefix(prefix);
  if (!(pathname + "/").startsWith(base)) {
    return { ok: false, reason: `outside the path prefix ${base}` };
  }
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return { ok: false, reason: "malformed percent-encoding" };
  }
  if (rest.split("/").some((segment) => segment === "..")) return { ok: false, reason: "path climbs with .." };
  if (rest === "" || rest.endsWith("/")) {
    const file = `${rest}index.html`;
    return files.has(file) ? { ok: true, file } : { ok: false, reason: `no file ${file}` };
  }
  if (files.has(rest)) return { ok: true, file: rest };
  // Static hosts redirect "/a" to "/a/" when a/index.html exists.
  if (files.has(`${rest}/index.html`)) return { ok: true, file: `${rest}/index.html` };
  return { ok: false, reason: `no file ${rest}` };
}
