// extractEntities: one article → people, organisations, places, laws, money, dates, quotes and cited sources.
// Pure and deterministic. Design (issue 3): tokenizer → capitalised-span chunker → gazetteers and context
// rules per mention → one pass over the article that links short forms ("Becerra", "The Chronicle", "ICE")
// to the full names they stand for.

import type { DateMention, EntityRecord, Extraction, ExtractionInput, MoneyMention, Quote } from "../types.ts";
import { tokenize, Kind, type Token } from "./tokenize.ts";
import { findNames, type Mention } from "./find-names.ts";
import { findDates } from "./find-dates.ts";
import { findMoney } from "./find-money.ts";
import { findLaws } from "./find-laws.ts";
import { W, wordInfo } from "./gazetteer.ts";
import { MEDIA_NOUNS, REPORTING_VERBS, TITLE_WORDS } from "./vocabulary.ts";

/** Bump when output for the same input may change: enrichment written with another version is stale. */
export const EXTRACTOR_VERSION = "broadsheet-extract/1.0.0";

type EntityKind = "person" | "organization" | "place" | "law";

interface Segment {
  readonly id: string;
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly mentions: Mention[];
  /** Character range of each sentence. */
  readonly sentences: readonly [number, number][];
}

interface Entity {
  readonly kind: EntityKind;
  /** Lower-case words of the longest name, for short-form matching. */
  words: readonly string[];
  name: string;
  readonly surfaces: Map<string, number>;
  role?: string;
  mentions: number;
  readonly paragraph: string;
  readonly sentence: string;
  readonly order: number;
  acronym?: string;
  /** Gazetteer canonical name ("United States"), which wins over any surface form. */
  canonical?: string;
}

