// `broadsheet extract` is a public interface (#2): its line format must stay stable.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

const RAW = path.join(import.meta.dirname, "fixtures/small/raw");

describe("broadsheet extract", () => {
  it("prints one JSON object per file, with every field, and writes nothing", async () => {
    const files = [path.join(RAW, "000_f383523450ecae10.txt"), path.join(RAW, "wn-meantime-11714.txt")];
    const result = await runCli(["extract", ...files]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    const [seed, ryanair] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of [seed!, ryanair!]) {
      expect(Object.keys(line)).toEqual(["file", "title", "date", "people", "organizations", "places", "laws", "money", "dates", "quotes", "sources"]);
    }
    expect(seed!.file).toBe(files[0]);
    expect(seed!.date).toBeNull();
    expect(ryanair!.date).toBe("2005-06-13");
    const people = seed!.people as { name: string; aliases: string[]; role?: string }[];
    expect(people.find((p) => p.name === "Xavier Becerra")?.aliases).toContain("Becerra");
    const quotes = seed!.quotes as { speaker: string | null; text: string }[];
    expect(quotes.some((q) => q.speaker === "Xavier Becerra" && q.text.startsWith("It’s important"))).toBe(true);
  });

  it("reports an unreadable file by name and exits 1", async () => {
    const result = await runCli(["extract", path.join(RAW, "missing.txt")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing\.txt: cannot be read/);
  });
});
