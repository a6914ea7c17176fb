// Sources the article cites: "the San Francisco Chronicle reported", "according to Reuters",
// "told a Fox News host". Only organisations count; a media name with a reporting verb or noun is enough.

import type { Mention } from "./find-names.ts";
import { MEDIA_NOUNS, REPORTING_VERBS } from "./vocabulary.ts";
import type { Entity, Segment } from "./segment.ts";

const MEDIA_HEADS = new Set(["news", "chronicle", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "guardian", "observer", "examiner", "inquirer", "press", "wire", "magazine", "review", "daily", "weekly", "radio", "television", "tv", "broadcasting", "agency", "network", "newspaper", "media"]);
const DASHES = new Set(["—", "–", "-", "--"]);
const CITING = new Set(["reported", "reports", "reporting", "according"]);

/** Sources the article cites: "the San Francisco Chronicle reported", "according to Reuters", "told a Fox News host". */
export function findSources(segments: readonly Segment[], byMention: Map<Mention, Entity>): string[] {
  const out: string[] = [];
  for (const seg of segments) {
    for (const m of seg.mentions) {
      const e = byMention.get(m);
      if (e?.kind !== "organization") continue;
      const next = seg.tokens[m.last + 1];
      const prev = seg.tokens[m.first - 1];
      const prev2 = seg.tokens[m.first - 2];
      const media = e.words.some((w) => MEDIA_HEADS.has(w));
      // A wire dateline: "WASHINGTON (AP) — …", "LONDON (Reuters) -".
      const dateline = prev?.text === "(" && next?.text === ")" && m.first <= 8 && DASHES.has(seg.tokens[m.last + 2]?.text ?? "");
      const cited =
        dateline ||
        (next !== undefined && CITING.has(next.lower)) ||
        (prev?.lower === "to" && prev2?.lower === "according") ||
        (media && next !== undefined && (REPORTING_VERBS.has(next.lower) || MEDIA_NOUNS.has(next.lower)));
      if (cited && !out.includes(e.name)) out.push(e.name);
    }
  }
  return out;
}
