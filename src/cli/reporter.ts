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
  /** Milliseconds, for rates (default: performance.now); tests pass their own clock. */
  readonly now?: () => number;
}

/** Progress drawn at most this often (the last count of a stage is always drawn). */
const REDRAW_MS = 100;
/** A rate and time left are shown once a stage has counted for this long: a guess from less misleads. */
const RATE_AFTER_MS = 1_000;

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly debug: boolean;
  readonly #stream: NodeJS.WriteStream;
  readonly #progress: boolean;
  readonly #now: () => number;
  #stage: { name: string; total: number; lastDraw: number; first?: { at: number; done: number } } | undefined;
  /** A line drawn by status() or tick(), to clear before anything else is written. */
  #drawn = false;

  constructor(options: ReporterOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#progress = options.progress ?? (Boolean(this.#stream.isTTY) && !process.env.CI);
    this.debug = options.debug ?? false;
    this.#now = options.now ?? (() => performance.now());
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

  /** Start a counted stage ("enrich", 10000): shown at once, as 0 of its total. */
  stage(name: string, total: number): void {
    this.#stage = { name, total, lastDraw: -Infinity };
    this.#draw(`${name}: 0/${total}`);
  }

  /**
   * Report that `done` of the current stage's items are finished. Redraws at most 10 times a second. The rate
   * counts from the stage's first report, not its start: a stage that starts processes first (render shards)
   * would otherwise promise hours at first.
   */
  tick(done: number): void {
    const stage = this.#stage;
    if (!this.#progress || !stage) return;
    const now = this.#now();
    if (now - stage.lastDraw < REDRAW_MS && done < stage.total) return;
    stage.lastDraw = now;
    const first = (stage.first ??= { at: now, done });
    const ms = now - first.at;
    const rate = ms >= RATE_AFTER_MS ? ((done - first.done) * 1000) / ms : 0;
    const pace = rate > 0 ? ` (${Math.round(rate)}/s, ${Math.ceil((stage.total - done) / rate)} s left)` : "";
    this.#draw(`${stage.name}: ${done}/${stage.total}${pace}`);
  }

  /** A stage without a count ("index: 10000 articles"): shown until the next line or stage. */
  status(line: string): void {
    this.#stage = undefined;
    this.#draw(line);
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

  /** Forgets the problems collected so far: a watcher's next build reports its own (watch-build.ts). */
  clear(): void {
    this.diagnostics.length = 0;
  }

  #draw(line: string): void {
    if (!this.#progress) return;
    this.#stream.write(`\r\x1b[K${line}`);
    this.#drawn = true;
  }

  #clearProgress(): void {
    if (!this.#drawn) return;
    this.#stream.write("\r\x1b[K");
    this.#drawn = false;
  }
}
