// The HTML of every article body for one build. Large builds render ahead in worker threads, so that
// Markdown (the costliest step of a render, issue 6) runs on the spare cores while Eleventy works on
// the main thread; small builds render each body when its page asks. A prerendered body is handed out
// once and then dropped; a page rendered again (watch mode reuses global data) renders it anew.

import os from "node:os";
import { Worker } from "node:worker_threads";
import createDebug from "debug";
import { compiledEntry } from "../compiled-entry.ts";
import { renderArticleBody, type EntityLink } from "../markdown/index.ts";

const debug = createDebug("broadsheet:site");

export interface BodyJob {
  /** Article slug. */
  readonly key: string;
  readonly markdown: string;
  readonly entityLinks: readonly EntityLink[];
  /** For messages about this body (the article file). */
  readonly path?: string;
}

export interface ArticleBodiesOptions {
  /** Worker threads to render ahead with; 0 renders on demand on this thread (default: 0). */
  readonly threads?: number;
}

const DROPPED = Promise.resolve("");

interface Entry {
  readonly job: BodyJob;
  html: Promise<string>;
  resolve(html: string): void;
  done: boolean;
  taken: boolean;
}

export class ArticleBodies {
  private readonly entries = new Map<string, Entry>();
  private readonly ahead: boolean;

  constructor(jobs: readonly BodyJob[], options: Readonly<ArticleBodiesOptions> = {}) {
    const threads = Math.min(options.threads ?? 0, os.availableParallelism(), jobs.length);
    this.ahead = threads > 0;
    if (!this.ahead) {
      for (const job of jobs) this.entries.set(job.key, { job, html: Promise.resolve(""), resolve() {}, done: false, taken: false });
      return;
    }
    for (const job of jobs) {
      let resolve!: (html: string) => void;
      const html = new Promise<string>((done) => (resolve = done));
      this.entries.set(job.key, { job, html, resolve, done: false, taken: false });
    }
    const chunk = Math.ceil(jobs.length / threads);
    for (let t = 0; t < threads; t++) this.start(jobs.slice(t * chunk, (t + 1) * chunk));
  }

  /** The body's HTML. */
  take(key: string): Promise<string> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.reject(new Error(`no article body for '${key}': the article was not read at the start of this build`));
    if (!this.ahead || entry.taken) return Promise.resolve(render(entry.job));
    entry.taken = true;
    const html = entry.html;
    if (entry.done) entry.html = DROPPED;
    return html;
  }

  private settle(key: string, html: () => string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.done) return;
    entry.done = true;
    entry.resolve(html());
    if (entry.taken) entry.html = DROPPED;
  }

  private start(jobs: readonly BodyJob[]): void {
    // A failed worker must not fail the build: its articles are rendered on this thread instead.
    const fallBack = (reason: unknown): void => {
      debug("markdown worker stopped (%o); rendering its articles on the main thread", reason);
      for (const job of jobs) this.settle(job.key, () => render(job));
    };
    compiledEntry(new URL("./markdown-worker.js", import.meta.url))
      .then((entry) => this.startWorker(entry, jobs, fallBack))
      .catch(fallBack);
  }

  private startWorker(entry: URL, jobs: readonly BodyJob[], fallBack: (reason: unknown) => void): void {
    const worker = new Worker(entry, { workerData: jobs });
    worker.on("message", (batch: readonly { key: string; html: string }[]) => {
      for (const { key, html } of batch) this.settle(key, () => html);
    });
    worker.on("error", fallBack);
    worker.on("exit", (code) => {
      if (code !== 0) fallBack(`exit code ${code}`);
    });
  }
}

function render(job: BodyJob): string {
  return renderArticleBody(job.markdown, { entityLinks: job.entityLinks, ...(job.path === undefined ? {} : { path: job.path }) });
}
