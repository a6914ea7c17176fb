// Bill and law numbers, which are not capitalised phrases: "SB54", "AB 450", "H.R. 3590", "Proposition 8".
// Named laws ("Affordable Care Act") are found by the chunker through their head word.

import type { Token } from "./tokenize.ts";
import type { Mention } from "./find-names.ts";

const BILL_RE = /\b(?:(?:SB|AB|HB|SF|HF|LB|HR|SJR|HJR|ACA|SCA)\s?-?\d{1,5}|H\.\s?R\.\s?\d{1,5}|S\.\s?\d{1,5}(?=\s+(?:bill|act|legislation))|(?:Proposition|Prop\.|Measure|Bill)\s+[A-Z]?-?\d{1,4}[A-Z]?)\b/g;

export function findLaws(text: string, tokens: readonly Token[]): Mention[] {
  const out: Mention[] = [];
  BILL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BILL_RE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    let first = tokens.findIndex((t) => t.end > start);
    if (first < 0) first = tokens.length - 1;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
    out.push({
      text: m[0],
      words: [m[0].toLowerCase().replace(/[.\s-]/g, "")],
      type: "law",
      confidence: 3,
      surfaces: [],
      withThe: false,
      start,
      end,
      first,
      last,
      sentence: tokens[first]?.sentence ?? 0,
    });
  }
  return out;
}
