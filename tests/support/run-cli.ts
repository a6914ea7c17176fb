// Runs the real CLI — in this process (fast) or as a child process (real exit codes, signals).
import { spawn } from "node:child_process";
import { cp } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { scratchDir } from "./scratch-dirs.ts";

// Eleventy imports .eleventy.ts with Node's own import(), outside vitest's transform: let Node read TypeScript.
register();

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = path.join(PROJECT_ROOT, "bin/broadsheet.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `broadsheet ...argv` in-process, capturing what it prints. */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs `node bin/broadsheet.js ...argv` as a child process. */
export function spawnCli(argv: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: options.cwd ?? PROJECT_ROOT, env: { ...process.env, CI: "true", ...options.env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })),
  );
  return { child, done };
}

/** A scratch copy of a fixture content folder, so tests can write into it. */
export async function copyFixture(fixture: string): Promise<string> {
  const dir = await scratchDir();
  await cp(fixture, path.join(dir, "content"), { recursive: true });
  return dir;
}