const LEGAL_SUFFIXES = new Set(["inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "company", "corporation", "limited", "group"]);
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const COUNTRY_PREFIXES = new Set(["us", "u.s", "uk", "united states", "eu"]);
const SKIP_INITIALS = new Set(["of", "and", "&", "the", "for", "de", "on", "-"]);
const EVENT_WORDS = new Set(["fair", "conference", "festival", "awards", "award", "prize", "cup", "games", "olympics", "summit", "show", "expo", "championship", "championships", "tournament", "program", "programme", "project", "forum", "week", "day", "marathon", "race", "league", "series", "foundation", "store", "stores"]);
const CALENDAR_WORDS = new Set(["today", "yesterday", "tomorrow", "may"]);
const VAGUE_ROLE_WORDS = new Set(["state", "federal", "former", "then"]);

export function extractEntities(input: ExtractionInput): Extraction {
  const segments: Segment[] = [];
  const all = [{ id: "title", text: input.title }, ...input.paragraphs];
  const tokenized = all.map((p) => tokenize(p.text));
  const lowerSeen = new Set<string>();
  const capSeen = new Set<string>();
  for (const tokens of tokenized) {
    for (const t of tokens) {
      if (t.kind !== Kind.Word) continue;
      if (!t.cap) lowerSeen.add(t.lower);
      else if (!t.sentenceStart) capSeen.add(t.lower);
    }
  }
  const context = { lowerSeen, capSeen };
  if (tokenized[0]) unTitleCase(tokenized[0], capSeen);
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    const tokens = tokenized[i]!;
    const mentions = findNames(p.text, tokens, context);
    addLaws(p.text, tokens, mentions);
    addRolesBefore(p.text, tokens, mentions);
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
      else if (t.kind === Kind.Word && (CALENDAR_WORDS.has(t.lower) || (t.cap && (wordInfo(t.lower) & (W.MONTH | W.WEEKDAY)) !== 0))) calendar = true;
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
function unTitleCase(tokens: Token[], capSeen: ReadonlySet<string>): void {
  let words = 0;
  let small = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (t.kind !== Kind.Word) continue;
    words++;
    if (t.cap) capitalised++;
    if (t.cap && !t.sentenceStart && HEADLINE_SMALL_WORDS.has(t.lower)) small++;
  }
  if (words < 4 || capitalised / words < 0.7 || (small === 0 && capitalised < words)) return;
  for (const t of tokens) {
    if (t.kind !== Kind.Word || !t.cap) continue;
    const bare = t.text.replace(/\./g, "");
    if (bare.length > 1 && bare === bare.toUpperCase()) continue;
    if (capSeen.has(t.lower)) continue;
    const info = wordInfo(t.lower);
    if ((info & (W.COUNTRY | W.REGION | W.CITY | W.DEMONYM | W.FIRST)) !== 0 && (info & W.DICT) === 0) continue;
    t.cap = false;
  }
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

function sentenceRanges(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of tokens) {
    const r = out[t.sentence];
    if (r) r[1] = t.end;
    else out[t.sentence] = [t.start, t.end];
  }
  return out;
}

const SENTENCE_MAX = 300;

/** The sentence of a mention; a long one is cut to a window around the mention, on word boundaries. */
function sentenceOf(seg: Segment, sentence: number, at: number): string {
  const r = seg.sentences[sentence];
  if (!r) return "";
  if (r[1] - r[0] <= SENTENCE_MAX) return seg.text.slice(r[0], r[1]);
  let start = Math.max(r[0], at - SENTENCE_MAX / 2);
  const end = Math.min(r[1], start + SENTENCE_MAX - 2);
  start = Math.max(r[0], end - (SENTENCE_MAX - 2));
  let s = seg.text.slice(start, end);
  if (start > r[0]) s = `…${s.slice(s.indexOf(" ") + 1)}`;
  if (end < r[1]) s = `${s.slice(0, s.lastIndexOf(" "))}…`;
  return s;
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

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Resolution {
  readonly list: Entity[];
  readonly byMention: Map<Mention, Entity>;
}

function stripSuffixes(words: readonly string[]): string[] {
  const out = [...words];
  while (out.length > 1 && LEGAL_SUFFIXES.has(out[out.length - 1]!)) out.pop();
  return out;
}

function initials(words: readonly string[]): string {
  let out = "";
  for (const w of words) if (!SKIP_INITIALS.has(w)) out += w.charAt(0);
  return out;
}

function acronymsOf(words: readonly string[]): string[] {
  const found = [initials(words)];
  const first = words[0] ?? "";
  if (COUNTRY_PREFIXES.has(first)) found.push(initials(words.slice(1)));
  if (first === "united" && words[1] === "states") found.push(initials(words.slice(2)));
  return found.filter((a) => a.length >= 2);
}

/** Verbs that show a capitalised word acting as a company or person. */
const ACTS = new Set(["has", "have", "had", "is", "was", "will", "would", "plans", "announced", "launched", "released", "sold", "bought", "agreed", "posted", "reported", "unveiled", "shares", "stock", "executives", "spokesman", "spokeswoman", "chief", "ceo", "inc", "corp"]);

function resolveMentions(segments: readonly Segment[]): Resolution {
  const capCount = new Map<string, number>();
  for (const seg of segments) for (const m of seg.mentions) if (m.words.length === 1) capCount.set(m.words[0]!, (capCount.get(m.words[0]!) ?? 0) + 1);
  const list: Entity[] = [];
  const byMention = new Map<Mention, Entity>();
  const byKey = new Map<string, Entity>();
  const surnames = new Map<string, Entity[]>();
  const firstNames = new Map<string, Entity[]>();
  const acronyms = new Map<string, Entity[]>();
  const declared = new Map<string, Entity[]>();
  const orgWords = new Map<string, Entity[]>();
  let order = 0;

  const create = (kind: EntityKind, key: string, m: Mention, seg: Segment): Entity => {
    const e: Entity = {
      kind,
      words: m.words,
      name: m.text,
      surfaces: new Map(),
      mentions: 0,
      paragraph: seg.id,
      sentence: sentenceOf(seg, m.sentence, m.start),
      order: order++,
      ...(m.canonical === undefined ? {} : { canonical: m.canonical }),
    };
    list.push(e);
    byKey.set(key, e);
    return e;
  };
  const attach = (e: Entity, m: Mention): void => {
    byMention.set(m, e);
    e.mentions++;
    e.surfaces.set(m.text, (e.surfaces.get(m.text) ?? 0) + 1);
    for (const s of m.surfaces) e.surfaces.set(s, (e.surfaces.get(s) ?? 0) + 1);
    if (m.role && !e.role) e.role = m.role;
    if (m.words.length > e.words.length && !m.demonym && m.type === e.kind) {
      e.words = m.words;
      e.name = m.text;
    }
  };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };

  // Guessed people ("Northrop Grumman", typed from the look of the words) that the article later calls by
  // their first word alone are companies: people are called by their surname.
  const singles = new Set<string>();
  for (const seg of segments) for (const m of seg.mentions) if (m.words.length === 1) singles.add(m.words[0]!);
  for (const seg of segments) {
    for (const m of seg.mentions) {
      if (m.type !== "person" || m.confidence > 1 || m.words.length < 2) continue;
      if (singles.has(m.words[0]!) && !singles.has(m.words[m.words.length - 1]!)) m.type = "organization";
    }
  }

  // Pass 1: full names — people of two words or more, organisations, places and laws.
  const pending: [Mention, Segment][] = [];
  const indexes = new Set<string>();
  for (const seg of segments) {
    for (const m of seg.mentions) {
      if (m.type === "role") continue;
      if (m.type === "fin") {
        // "Dow Jones Industrial Average" … "the Dow Jones": the short form is the index too.
        indexes.add(m.words.join(" "));
        if (m.words.length > 1) indexes.add(m.words.slice(0, -1).join(" "));
        indexes.add(m.words[0] ?? "");
        continue;
      }
      if (m.type === "person" && m.words.length >= 2) {
        const key = `person:${m.words.join(" ")}`;
        const e = byKey.get(key) ?? create("person", key, m, seg);
        attach(e, m);
        const words = m.words.filter((w) => !NAME_SUFFIXES.has(w));
        push(surnames, words[words.length - 1] ?? "", e);
        push(firstNames, words[0] ?? "", e);
      } else if ((m.type === "organization" || m.type === "law") && m.words.length >= 2) {
        const stripped = stripSuffixes(m.words).join(" ");
        const key = `${m.type}:${stripped}`;
        // "US Air Force" … "the Air Force": one organisation with and without its country.
        const bare = COUNTRY_PREFIXES.has(m.words[0]!) && m.words.length > 2 ? `${m.type}:${stripSuffixes(m.words.slice(1)).join(" ")}` : undefined;
        let e = byKey.get(key) ?? (bare === undefined ? undefined : byKey.get(bare));
        if (!e && m.type === "organization") {
          // "U.S. Immigration Customs and Enforcement" = "Immigration and Customs Enforcement": same initials.
          for (const a of acronymsOf(m.words)) {
            const same = acronyms.get(a)?.find((x) => x.words.length >= 2);
            if (same && a.length >= 3) {
              e = same;
              break;
            }
          }
        }
        e ??= create(m.type, key, m, seg);
        if (bare !== undefined && !byKey.has(bare)) byKey.set(bare, e);
        if (!byKey.has(key)) byKey.set(key, e);
        attach(e, m);
        if (m.type === "organization") {
          for (const a of acronymsOf(m.words)) push(acronyms, a, e);
          // "Northrop" for Northrop Grumman, "The Chronicle" for the San Francisco Chronicle; not "Google" for
          // the Google Science Fair: an event or a programme is not its organiser.
          const parts = stripped.split(" ");
          if (parts.length <= 3 && !EVENT_WORDS.has(parts[parts.length - 1]!)) push(orgWords, parts[0]!, e);
          push(orgWords, m.words[m.words.length - 1]!, e);
        }
        declaredAcronym(seg, m, e, declared);
      } else if (m.type === "place" && (m.confidence >= 3 || m.words.length >= 2)) {
        const key = `place:${(m.canonical ?? m.words.join(" ")).toLowerCase()}`;
        const e = byKey.get(key) ?? create("place", key, m, seg);
        attach(e, m);
      } else {
        pending.push([m, seg]);
      }
    }
  }

  // Pass 2: short forms, resolved against the full names of the whole article.
  for (const [m, seg] of pending) {
    const word = m.words.join(" ");
    if (indexes.has(word) || m.type === "fin" || m.type === "role") continue;
    const single = m.words.length === 1;
    let target: Entity | undefined;
    if (single && m.type !== "place") {
      const people = surnames.get(word);
      if (people && people.length === 1 && (m.type !== "organization" || m.confidence < 3)) target = people[0];
      // "Ahmed" for Ahmed Mohamed, when no one else in the article has that first name or surname.
      const byFirst = firstNames.get(word);
      if (!target && !people && byFirst?.length === 1 && (m.type === "unknown" || m.type === "person")) target = byFirst[0];
      if (!target && (m.type === "organization" || m.type === "unknown")) {
        const upper = m.text.replace(/\./g, "");
        const acronym = upper === upper.toUpperCase();
        if (acronym) {
          // An acronym the article spells out in brackets wins over one guessed from initials.
          const orgs = declared.get(word) ?? acronyms.get(word);
          if (orgs && orgs.length === 1) target = orgs[0];
        }
        if (!target && !(acronym && acronyms.has(word))) {
          const orgs = orgWords.get(word);
          if (orgs && orgs.length === 1 && ((wordInfo(word) & W.COMMON) === 0 || m.withThe)) target = orgs[0];
        }
        const exact = byKey.get(`organization:${word}`);
        if (!target && exact) target = exact;
      }
    }
    if (target) {
      attach(target, m);
      continue;
    }
    let kind: EntityKind;
    if (single && (surnames.get(word)?.length ?? 0) > 1) {
      kind = "person"; // a surname two people share in this article: a person, but not which one
    } else if (m.type === "unknown") {
      const info = wordInfo(word);
      if ((info & W.COMMON) !== 0 && (info & (W.ORG | W.LAST)) === 0) continue;
      // A capitalised ordinary word ("Safari", "Autumn") is a name only with some evidence: used more than
      // once, or acting like a company ("Apple's", "Apple said").
      if ((info & W.DICT) !== 0 && (info & (W.ORG | W.LAST | W.PLACE | W.CITY | W.REGION | W.COUNTRY)) === 0) {
        const next = seg.tokens[m.last + 1];
        const acts = next !== undefined && (next.text === "’s" || next.text === "'s" || REPORTING_VERBS.has(next.lower) || ACTS.has(next.lower));
        if (!acts && (capCount.get(word) ?? 0) < 2) continue;
      }
      kind = (info & W.LAST) !== 0 && (info & W.ORG) === 0 ? "person" : "organization";
    } else {
      kind = m.type;
    }
    const key = kind === "place" ? `place:${(m.canonical ?? word).toLowerCase()}` : `${kind}:${single ? word : stripSuffixes(m.words).join(" ")}`;
    const e = byKey.get(key) ?? create(kind, key, m, seg);
    attach(e, m);
    if (kind === "person" && single) push(surnames, word, e);
  }

  for (const e of list) finishName(e);
  shortenRoleOwners(list);
  return { list, byMention };
}

/** "Acting Director of Immigration and Customs Enforcement" → "Acting Director of ICE" when the article uses the acronym. */
function shortenRoleOwners(list: readonly Entity[]): void {
  for (const e of list) {
    if (e.kind !== "person" || !e.role) continue;
    const at = e.role.indexOf(" of ");
    if (at < 0) continue;
    const owner = e.role.slice(at + 4);
    const org = list.find((o) => o.kind === "organization" && o.surfaces.has(owner));
    const acronym = org ? [...org.surfaces.keys()].find((s) => /^[A-Z]{2,6}$/.test(s.replace(/\./g, ""))) : undefined;
    if (acronym) e.role = `${e.role.slice(0, at)} of ${acronym}`;
  }
}

/** "General Motors (GM)": the bracketed acronym names the organisation just before it. */
function declaredAcronym(seg: Segment, m: Mention, e: Entity, acronyms: Map<string, Entity[]>): void {
  const open = seg.tokens[m.last + 1];
  const acr = seg.tokens[m.last + 2];
  if (open?.text !== "(" || !acr || acr.kind !== Kind.Word || acr.text !== acr.text.toUpperCase()) return;
  acronyms.set(acr.lower, [e]);
  e.acronym = acr.text;
}

/** The display name: the gazetteer's, else the longest form, with the agency-style fix for permuted names. */
function finishName(e: Entity): void {
  if (e.canonical) {
    e.name = e.canonical;
    return;
  }
  if (e.kind !== "organization") return;
  const forms = [...e.surfaces.keys()].filter((s) => s.includes(" "));
  if (forms.length < 2) return;
  // "U.S. Immigration Customs and Enforcement" and "Immigration and Customs Enforcement" name one agency:
  // keep the country prefix of the one and the word order of the other.
  const longest = forms.reduce((a, b) => (b.length > a.length ? b : a));
  const prefix = /^(U\.S\.|US|UK|U\.K\.|United States)\s+/.exec(longest);
  if (!prefix) {
    e.name = longest;
    return;
  }
  const rest = longest.slice(prefix[0].length);
  const bag = (s: string): string => s.toLowerCase().split(/\s+/).filter((w) => !SKIP_INITIALS.has(w)).sort().join(" ");
  const twin = forms.find((f) => f !== longest && bag(f) === bag(rest));
  e.name = twin ? `${prefix[1]} ${twin}` : longest;
}

const QUOTE_RE = /“([^”]+)”|"([^"\n]+)"/g;
const PRONOUNS = new Set(["he", "she"]);

