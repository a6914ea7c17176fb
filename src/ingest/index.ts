// The ingest stage: raw bytes → Article (pure; the CLI reads the files).
export { assignSlugs, type SlugCandidate } from "./assign-slugs.ts";
export { countWords, readingMinutes, WORDS_PER_MINUTE } from "./count-words.ts";
export { decodeText, type DecodedText } from "./decode-text.ts";
export { ingestArticle, rawSha256, type IngestInput, type IngestResult, type UnsluggedArticle } from "./ingest-article.ts";
export { parseDate, type ParsedDate } from "./parse-date.ts";
export { parseRawArticle, type ParsedRawArticle } from "./parse-raw-article.ts";
export { parseSidecar, type ParsedSidecar, type Sidecar } from "./parse-sidecar.ts";
export { repairGluedSentences, type GluedRepair } from "./repair-glued-sentences.ts";
export { slugify, SLUG_MAX_LENGTH } from "./slugify.ts";
export { stripAggregatorJunk, type JunkStripped } from "./strip-aggregator-junk.ts";
export { summarizeLede, SUMMARY_MAX_LENGTH } from "./summarize-lede.ts";
