// Quotations and who said them: “…,” Becerra said / “…,” said Becerra / Becerra said: “…” / Homan told a host
// that “…” / “…,” he said. A quotation without attribution in the same paragraph as an attributed one shares
// its speaker.

import { Kind, type Token } from "./tokenize.ts";
import type { Mention } from "./find-names.ts";
import type { Quote } from "../types.ts";
import { REPORTING_VERBS } from "./vocabulary.ts";
import type { Entity, Segment } from "./segment.ts";

// A quotation may run to the end of its paragraph without closing: news leaves it open when the next
// paragraph goes on quoting.
const QUOTE_RE = /“([^”]+)”|"([^"\n]+)"|“([^”]+)$|^"([^"]+)$/g;
const PRONOUNS = new Set(["he", "she"]);

export function findQuotes(segments: readonly Segment[], byMention: Map<Mention, Entity>): Quote[] {
  const quotes: Quote[] = [];
  let lastSpeaker: string | undefined;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    if (seg.id === "title") continue;
    let paragraphSpeaker: string | undefined;
    QUOTE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = QUOTE_RE.exec(seg.text)) !== null) {
      const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim();
      if (inner.split(/\s+/).length < 4) continue; // scare quotes: the state’s “sanctuary” law
      const qStart = m.index;
      const qEnd = m.index + m[0].length;
      const closesParagraph = seg.text.slice(qEnd).trim() === "";
      const speaker =
        speakerAfter(seg, qEnd, byMention, lastSpeaker) ??
        speakerBefore(seg, qStart, byMention) ??
        paragraphSpeaker ??
        (closesParagraph ? speakerInNextParagraphs(segments, s, byMention) : undefined);
      const text = inner.replace(/[,]$/, "");
      quotes.push(speaker ? { speaker, text, paragraph: seg.id } : { text, paragraph: seg.id });
      if (speaker) {
        paragraphSpeaker = speaker;
        lastSpeaker = speaker;
      }
    }
  }
  return quotes;
}

/**
 * One sentence per paragraph, or a quotation over several paragraphs:
 * “… ¶ … .” ¶ said Stephen Harper, Prime Minister of Canada.
 */
function speakerInNextParagraphs(segments: readonly Segment[], s: number, byMention: Map<Mention, Entity>): string | undefined {
  for (let j = s + 1; j <= s + 3 && j < segments.length; j++) {
    const next = segments[j]!;
    const text = next.text.trim();
    // A paragraph that only goes on with the quotation: look past it.
    if (/^[^“"]*[”"]$/.test(text) || /^[“"][^”"]*$/.test(text)) continue;
    return speakerAfter(next, 0, byMention, undefined);
  }
  return undefined;
}

function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** “…,” Becerra said / “…,” said Becerra / “…,” state Attorney General Xavier Becerra said / “…,” he said. */
function speakerAfter(seg: Segment, qEnd: number, byMention: Map<Mention, Entity>, lastSpeaker: string | undefined): string | undefined {
  const i = tokenIndexAt(seg.tokens, qEnd);
  let k = i;
  while (k < seg.tokens.length && seg.tokens[k]!.kind === Kind.Punct && seg.tokens[k]!.text !== "“") k++;
  const t = seg.tokens[k];
  if (!t || k > i + 2) return undefined;
  const next = seg.tokens[k + 1];
  if (REPORTING_VERBS.has(t.lower)) return personAt(seg, k + 1, byMention);
  if (PRONOUNS.has(t.lower) && next && REPORTING_VERBS.has(next.lower)) return lastSpeaker ?? lastPersonBefore(seg, i, byMention);
  // The first person named within a few words, followed by a reporting verb.
  for (const m of seg.mentions) {
    if (m.first < k) continue;
    if (m.first > k + 6) break;
    const e = byMention.get(m);
    const after = seg.tokens[m.last + 1];
    if (e?.kind === "person" && after && REPORTING_VERBS.has(after.lower)) return e.name;
    if (e?.kind === "person") break;
  }
  return undefined;
}

/** Becerra said: “…” / Homan told a Fox News host that “…”. */
function speakerBefore(seg: Segment, qStart: number, byMention: Map<Mention, Entity>): string | undefined {
  const i = tokenIndexAt(seg.tokens, qStart);
  const sentence = seg.tokens[i]?.sentence ?? seg.tokens[i - 1]?.sentence;
  let best: string | undefined;
  for (const m of seg.mentions) {
    if (m.end > qStart || m.sentence !== sentence) continue;
    const e = byMention.get(m);
    if (e?.kind !== "person") continue;
    for (let k = m.last + 1; k < i; k++) {
      if (REPORTING_VERBS.has(seg.tokens[k]!.lower)) {
        best = e.name;
        break;
      }
    }
  }
  return best;
}

function personAt(seg: Segment, k: number, byMention: Map<Mention, Entity>): string | undefined {
  const m = seg.mentions.find((x) => x.first >= k && x.first <= k + 4);
  const e = m ? byMention.get(m) : undefined;
  return e?.kind === "person" ? e.name : undefined;
}

function lastPersonBefore(seg: Segment, i: number, byMention: Map<Mention, Entity>): string | undefined {
  let found: string | undefined;
  for (const m of seg.mentions) {
    if (m.first >= i) break;
    const e = byMention.get(m);
    if (e?.kind === "person") found = e.name;
  }
  return found;
}