function findQuotes(segments: readonly Segment[], byMention: Map<Mention, Entity>): Quote[] {
  const quotes: Quote[] = [];
  let lastSpeaker: string | undefined;
  for (const seg of segments) {
    if (seg.id === "title") continue;
    let paragraphSpeaker: string | undefined;
    QUOTE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = QUOTE_RE.exec(seg.text)) !== null) {
      const inner = (m[1] ?? m[2] ?? "").trim();
      if (inner.split(/\s+/).length < 4) continue; // scare quotes: the state’s “sanctuary” law
      const qStart = m.index;
      const qEnd = m.index + m[0].length;
      const speaker = speakerAfter(seg, qEnd, byMention, lastSpeaker) ?? speakerBefore(seg, qStart, byMention) ?? paragraphSpeaker;
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

const MEDIA_HEADS = new Set(["news", "chronicle", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "guardian", "observer", "examiner", "inquirer", "press", "wire", "magazine", "review", "daily", "weekly", "radio", "television", "tv", "broadcasting", "agency", "network", "newspaper", "media"]);
const CITING = new Set(["reported", "reports", "reporting", "according"]);

/** Sources the article cites: "the San Francisco Chronicle reported", "according to Reuters", "told a Fox News host". */
function findSources(segments: readonly Segment[], byMention: Map<Mention, Entity>): string[] {
  const out: string[] = [];
  for (const seg of segments) {
    for (const m of seg.mentions) {
      const e = byMention.get(m);
      if (e?.kind !== "organization") continue;
      const next = seg.tokens[m.last + 1];
      const prev = seg.tokens[m.first - 1];
      const prev2 = seg.tokens[m.first - 2];
      const media = e.words.some((w) => MEDIA_HEADS.has(w));
      const cited =
        (next !== undefined && CITING.has(next.lower)) ||
        (prev?.lower === "to" && prev2?.lower === "according") ||
        (media && next !== undefined && (REPORTING_VERBS.has(next.lower) || MEDIA_NOUNS.has(next.lower)));
      if (cited && !out.includes(e.name)) out.push(e.name);
    }
  }
  return out;
}
