import { expect } from "vitest";

/** Fails listing the first problems, one per line, rather than printing a diff of a long array. */
export function expectNone(problems: readonly string[], what: string, limit = 30): void {
  const shown = problems.slice(0, limit).map((p) => `  ${p}`);
  if (problems.length > limit) shown.push(`  … and ${problems.length - limit} more`);
  expect(problems.length, `${problems.length} ${what}:\n${shown.join("\n")}`).toBe(0);
}
