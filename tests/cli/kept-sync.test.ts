// #6: the sync stage of a watching process (build --watch) keeps what it checked and looks again only at the
// files its watcher saw change. Its own writes are no change to the watcher (watch-build.ts forgets them), so
// what it wrote into content/articles is looked at again by the next sync, whatever the watcher says: an entry
// that did not get recorded (a cache that could not be written) must not stand for the new file.
import { appendFile, cp, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_CACHE_DIR, HeaderMemo } from "../../src/article-cache/index.ts";
import { Reporter } from "../../src/cli/reporter.ts";
import { syncArticles, type KeptSync } from "../../src/cli/sync-articles.ts";
import { copyFixture } from "../support/run-cli.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/small");
const EDITED = "raw/wn-meantime-11714.txt";

describe("the sync stage kept by a watching process", () => {
  it("looks again at the articles it wrote, though the watcher reports nothing", async () => {
    const dir = await copyFixture(FIXTURE);
    const content = path.join(dir, "content");
    const cacheDir = path.join(content, ARTICLE_CACHE_DIR);
    const saved = path.join(dir, "cache-before");
    try {
      const kept: KeptSync = { headers: new HeaderMemo() };
      const sync = (unchanged?: (file: string) => boolean) => {
        kept.unchanged = unchanged;
        return syncArticles(content, new Reporter({ progress: false }), undefined, undefined, kept);
      };
      expect((await sync()).writes).toHaveLength(3);
      // Past the racy window (2 s), a sync that checks every file settles the entries: each may then be trusted.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await sync()).writes).toEqual([]);
      expect(kept.articles?.checked.size).toBe(3);

      await cp(cacheDir, saved, { recursive: true });
      await appendFile(path.join(content, EDITED), "\nA sentence added by an editor.\n");
      const edited = await sync((file) => file !== EDITED);
      expect(edited.writes).toHaveLength(1);
      // As if recording the rewritten article had failed: the cache still holds the entry of its old text.
      expect(kept.record).toBeDefined();
      kept.record = undefined;
      await rm(cacheDir, { recursive: true, force: true });
      await cp(saved, cacheDir, { recursive: true });

      // The watcher forgot the sync's own write: the article is checked again, found as written, and left alone.
      const next = await sync(() => true);
      expect(next.writes).toEqual([]);
      expect(next.textSha256.get(edited.writes[0]!)).toBe(edited.textSha256.get(edited.writes[0]!));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
