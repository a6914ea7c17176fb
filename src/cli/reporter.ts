// Every line Broadsheet prints goes through here: problems are collected per file and printed together at the
// end of a batch (STYLE.md §6); progress shows on a terminal only, never in CI logs.

import { formatDiagnostic } from "../errors.ts";
import type { Diagnostic } from "../types.ts";

export interface ReporterOptions {
  /** Where messages go. Default: process.stderr. */
  readonly stream?: NodeJS.WriteStream;
  /** Show the live progress line. Default: only on a TTY and when CI is not set. */
  readonly progress?: boolean;
  /** Print stack traces of unexpected errors. Default: false. */
  readonly debug?: boolean;
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly debug: boolean;
  readonly #stream: NodeJS.WriteStream;
  readonly #progress: boolean;
  #stage: { name: string; total: number; start: number; lastDraw: number } | undefined;

  constructor(options: ReporterOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#progress = options.progress ?? (Boolean(this.#stream.isTTY) && !process.env.CI);
    this.debug = options.debug ?? false;
  }

  add(diagnostics: Iterable<Diagnostic>): void {
    for (const d of diagnostics) this.diagnostics.push(d);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === "error").length;
  }

  info(line: string): void {
    this.#clearProgress();
    this.#stream.write(`${line}\n`);
  }

  /** Start a counted stage ("enrich", 10000). */
  stage(name: string, total: number): void {
    this.#stage = { name, total, start: performance.now(), lastDraw: 0 };
  }

  /** Report that `done` of the current stage's items are finished. Redraws at most 10 times a second. */
  tick(done: number): void {
    const stage = this.#stage;
    if (!this.#progress || !stage) return;
    const now = performance.now();
    if (now - stage.lastDraw < 100 && done < stage.total) return;
    stage.lastDraw = now;
    const seconds = (now - stage.start) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (stage.total - done) / rate : 0;
    this.#stream.write(
      `\r\x1b[K${stage.name}: ${done}/${stage.total} (${Math.round(rate)}/s, ${left.toFixed(0)} s left)`,
    );
  }

  /** Print every collected problem, warnings first, sorted by file then line. */
  flush(): void {
    this.#clearProgress();
    const order = (d: Diagnostic) => (d.severity === "warning" ? 0 : 1);
    const sorted = [...this.diagnostics].sort(
      (a, b) => order(a) - order(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
    );
    for (const d of sorted) this.#stream.write(`${formatDiagnostic(d)}\n`);
  }

  #clearProgress(): void {
    if (this.#progress && this.#stage) this.#stream.write("\r\x1b[K");
  }
}
