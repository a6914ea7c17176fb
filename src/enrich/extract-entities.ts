// extractEntities: one article → people, organisations, places, laws, money, dates, quotes and cited sources.
// Pure and deterministic; no model, no I/O. Design (issue 3: ≥ 0.85 F1 and ≥ 1,000 articles/s):
//   tokenize.ts         hand-written tokenizer and sentence splitter
//   find-names.ts       capitalised spans → mentions, titles split off as roles, typed by gazetteer.ts
//                       (compromise's lexicon, world-countries, first names, cities) and vocabulary.ts
//   resolve-mentions.ts one pass over the article linking short forms ("Becerra", "The Chronicle", "ICE")
//                       to the full names they stand for
//   find-laws / find-money / find-dates / find-quotes / find-sources: the other kinds, by pattern
// `npm run bench:extract` measures it against compromise; tests/enrich holds the seed and dev-set tests.

import type { DateMention, EntityRecord, Extraction, ExtractionInput, MoneyMention } from "../types.ts";
import { tokenize, Kind, type Token } from "./tokenize.ts";
import { findNames, type Mention } from "./find-names.ts";
import { findDates } from "./find-dates.ts";
import { findMoney } from "./find-money.ts";
import { findLaws } from "./find-laws.ts";
import { W, wordInfo } from "./gazetteer.ts";
import { TITLE_WORDS } from "./vocabulary.ts";
import { resolveMentions } from "./resolve-mentions.ts";
import { findQuotes } from "./find-quotes.ts";
import { findSources } from "./find-sources.ts";
import { sentenceRanges, type Entity, type EntityKind, type Segment } from "./segment.ts";

export { EXTRACTOR_VERSION } from "./extractor-version.ts";

/** Words that can start a date findDates reads; a paragraph with none of them and no digits has no date. */
const CALENDAR_WORDS = new Set([
  "today", "yesterday", "tomorrow", "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]);
const VAGUE_ROLE_WORDS = new Set(["state", "federal", "former", "then"]);

export function extractEntities(input: ExtractionInput): Extraction {
  const segments: Segment[] = [];
  const all = [{ id: "title", text: input.title }, ...input.paragraphs];
  const tokenized = all.map((p) => tokenize(p.text));
  const lowerSeen = new Set<string>();
  const capSeen = new Set<string>();
  const nameStarts = new Set<string>();
  for (let i = 0; i < tokenized.length; i++) {
    const tokens = tokenized[i]!;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind !== Kind.Word) continue;
      if (!t.cap) lowerSeen.add(t.lower);
      else if (!t.sentenceStart && i > 0) {
        // (the headline may capitalise every word)
        capSeen.add(t.lower);
        if (!tokens[k - 1]?.cap) nameStarts.add(t.lower);
      }
    }
  }
  const context = { lowerSeen, capSeen, nameStarts };
  if (tokenized[0]) unTitleCase(tokenized, capSeen);
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    const tokens = tokenized[i]!;
    const mentions = findNames(p.text, tokens, context);
    addLaws(p.text, tokens, mentions);
    addRolesBefore(p.text, tokens, mentions);
    addRolesAfter(p.text, tokens, mentions);
    segments.push({ id: p.id, text: p.text, tokens, mentions, sentences: sentenceRanges(tokens) });
  }

  const entities = resolveMentions(segments);
  const money: MoneyMention[] = [];
  const dates: DateMention[] = [];
  for (const seg of segments) {
    // The regexes are the costly part: run them only where a number or a calendar word occurs.
    let digits = false;
    let calendar = false;
    for (const t of seg.tokens) {
      if (t.kind === Kind.Number) digits = true;
      else if (t.kind === Kind.Word && CALENDAR_WORDS.has(t.lower)) calendar = true;
    }
    if (digits) money.push(...findMoney(seg.text, seg.id));
    if (digits || calendar) dates.push(...findDates(seg.text, seg.id, input.date));
  }
  const quotes = findQuotes(segments, entities.byMention);
  const sources = findSources(segments, entities.byMention);

  const records = (kind: EntityKind): EntityRecord[] =>
    entities.list.filter((e) => e.kind === kind).sort((x, y) => x.order - y.order).map(toRecord);
  return {
    people: records("person"),
    organizations: records("organization"),
    places: records("place"),
    laws: records("law"),
    money,
    dates,
    quotes,
    sources,
  };
}

