// A worker entry compiled into one module (#6) must behave as the entry run through tsx: each module keeps
// its own import.meta.url, a changed source gives a new bundle, and a source that does not compile leaves
// the entry to run as it is.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, unlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compiledEntry } from "../src/compiled-entry.ts";

let dir: string;
let cacheDir: string;
let entry: URL;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-entry-"));
  cacheDir = path.join(dir, "cache");
  // The shape of src/*/…-worker.js: register tsx, then import TypeScript.
  await writeFile(
    path.join(dir, "entry.js"),
    [
      'import { parentPort } from "node:worker_threads";',
      'import { register } from "tsx/esm/api";',
      "register();",
      'const { answer } = await import("./lib/answer.ts");',
      "parentPort.postMessage(answer());",
    ].join("\n"),
  );
  await writeLib("one");
  entry = pathToFileURL(path.join(dir, "entry.js"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeLib(value: string): Promise<void> {
  await rm(path.join(dir, "lib"), { recursive: true, force: true });
  await mkdir(path.join(dir, "lib"));
  const code = `const VALUE: string = ${JSON.stringify(value)};\nexport function answer(): string {\n  return new URL("./data.txt", import.meta.url).pathname + " " + VALUE;\n}\n`;
  await writeFile(path.join(dir, "lib", "answer.ts"), code);
}

function run(url: URL): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once("message", (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

describe("compiledEntry", () => {
  it("gives one module, without tsx, whose modules find files beside their sources", async () => {
    const url = await compiledEntry(entry, cacheDir);
    expect(url.pathname.startsWith(cacheDir)).toBe(true);
    const bundle = await readFile(url, "utf8");
    expect(bundle).not.toMatch(/from "tsx|import\("tsx/);
    expect(await run(url)).toBe(`${path.join(dir, "lib", "data.txt")} one`);
  });

  it("reuses the bundle while the sources hold, and makes a new one when one changes", async () => {
    const first = await compiledEntry(entry, cacheDir);
    expect((await compiledEntry(entry, cacheDir)).href).toBe(first.href);
    await writeLib("two");
    const second = await compiledEntry(entry, cacheDir);
    expect(second.href).not.toBe(first.href);
    expect(await run(second)).toBe(`${path.join(dir, "lib", "data.txt")} two`);
  });

  it("removes a replaced bundle only once no build can still be starting from it", async () => {
    const first = await compiledEntry(entry, cacheDir);
    await writeLib("two");
    const second = await compiledEntry(entry, cacheDir);
    expect(existsSync(first)).toBe(true); // another process may have just started from it
    const longAgo = new Date(Date.now() - 3_600_000);
    await utimes(second, longAgo, longAgo);
    await writeLib("three");
    const third = await compiledEntry(entry, cacheDir);
    expect(existsSync(second)).toBe(false);
    expect(existsSync(first)).toBe(true);
    expect(await run(third)).toMatch(/ three$/);
  });

  it("makes the bundle again when it is gone but its recipe is not", async () => {
    const first = await compiledEntry(entry, cacheDir);
    await unlink(first);
    const again = await compiledEntry(entry, cacheDir);
    expect(again.href).toBe(first.href);
    expect(await run(again)).toMatch(/ one$/);
  });

  it("leaves the entry as it is when its sources do not compile", async () => {
    await writeFile(path.join(dir, "lib", "answer.ts"), "export function answer(: string {");
    expect((await compiledEntry(entry, cacheDir)).href).toBe(entry.href);
  });
});
