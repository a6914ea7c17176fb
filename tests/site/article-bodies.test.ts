// Article bodies rendered ahead in worker threads (src/site/article-bodies.ts) must be byte-identical to
// rendering on the main thread, and a page rendered twice (watch mode) must still get its body.
import { describe, expect, it } from "vitest";
import { renderArticleBody } from "../../src/markdown/index.ts";
import { ArticleBodies, type BodyJob } from "../../src/site/article-bodies.ts";

const jobs: BodyJob[] = Array.from({ length: 7 }, (_, i) => ({
  key: `article-${i}`,
  markdown: `Paragraph one of article ${i}, about Ada Lovelace.\n\nParagraph *two* mentions Ada Lovelace again.`,
  entityLinks: [{ name: "Ada Lovelace", aliases: ["Ada Lovelace"], url: `/people/ada-lovelace-${i}/` }],
}));

describe("ArticleBodies", () => {
  for (const threads of [0, 2]) {
    it(`gives the same HTML as the main-thread pipeline (threads: ${threads}), also when asked twice`, async () => {
      const bodies = new ArticleBodies(jobs, { threads });
      for (const job of [...jobs].reverse()) {
        const expected = renderArticleBody(job.markdown, { entityLinks: job.entityLinks });
        expect(await bodies.take(job.key)).toBe(expected);
        expect(await bodies.take(job.key)).toBe(expected);
      }
      await expect(bodies.take("never-read")).rejects.toThrow(/never-read/);
    });
  }
});