/** Small words that only a Title Case headline capitalises ("Police Refuse To Cooperate In Upcoming Raids"). */
const HEADLINE_SMALL_WORDS = new Set(["to", "in", "of", "for", "on", "at", "with", "from", "by", "as", "and", "or", "the", "a", "an", "is", "are", "be", "after", "over", "into", "amid"]);

/**
 * A Title Case headline capitalises every word; keep capitals only where the body also writes the word
 * capitalised in mid-sentence, for acronyms, and for words the gazetteers know as names.
 */
function unTitleCase(tokenized: readonly Token[][], capSeen: ReadonlySet<string>): void {
  const tokens = tokenized[0]!;
  let words = 0;
  let small = 0;
  let capitalised = 0;
  let shouted = 0;
  for (const t of tokens) {
    if (t.kind !== Kind.Word) continue;
    words++;
    if (t.cap) capitalised++;
    if (t.cap && !t.sentenceStart && HEADLINE_SMALL_WORDS.has(t.lower)) small++;
    if (t.text.length > 1 && t.text === t.text.toUpperCase()) shouted++;
  }
  if (words < 4 || capitalised / words < 0.7 || (small === 0 && capitalised < words)) return;
  // AN ALL-CAPS HEADLINE: an acronym is one only if the body writes it so too.
  const allCaps = shouted / words >= 0.8;
  const bodyAcronyms = allCaps ? bodyAcronymsOf(tokenized) : new Set<string>();
  for (const t of tokens) {
    if (t.kind !== Kind.Word || !t.cap) continue;
    const bare = t.text.replace(/\./g, "");
    if (bare.length > 1 && bare === bare.toUpperCase() && (!allCaps || bodyAcronyms.has(t.text))) continue;
    if (capSeen.has(t.lower)) continue;
    const info = wordInfo(t.lower);
    if ((info & (W.COUNTRY | W.REGION | W.CITY | W.DEMONYM | W.FIRST)) !== 0 && (info & W.DICT) === 0) continue;
    t.cap = false;
  }
}

function bodyAcronymsOf(tokenized: readonly Token[][]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < tokenized.length; i++) {
    for (const t of tokenized[i]!) if (t.kind === Kind.Word && t.text.length > 1 && t.text === t.text.toUpperCase()) out.add(t.text);
  }
  return out;
}

function toRecord(e: Entity): EntityRecord {
  const aliases = [...e.surfaces.keys()];
  if (!aliases.includes(e.name)) aliases.unshift(e.name);
  return {
    name: e.name,
    aliases,
    ...(e.role === undefined ? {} : { role: e.role }),
    mentions: e.mentions,
    paragraph: e.paragraph,
    sentence: e.sentence,
  };
}


/** Bill numbers the chunker cannot see as names: "SB54", "H.R. 3590", "AB 450". */
function addLaws(text: string, tokens: readonly Token[], mentions: Mention[]): void {
  if (!tokens.some((t) => t.kind === Kind.Number || t.text.length > 2 && /\d/.test(t.text))) return;
  for (const law of findLaws(text, tokens)) {
    const clash = mentions.findIndex((m) => m.start < law.end && law.start < m.end);
    if (clash >= 0) mentions.splice(clash, 1, law);
    else {
      let at = mentions.findIndex((m) => m.start > law.start);
      if (at < 0) at = mentions.length;
      mentions.splice(at, 0, law);
    }
  }
}

