// #6 target 6: the progress line (stage, count, rate, time left) on a terminal, nothing of it in CI; and
// #7: problems printed after it, never mixed into it. Driven through the Reporter with a clock of its own.
import { describe, expect, it } from "vitest";
import { Reporter } from "../../src/cli/reporter.ts";

/** A reporter on a terminal that records what it writes; `progress` undefined: the reporter decides. */
function capture(progress?: boolean): { reporter: Reporter; output: () => string; lines: () => string[]; at: (ms: number) => void } {
  let text = "";
  let clock = 0;
  const stream = { write: (chunk: string) => ((text += chunk), true), isTTY: true } as unknown as NodeJS.WriteStream;
  const reporter = new Reporter({ stream, now: () => clock, ...(progress === undefined ? {} : { progress }) });
  return {
    reporter,
    output: () => text,
    // What the terminal showed, one redraw each.
    lines: () => text.split("\r\x1b[K").filter(Boolean),
    at: (ms) => void (clock = ms),
  };
}

describe("progress line", () => {
  it("shows a stage at once, then its count; a rate and time left only after a second of counting, measured from the first count", () => {
    const { reporter, lines, at } = capture(true);
    reporter.stage("render", 1000);
    at(5_000); // the stage spent 5 s starting its processes before the first page
    reporter.tick(10);
    at(6_000);
    reporter.tick(110);
    expect(lines()).toEqual(["render: 0/1000", "render: 10/1000", "render: 110/1000 (100/s, 9 s left)"]);
  });

  it("redraws at most ten times a second, but always draws the last count", () => {
    const { reporter, lines, at } = capture(true);
    reporter.stage("search index", 50);
    at(1_000);
    reporter.tick(1);
    at(1_050);
    reporter.tick(2);
    at(1_060);
    reporter.tick(50);
    expect(lines()).toEqual(["search index: 0/50", "search index: 1/50", "search index: 50/50"]);
  });

  it("shows a stage without a count, and clears the line before printing anything else", () => {
    const { reporter, output, at } = capture(true);
    reporter.status("index: 10000 articles");
    at(500);
    reporter.tick(3); // no counted stage: nothing to draw
    reporter.info("articles: 10000 (0 enriched, 0 written, 0 removed)");
    reporter.add([{ severity: "warning", file: "content/raw/a.txt", line: 3, message: "has junk", fix: "Remove it." }]);
    reporter.flush();
    const text = output();
    expect(text.startsWith("\r\x1b[Kindex: 10000 articles\r\x1b[Karticles: 10000")).toBe(true);
    expect(text).toContain("warning: content/raw/a.txt (line 3): has junk");
    expect(text).not.toContain("3/");
  });

  it("draws nothing at all when progress is off (CI, or not a terminal)", () => {
    const { reporter, output, at } = capture(false);
    reporter.stage("enrich", 10);
    reporter.status("index: 10 articles");
    at(2_000);
    reporter.tick(10);
    reporter.info("site: 12 files in _site/ (0.4 s)");
    expect(output()).toBe("site: 12 files in _site/ (0.4 s)\n");
  });

  it("is off by default when CI is set, even on a terminal", () => {
    const before = process.env.CI;
    process.env.CI = "true";
    try {
      const { reporter, output } = capture();
      reporter.stage("enrich", 5);
      reporter.tick(5);
      expect(output()).toBe("");
    } finally {
      if (before === undefined) delete process.env.CI;
      else process.env.CI = before;
    }
  });
});
