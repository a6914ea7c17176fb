// Sentences and quotes that share the body's memory (#6). An article's front matter repeats text of its body:
// each entity record carries the sentence it was found in (a sentence naming three entities, three times),
// each quote its words. Read back from the parse cache, every copy is a string of its own, and two-byte
// wherever the text has a curly quote: at 10,000 articles 38 M characters of sentences, the largest part of the
// render step's heap, which at 100,000 articles works near its ceiling. A copy that is found in the body is
// replaced by a slice of the body, which V8 keeps as a reference into it (the body is kept anyway). Values are
// unchanged; only where they live.

import { ENTITY_FIELDS } from "../archive/index.ts";
import type { ArticleFrontMatter } from "../front-matter/index.ts";

/** `data` with each record's sentence and each quote's text taken from `body` where the body holds them. */
export function shareBodyText(data: ArticleFrontMatter, body: string): ArticleFrontMatter {
  const shared = new Map<string, string>();
  const share = (text: string): string => {
    let known = shared.get(text);
    if (known === undefined) {
      const at = body.indexOf(text);
      known = at < 0 ? text : body.slice(at, at + text.length);
      shared.set(text, known);
    }
    return known;
  };
  const out: Record<string, unknown> = { ...data };
  for (const field of Object.values(ENTITY_FIELDS)) out[field] = data[field].map((record) => ({ ...record, sentence: share(record.sentence) }));
  out.quotes = data.quotes.map((quote) => ({ ...quote, text: share(quote.text) }));
  return out as ArticleFrontMatter;
}