/** Lower-case titles before a name: "Immigration and Customs Enforcement’s acting director Thomas Homan". */
function addRolesBefore(text: string, tokens: readonly Token[], mentions: Mention[]): void {
  const covered = new Set<number>();
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) covered.add(i);
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.type !== "person" && m.type !== "unknown") continue;
    let s = m.first - 1;
    // "Japan's prime minister, Taro Aso": the title may stand before a comma.
    if (tokens[s]?.text === "," && TITLE_WORDS.has(tokens[s - 1]?.lower ?? "") && !tokens[s - 1]!.cap) s--;
    const gap = s;
    // Lower-case titles, or a capitalised one left over at the start of a sentence ("Chief executive Thomas Enders").
    while (s >= 0 && tokens[s]!.kind === Kind.Word && !covered.has(s) && TITLE_WORDS.has(tokens[s]!.lower) && (!tokens[s]!.cap || tokens[s]!.sentenceStart)) s--;
    if (s === m.first - 1) continue;
    const words: string[] = [];
    for (let i = s + 1; i <= gap; i++) if (tokens[i]!.kind === Kind.Word) words.push(tokens[i]!.text);
    while (words.length && VAGUE_ROLE_WORDS.has(words[0]!.toLowerCase())) words.shift();
    if (!words.some((w) => /^(president|mayor|governor|senator|minister|secretary|director|chairman|chairwoman|chief|executive|spokesman|spokeswoman|spokesperson|ceo|founder|head|leader|judge|ambassador|commissioner|officer|manager|analyst|economist|lawyer|attorney|general|premier|chancellor|adviser|advisor|president-elect)$/i.test(w))) continue;
    let role = m.role ? `${words.map(capitalise).join(" ")} ${m.role}` : words.map(capitalise).join(" ");
    // The owner of the role: "Ryanair CEO Michael O'Leary", "ICE’s acting director Thomas Homan".
    const before = tokens[s];
    const owner = mentions[k - 1];
    if (owner && (owner.type === "organization" || owner.type === "place" || owner.type === "unknown")) {
      if ((before?.text === "’s" || before?.text === "'s") && owner.last === s - 1) role = `${role} of ${owner.text}`;
      else if (owner.last === s && !m.role) role = `${role} of ${owner.text}`;
    }
    m.role = role;
    m.type = "person";
    m.confidence = Math.max(m.confidence, 2);
    if (gap === m.first - 1) m.surfaces.push(text.slice(tokens[s + 1]!.start, m.end));
  }
}

const ROLE_DETERMINERS = new Set(["the", "a", "an", "its", "their", "his", "her"]);
const ROLE_SMALL = new Set(["of", "for", "and", "the", "at", "in", "on", "to"]);

/**
 * A role in apposition after the name: "Louis Gallois, the Airbus chief executive, said" →
 * "Chief Executive of Airbus"; "Jusman Syafii Djamal, minister of transport for Indonesia".
 */
function addRolesAfter(text: string, tokens: readonly Token[], mentions: Mention[]): void {
  for (const m of mentions) {
    if (m.type !== "person" || m.role || tokens[m.last + 1]?.text !== ",") continue;
    let k = m.last + 2;
    if (ROLE_DETERMINERS.has(tokens[k]?.lower ?? "")) k++;
    const start = k;
    let titleAt = -1;
    for (; k < tokens.length && k < start + 8; k++) {
      const t = tokens[k]!;
      if (t.kind !== Kind.Word) break;
      if (!t.cap && TITLE_WORDS.has(t.lower) && CORE_ROLE.test(t.lower)) titleAt = k;
      else if (!t.cap && !TITLE_WORDS.has(t.lower) && !ROLE_SMALL.has(t.lower)) break;
    }
    const end = tokens[k]?.text === "," || tokens[k]?.text === "." || REPORTING_AFTER.has(tokens[k]?.lower ?? "") ? k - 1 : -1;
    if (titleAt < 0 || end < titleAt) continue;
    // Owner words before the title ("the Airbus chief executive") go after it: "Chief Executive of Airbus".
    let ownerEnd = start - 1;
    while (ownerEnd + 1 < titleAt && tokens[ownerEnd + 1]!.cap) ownerEnd++;
    const roleWords: string[] = [];
    for (let i = ownerEnd + 1; i <= end; i++) roleWords.push(ROLE_SMALL.has(tokens[i]!.lower) ? tokens[i]!.lower : capitalise(tokens[i]!.text));
    let role = roleWords.join(" ");
    if (ownerEnd >= start) role = `${role} of ${text.slice(tokens[start]!.start, tokens[ownerEnd]!.end)}`;
    if (role.length <= 80) m.role = role;
  }
}

const CORE_ROLE = /^(president|mayor|governor|senator|minister|secretary|director|chairman|chairwoman|chair|executive|spokesman|spokeswoman|spokesperson|ceo|founder|co-founder|head|leader|judge|ambassador|commissioner|officer|manager|analyst|economist|lawyer|attorney|premier|chancellor|adviser|advisor|professor|editor|correspondent|coach|captain|general|chief|prosecutor|sheriff)$/;
const REPORTING_AFTER = new Set(["said", "says", "told", "added", "announced", "stated", "explained", "warned"]);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

