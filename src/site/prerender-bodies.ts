// Article bodies rendered ahead of Eleventy in worker threads, so that Markdown (the costliest step of
// a render, issue 6) runs on the spare cores while Eleventy works on the main thread. The Markdown
// library takes each result when Eleventy asks for that article; anything not prerendered, or whose
// text differs from what was read, is rendered on the spot, so the output never depends on this.

import os from "node:os";
import { Worker } from "node:worker_threads";
import createDebug from "debug";
import { renderArticleBody, type EntityLink } from "../markdown/index.ts";

const debug = createDebug("broadsheet:site");

export interface BodyJob {
  /** Article slug. */
  readonly key: string;
  readonly markdown: string;
  readonly entityLinks: readonly EntityLink[];
}

interface Pending {
  readonly fingerprint: string;
  readonly html: Promise<string>;
  resolve(html: string): void;
  /** Set once the result has arrived: the entry is dropped when both it has arrived and been taken. */
  done: boolean;
  taken: boolean;
}

/** 32-bit FNV-1a and the length: enough to notice that Eleventy's text is not the text we rendered. */
function fingerprint(markdown: string): string {
  const text = markdown.replace(/^\n+/, "");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

export class PrerenderedBodies {
  private readonly pending = new Map<string, Pending>();

  constructor(jobs: readonly BodyJob[], threads = Math.max(1, os.availableParallelism())) {
    for (const job of jobs) {
      let resolve!: (html: string) => void;
      const html = new Promise<string>((done) => (resolve = done));
      this.pending.set(job.key, { fingerprint: fingerprint(job.markdown), html, resolve, done: false, taken: false });
    }
    const chunk = Math.ceil(jobs.length / threads);
    for (let t = 0; t < threads; t++) {
      const part = jobs.slice(t * chunk, (t + 1) * chunk);
      if (part.length > 0) this.start(part);
    }
  }

  /** The prerendered HTML of an article, once; undefined when it must be rendered here instead. */
  take(key: string, markdown: string): Promise<string> | undefined {
    const entry = this.pending.get(key);
    if (!entry || entry.taken) return undefined;
    entry.taken = true;
    if (entry.done) this.pending.delete(key);
    return entry.fingerprint === fingerprint(markdown) ? entry.html : undefined;
  }

  private settle(key: string, html: () => string): void {
    const entry = this.pending.get(key);
    if (!entry || entry.done) return;
    entry.done = true;
    entry.resolve(html());
    if (entry.taken) this.pending.delete(key);
  }

  private start(jobs: readonly BodyJob[]): void {
    const worker = new Worker(new URL("./markdown-worker.js", import.meta.url), { workerData: jobs });
    worker.on("message", (batch: readonly { key: string; html: string }[]) => {
      for (const { key, html } of batch) this.settle(key, () => html);
    });
    // A failed worker must not fail the build: its articles fall back to rendering on the main thread.
    const fallBack = (reason: unknown): void => {
      debug("markdown worker stopped (%o); rendering its articles on the main thread", reason);
      for (const job of jobs) this.settle(job.key, () => renderArticleBody(job.markdown, { entityLinks: job.entityLinks }));
    };
    worker.on("error", fallBack);
    worker.on("exit", (code) => {
      if (code !== 0) fallBack(`exit code ${code}`);
    });
  }
}
