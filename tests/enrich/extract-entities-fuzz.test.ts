// Bad input (issue 7) must never crash extraction: any text gives a well-formed Extraction.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractEntities } from "../../src/enrich/index.ts";

const words = ["The", "U.S.", "Mr.", "Apple", "said", "“", "”", '"', "in", "Paris", "$", "10", "million", "Wednesday", "—", "O'Leary", "’s", "-", "(GM)", "Inc.", "and", "of", "SB54", "😀", "Ωμέγα", "\u0000", "..."];

describe("extractEntities on arbitrary text", () => {
  it("never throws and keeps every record well-formed", () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((w) => w.join(" ")));
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), fc.option(fc.constantFrom("2018-01-18", "1999-12-31", "not-a-date")), (title, paras, date) => {
        const x = extractEntities({ title, paragraphs: paras.map((t, i) => ({ id: `p${i + 1}`, text: t })), ...(date ? { date } : {}) });
        for (const list of [x.people, x.organizations, x.places, x.laws]) {
          for (const e of list) {
            expect(e.name.trim()).not.toBe("");
            expect(e.aliases).toContain(e.name);
            expect(e.mentions).toBeGreaterThan(0);
            expect(e.sentence.length).toBeLessThanOrEqual(300);
          }
        }
        for (const m of x.money) expect(Number.isFinite(m.amount)).toBe(true);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
