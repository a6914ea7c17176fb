// Runs the extractor over the articles of a build, chunk by chunk, and finishes each article's file text
// (finish-article.ts). Small builds stay on this thread; large imports start one worker thread per core once
// and feed them every chunk, since extraction is the costliest step of an import (#6). Building the
// gazetteers takes about a second; their tables are kept in node_modules/.cache/broadsheet between builds,
// under the generator's fingerprint, and read back in a tenth of that (issue 6: an edit of one article must
// not wait a second for them).

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import createDebug from "debug";
import { WorkerPool } from "../worker-pool.ts";
import type { ArticleJob, FinishedArticle, FinishOptions } from "./finish-article.ts";

const debug = createDebug("broadsheet:extract");
const GAZETTEER_CACHE = fileURLToPath(new URL("../../node_modules/.cache/broadsheet/", import.meta.url));
/** This thread's gazetteer has its tables (one load per thread: an in-thread extractor asks every chunk). */
let gazetteerLoaded = false;
/** Cached tables (and stray temporary files) untouched this long are removed. */
const STALE_GAZETTEER_MS = 7 * 24 * 3_600_000;

/** Below this many articles, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;

export interface BatchExtractor {
  /** Extracts each job's article and finishes it, in the order given. */
  enrich(jobs: readonly ArticleJob[], options: FinishOptions): Promise<FinishedArticle[]>;
  close(): Promise<void>;
}

/**
 * An extractor sized for `total` articles; `onProgress` gets the running count. `gazetteerKey` (the generator
 * fingerprint) names the cached gazetteer tables; without it they are built every time.
 */
export function createBatchExtractor(total: number, onProgress: (done: number) => void = () => {}, gazetteerKey?: string): BatchExtractor {
  const threads = Math.min(os.availableParallelism(), Math.ceil(total / WORKER_THRESHOLD));
  let done = 0;
  const advance = (n: number) => onProgress((done += n));
  return threads <= 1 ? inThread(advance, gazetteerKey) : onWorkers(threads, advance, gazetteerKey);
}

/**
 * Gives this thread's gazetteer the tables cached under `key`, or builds them and caches them. A cache that
 * cannot be read or written only costs building them.
 */
export async function loadGazetteer(key: string | undefined): Promise<void> {
  if (key === undefined || gazetteerLoaded) return;
  gazetteerLoaded = true;
  const { gazetteerSnapshot, useGazetteerSnapshot } = await import("../enrich/gazetteer.ts");
  const file = path.join(GAZETTEER_CACHE, `gazetteer-${key.replace(/[^\w.+-]/g, "_")}.v8`);
  try {
    if (useGazetteerSnapshot(readFileSync(file))) return;
  } catch {
    // Not cached yet.
  }
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  try {
    const bytes = gazetteerSnapshot();
    mkdirSync(GAZETTEER_CACHE, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    // Tables of earlier generator versions: kept a while, since work trees sharing node_modules may use them.
    for (const name of readdirSync(GAZETTEER_CACHE)) {
      const other = path.join(GAZETTEER_CACHE, name);
      if (name.startsWith("gazetteer-") && Date.now() - statSync(other).mtimeMs > STALE_GAZETTEER_MS) rmSync(other, { force: true });
    }
  } catch (error) {
    debug("could not cache the gazetteer tables in %s (%s)", file, (error as Error).message);
    rmSync(tmp, { force: true });
  }
}

function inThread(advance: (n: number) => void, gazetteerKey: string | undefined): BatchExtractor {
  return {
    async enrich(jobs, options) {
      if (jobs.length === 0) return [];
      // Loaded only when there is something to extract.
      await loadGazetteer(gazetteerKey);
      const [{ extractEntities }, { extractionInput, finishArticle }] = await Promise.all([import("../enrich/index.ts"), import("./finish-article.ts")]);
      return jobs.map((job) => {
        const result = finishArticle(job, extractEntities(extractionInput(job.article)), options);
        advance(1);
        return result;
      });
    },
    async close() {},
  };
}

/** One worker thread per core, loaded once, each given an equal part of every chunk. */
function onWorkers(threads: number, advance: (n: number) => void, gazetteerKey: string | undefined): BatchExtractor {
  const pool = new WorkerPool<{ jobs: readonly ArticleJob[]; options: FinishOptions }, FinishedArticle[]>(new URL("./extract-worker.js", import.meta.url), threads, {
    name: "extraction worker",
    onProgress: advance,
    workerData: { gazetteerKey },
  });
  return {
    async enrich(jobs, options) {
      if (jobs.length === 0) return [];
      const size = Math.ceil(jobs.length / pool.size);
      const parts = await Promise.all(
        Array.from({ length: pool.size }, (_, w) => {
          const part = jobs.slice(w * size, (w + 1) * size);
          return part.length === 0 ? Promise.resolve([]) : pool.run(w, { jobs: part, options });
        }),
      );
      return parts.flat();
    },
    close: () => pool.close(),
  };
}
