// The Nu Html Checker (npm vnu-jar) in one Java process over many files: starting the JVM is the slow part.
// vnu-jar's postinstall (it fetches a Java runtime) is denied in package.json's allowScripts; the machine's Java runs the jar.
import { execFile } from "node:child_process";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "./build-site.ts";

export const VNU_JAR = join(REPO_ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

export interface VnuMessage {
  readonly type: "error" | "info" | "non-document-error";
  readonly subType?: string;
  /** The file, relative to the folder passed as `root`. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
  readonly extract?: string;
}

interface RawMessage {
  type: VnuMessage["type"];
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Checks the files (absolute paths) and returns every message; `root` only shortens the file names. */
export async function runVnu(files: readonly string[], root: string): Promise<VnuMessage[]> {
  if (files.length === 0) return [];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "java",
      ["-Xss1m", "-jar", VNU_JAR, "--format", "json", "--stdout", "--exit-zero-always", ...files],
      { maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 },
      (error, out, err) => {
        if (error !== null) reject(new Error(`vnu failed to run (is Java 17 installed?): ${error.message}\n${err}`));
        else resolve(out);
      },
    );
  });
  const parsed = JSON.parse(stdout) as { messages: RawMessage[] };
  return parsed.messages.map((m) => ({
    type: m.type,
    ...(m.subType === undefined ? {} : { subType: m.subType }),
    file: m.url === undefined ? "?" : relative(root, fileURLToPath(m.url)),
    ...(m.lastLine === undefined ? {} : { line: m.lastLine }),
    message: m.message,
    ...(m.extract === undefined ? {} : { extract: m.extract }),
  }));
}

export function formatVnu(messages: readonly VnuMessage[], limit = 40): string {
  const lines = messages.slice(0, limit).map((m) => `  ${m.file}:${m.line ?? "?"} ${m.type}: ${m.message}`);
  if (messages.length > limit) lines.push(`  … and ${messages.length - limit} more`);
  return lines.join("\n");
}
