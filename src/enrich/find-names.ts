// Name mentions in one paragraph: maximal capitalised spans, cut at calendar words and sentence-initial
// common words, titles split off as roles, then typed by gazetteers, head words and context.
// Spans are maximal on purpose: "San Francisco Chronicle" is one organisation, never a place inside it.

import { Kind, type Token } from "./tokenize.ts";
import { W, phraseInfoByKey, wordInfo, type PhraseInfo } from "./gazetteer.ts";
import {
  CORE_TITLES,
  DIRECTIONS,
  HONORIFICS,
  LAW_HEADS,
  NOT_NAMES,
  ORG_HEADS,
  ORG_OF_HEADS,
  PLACE_HEADS,
  REPORTING_VERBS,
  TITLE_WORDS,
} from "./vocabulary.ts";

/** "fin": an index or other financial instrument ("Dow Jones Industrial Average"), kept only to block its short forms.
 *  "role": a title with no name in it ("Chief Executive Officer"), which may give its role to the next name. */
export type MentionType = "person" | "organization" | "place" | "law" | "unknown" | "fin" | "role";

/** What the whole article says about its words, gathered before names are typed. */
export interface NameContext {
  /** Words the article writes in lower case somewhere: ordinary words, even when capitalised. */
  readonly lowerSeen: ReadonlySet<string>;
  /** Words the article capitalises in mid-sentence: names, even at the start of a sentence. */
  readonly capSeen: ReadonlySet<string>;
  /** Words that begin a capitalised run in mid-sentence ("Airbus" in "… said Airbus"): a name's first word. */
  readonly nameStarts: ReadonlySet<string>;
}

export interface Mention {
  /** The name as written, titles removed ("Libby Schaaf"). */
  readonly text: string;
  /** Lower-case words of the name, periods removed. */
  readonly words: readonly string[];
  type: MentionType;
  /** How sure the type is: 3 gazetteer/head word, 2 strong context, 1 guess. */
  confidence: number;
  /** Canonical name from a gazetteer ("U.S." → "United States"). */
  readonly canonical?: string;
  readonly demonym?: boolean;
  /** Longer surface forms seen for the same mention ("President Trump", "Mobile, Alabama"). */
  readonly surfaces: string[];
  role?: string;
  /** Written with a leading "the" ("The Chronicle"). */
  readonly withThe: boolean;
  readonly start: number;
  readonly end: number;
  /** Index of the first and last token of the name in the paragraph's token list. */
  readonly first: number;
  readonly last: number;
  readonly sentence: number;
  /** The place or organisation a role belongs to, found inside the same span ("Oakland" in "Oakland Mayor …"). */
  owner?: Mention;
}

const CONNECTORS = new Set(["of", "and", "&", "de", "da", "del", "der", "van", "von", "du", "la", "le", "bin", "al", "di", "y", "for", "on"]);
const CALENDAR = W.MONTH | W.WEEKDAY;
const NAME_FLAGS = W.FIRST | W.LAST | W.COUNTRY | W.REGION | W.CITY | W.PLACE | W.DEMONYM | W.ORG | W.PERSON;
const ROLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  sen: "Senator", sens: "Senator", gov: "Governor", rep: "Representative", reps: "Representative",
  gen: "General", lt: "Lieutenant", col: "Colonel", capt: "Captain", maj: "Major", sgt: "Sergeant",
  adm: "Admiral", cmdr: "Commander", prof: "Professor", rev: "Reverend", pres: "President",
};
/** "D-Calif.", "R-AZ": a politician's party and state, part of a role, never a name. */
const PARTY_STATE = /^[DRI]-\p{Lu}/u;
const PLACE_OF_HEADS = new Set(["republic", "kingdom", "gulf", "bay", "isle", "island", "islands", "sea", "cape", "lake", "mount", "strait", "straits", "province", "district", "county", "city", "port", "state", "states", "duchy", "principality", "emirate", "sultanate", "commonwealth", "federation"]);

const EVENT_HEADS = new Set(["war", "wars", "revolution", "crisis", "election", "elections", "olympics", "games", "championship", "championships", "cup", "festival", "conference", "summit", "awards", "prize", "massacre", "uprising", "spring", "offensive", "campaign", "scandal", "affair", "trial", "marathon", "grand prix", "open"]);
const QUOTES = new Set(["“", "”", '"']);
/** "Craiova-based", "London-born": a place inside an adjective. */
const PLACE_ADJECTIVE = /^(\p{Lu}[\p{L}.]*)-(based|born|headquartered|bound|area|led|backed|owned|run|made|speaking|funded|controlled|occupied|brokered|registered|listed|related|style|like)$/u;
/** Words that mark a product rather than its maker: "Mac OS X", "Intel Core Duo", "Software Development Kit". */
const PRODUCT_LAST = new Set(["kit", "pro", "duo", "mini", "edition", "store", "stores", "player", "console", "os", "x", "xp", "ii", "iii"]);
const CAMEL = /^\p{Ll}+\p{Lu}|^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u;
const MARKET_INDEXES = new Set(["dow jones", "dow", "djia", "ftse", "nikkei", "s&p", "standard & poor", "standard & poor's", "dax", "cac", "hang seng", "kospi", "sensex", "nifty", "topix", "stoxx", "euro stoxx", "bovespa", "merval", "ibex", "nasdaq composite", "shanghai composite"]);
const CONTRACTION = /['’](?:ve|ll|re|d|m|t)$/i;
const HAS_DIGIT = /\d/;
/** Abbreviations that always end a name: "Apple Inc. Steve Jobs" is two names. */
const NAME_ENDERS = new Set(["inc.", "corp.", "co.", "ltd.", "jr.", "sr.", "plc.", "llc."]);
/** Head words after which a name is complete: "Launch Services and Delta Program" are two names. */
const NAME_FINAL_HEADS = new Set(["inc", "corp", "company", "group", "holdings", "services", "systems", "airlines", "airways", "motors", "bank", "university", "association", "party", "council", "commission", "committee", "agency", "department", "ministry", "institute", "foundation", "news", "times", "program", "programme", "corporation"]);
const FIN_NEXT = new Set(["index", "indices", "indexes", "average", "composite", "futures"]);
const FIN_HEADS = new Set(["average", "index", "composite"]);

function infoOf(t: Token): number {
  if (t.info < 0) {
    let info = wordInfo(t.lower);
    // "Anti-discrimination", "All-powerful": ordinary when every part is.
    if (info === 0 && t.lower.includes("-") && t.lower.split("-").every((part) => (wordInfo(part) & (W.DICT | W.COMMON)) !== 0)) info = W.DICT;
    t.info = info;
  }
  return t.info;
}

function isCapWord(t: Token | undefined): boolean {
  if (t === undefined || t.kind !== Kind.Word || !t.cap) return false;
  if ((infoOf(t) & CALENDAR) !== 0) return false;
  // "A380", "737-800": models and products, not names; "We've": a pronoun.
  return !HAS_DIGIT.test(t.text) && !CONTRACTION.test(t.text);
}

/** Where tokens a..b sit: character offsets, token indexes and the sentence of the first. */
function tokenSpan(tokens: readonly Token[], a: number, b: number) {
  return { start: tokens[a]!.start, end: tokens[b]!.end, first: a, last: b, sentence: tokens[a]!.sentence };
}

function isAllCaps(text: string): boolean {
  return text.length > 1 && text === text.toUpperCase() && /\p{Lu}/u.test(text);
}

/** Finds the name mentions of one paragraph. `text` is the paragraph the tokens came from. */
export function findNames(text: string, tokens: readonly Token[], context: NameContext): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  const n = tokens.length;
  while (i < n) {
    const t = tokens[i]!;
    // "AU$52.5", "US$1.6 billion": a currency, not a country.
    const currency = tokens[i + 1]?.text === "$" && tokens[i + 1]!.start === t.end;
    const numbered = (t.lower === "may" || t.lower === "flight") && tokens[i + 1]?.kind === Kind.Number;
    if (!isCapWord(t) || currency || numbered) {
      i++;
      continue;
    }
    // Grow a run of capitalised words joined by connectors that are followed by a capitalised word.
    let j = i;
    while (j + 1 < n) {
      const next = tokens[j + 1]!;
      if (next.sentence !== tokens[i]!.sentence || NAME_ENDERS.has(tokens[j]!.text.toLowerCase())) break;
      // "Air France Flight 447": the flight is not part of the airline's name.
      if (next.text === "Flight" && tokens[j + 2]?.kind === Kind.Number) break;
      if (isCapWord(next) || (next.text === "&" && isCapWord(tokens[j + 2]))) {
        j++;
        continue;
      }
      if (next.kind !== Kind.Number && CONNECTORS.has(next.lower) && !next.cap) {
        let k = j + 2;
        if (tokens[k]?.lower === "the" && next.lower === "of") k++;
        if (isCapWord(tokens[k]) && tokens[k]!.sentence === tokens[i]!.sentence) {
          j = k;
          continue;
        }
      }
      if (next.text === "-" && j === i && isCapWord(tokens[j + 2]) && !isCapWord(tokens[j + 3]) && next.start > tokens[j]!.end) {
        // "Wal - Mart": a tokenizer artefact of the source, kept as one name.
        j += 2;
        continue;
      }
      break;
    }
    for (const part of splitRun(tokens, i, j)) {
      const mention = classify(text, tokens, part[0], part[1], context);
      if (!mention) continue;
      if (mention.owner) out.push(mention.owner);
      out.push(mention);
    }
    i = j + 1;
  }
  linkAppositions(text, tokens, out);
  shareTitles(tokens, out);
  giveRoles(tokens, out);
  return out;
}

/** Cuts a run at connectors that join two names rather than form one ("Feinstein and Kamala Harris"). */
function splitRun(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  for (let k = from + 1; k < to; k++) {
    const t = tokens[k]!;
    if (t.cap || t.kind !== Kind.Word) continue;
    const keep = t.lower === "and" || t.lower === "&" ? keepAnd(tokens, start, k, to) : t.lower === "of" || t.lower === "for" || t.lower === "on" ? keepOf(tokens, start, k, to) : true;
    if (!keep) {
      parts.push([start, k - 1]);
      start = k + 1;
      while (start <= to && !isCapWord(tokens[start])) start++;
    }
  }
  if (start <= to) parts.push([start, to]);
  return parts;
}

function keepAnd(tokens: readonly Token[], start: number, at: number, to: number): boolean {
  // "Immigration and Customs Enforcement", "Procter & Gamble": the whole is an organisation
  // and neither half is a name of its own.
  let end = at + 1;
  while (end < to && isCapWord(tokens[end + 1])) end++;
  const head = tokens[end]!.lower;
  const left = tokens.slice(start, at);
  if (NAME_FINAL_HEADS.has(tokens[at - 1]!.lower) && tokens[at]!.text !== "&") return false;
  if (left.some((t) => (infoOf(t) & (W.FIRST | W.COUNTRY | W.ORG)) !== 0)) return false;
  if (left.length === 1 && phraseInfoByKey(left[0]!.lower) !== undefined) return false;
  return ORG_HEADS.has(head) || tokens[at]!.text === "&";
}

function keepOf(tokens: readonly Token[], start: number, at: number, _to: number): boolean {
  const before = tokens[at - 1]!.lower;
  const first = tokens[start]!.lower;
  return ORG_OF_HEADS.has(before) || ORG_HEADS.has(before) || PLACE_OF_HEADS.has(before) || TITLE_WORDS.has(before) || ORG_OF_HEADS.has(first);
}

function classify(text: string, tokens: readonly Token[], from: number, to: number, context: NameContext): Mention | undefined {
  const { lowerSeen, capSeen } = context;
  let a = from;
  let b = to;
  let withThe = false;
  // A leading "The" is not part of the name; it marks "The Chronicle" as a short form of an organisation.
  if (tokens[a]!.lower === "the") {
    withThe = true;
    a++;
  }
  if (a > b) return undefined;
  const prev = tokens[from - 1];
  if (prev?.lower === "the") withThe = true;

  // Sentence-initial words are capitalised anyway: drop function words, and a lone common word.
  const first = tokens[a]!;
  if (first.sentenceStart || (a > from && tokens[from]!.sentenceStart)) {
    // A word the article also writes in lower case is an ordinary word ("Law enforcement … law enforcement").
    const ordinary = lowerSeen.has(first.lower) || ((infoOf(first) & W.DICT) !== 0 && !capSeen.has(first.lower));
    const info = infoOf(first) | (ordinary ? W.COMMON : 0);
    // "US", "U.S." are names, not the pronoun "us".
    const shouting = isAllCaps(first.text.replace(/\./g, "")) && !NOT_NAMES.has(first.lower);
    const naming = shouting || ((info & NAME_FLAGS) !== 0 && !lowerSeen.has(first.lower));
    if ((NOT_NAMES.has(first.lower) && !shouting) || ((info & W.FUNCTION) !== 0 && !naming)) a++;
    else if (a === b && (info & W.COMMON) !== 0 && !naming) return undefined;
    else if (a === b && !naming && first.lower.endsWith("ly") && first.lower.length > 5) return undefined; // "Unsurprisingly,"
    else if (a < b && (info & W.COMMON) !== 0 && !naming && (startsKnownName(tokens, a + 1, b) || (context.nameStarts.has(tokens[a + 1]!.lower) && !capSeen.has(first.lower) && !TITLE_WORDS.has(first.lower)))) a++;
    if (a > b) return undefined;
  }
  // Leading function words capitalised inside titles of things ("For Inspiration and Recognition …").
  while (a < b && !isAllCaps(tokens[a]!.text) && !tokens[a]!.text.endsWith(".") && !TITLE_WORDS.has(tokens[a]!.lower) && (NOT_NAMES.has(tokens[a]!.lower) || (infoOf(tokens[a]!) & (W.FUNCTION | W.FIRST | W.LAST | W.COUNTRY | W.CITY)) === W.FUNCTION)) a++;
  // Trailing connectors left by a cut ("Ford and").
  while (b > a && !tokens[b]!.cap) b--;
  // A whole quotation of capitalised words names a work or a plan ("Way Forward", " Darwin "), not an entity.
  if (QUOTES.has(tokens[from - 1]?.text ?? "") && QUOTES.has(tokens[to + 1]?.text ?? "") && !phraseInfoByKey(keyOf(tokens, a, b))) return undefined;

  // Every word a non-name ("READ MORE", "I"): nothing here.
  let allPlain = true;
  for (let k = a; k <= b; k++) {
    const t = tokens[k]!;
    if (!t.cap) continue;
    const info = infoOf(t);
    const shouted = a < b && isAllCaps(t.text) && (info & W.COMMON) !== 0 && (info & NAME_FLAGS) === 0;
    if (!(NOT_NAMES.has(t.lower) || shouted || PARTY_STATE.test(t.text))) {
      allPlain = false;
      break;
    }
  }
  if (allPlain) return undefined;
  const spanStart = a;
  // A shouted ordinary word ("UNLESS"); acronyms are short or unknown to the dictionary.
  if (a === b && tokens[a]!.text.length >= 5 && isAllCaps(tokens[a]!.text) && (infoOf(tokens[a]!) & W.DICT) !== 0) return undefined;
  // A lone letter ("U"), a compass word ("the West"), an event ("Vietnam War", "Olympic Games").
  if (a === b && (tokens[a]!.text.replace(/\./g, "").length < 2 || DIRECTIONS.has(tokens[a]!.lower))) return undefined;
  if (a < b && EVENT_HEADS.has(tokens[b]!.lower)) return undefined;
  // Groups of people ("Muslims", "Republicans", "Muslim Americans") and plural acronyms ("SUVs") are not entities.
  let groups = isGroupWord(tokens[b]!);
  for (let k = a; k < b && groups; k++) if (!isGroupWord(tokens[k]!) && phraseInfoByKey(tokens[k]!.lower)?.demonym !== true) groups = false;
  if (groups) return undefined;

  // Titles: "Oakland Mayor Libby Schaaf" → role "Mayor of Oakland", name "Libby Schaaf".
  let role: string | undefined;
  let roleOwner: string | undefined;
  let titled = false;
  const title = findTitle(tokens, a, b);
  if (title) {
    const titleWords = roleText(tokens, title.start, title.end);
    if (title.start > a) roleOwner = text.slice(tokens[a]!.start, tokens[title.start - 1]!.end);
    if (title.kind !== "name") {
      // A title with no name in it: "Chief Executive Officer", "Prime Minister of Canada", "White House Press Secretary".
      const ownerFrom = title.kind === "of" ? title.end + 2 : from;
      const ownerTo = title.kind === "of" ? b : title.start - 1;
      const owner = ownerFrom <= ownerTo ? classify(text, tokens, ownerFrom, ownerTo, context) : undefined;
      const ownerText = ownerFrom <= ownerTo ? text.slice(tokens[ownerFrom]!.start, tokens[ownerTo]!.end) : undefined;
      const bare: Mention = {
        text: text.slice(tokens[a]!.start, tokens[b]!.end),
        words: [],
        type: "role",
        confidence: 0,
        surfaces: [],
        withThe,
        ...tokenSpan(tokens, a, b),
        ...(titleWords === undefined ? {} : { role: ownerText ? `${titleWords} of ${ownerText}` : titleWords }),
        ...(owner ? { owner } : {}),
      };
      return bare;
    }
    role = titleWords && roleOwner ? ownedRole(titleWords, roleOwner) : titleWords;
    titled = true;
    a = title.end + 1;
  }
  if (a > b) return undefined;

  if (a === b) {
    const adjective = PLACE_ADJECTIVE.exec(tokens[a]!.text);
    // "Saudi-led", "English-speaking": a place (or a demonym's country) inside an adjective; anything else
    // before such a suffix ("Apple-made") is not a name of its own here.
    if (adjective?.[1] && phraseInfoByKey(adjective[1].toLowerCase().replace(/\./g, ""))?.type !== "place" && !/-(based|born|headquartered)$/.test(tokens[a]!.text)) return undefined;
    if (adjective?.[1]) {
      const t = tokens[a]!;
      return {
        text: adjective[1],
        words: [adjective[1].toLowerCase()],
        type: "place",
        confidence: 3,
        surfaces: [t.text],
        withThe: false,
        start: t.start,
        end: t.start + adjective[1].length,
        first: a,
        last: a,
        sentence: t.sentence,
      };
    }
  }
  // Products: "Mac OS X", "787 Dreamliner". Their maker, if named first and not an ordinary word, still counts.
  const lastWord = tokens[b]!.lower;
  if (tokens[a - 1]?.kind === Kind.Number && tokens[a - 1]!.end + 1 >= tokens[a]!.start) return undefined;
  if (a < b && (PRODUCT_LAST.has(lastWord) || tokens.slice(a, b + 1).some((t) => t.text === "OS"))) {
    const maker = tokens[a]!;
    if ((infoOf(maker) & W.DICT) !== 0 || CAMEL.test(maker.text) || maker.text === "OS") return undefined;
    b = a;
  }
  // "the US Government": the country, by metonymy.
  if (b > a && lastWord === "government") {
    const country = phraseInfoByKey(keyOf(tokens, a, b - 1));
    if (country?.type === "place") b--;
  }

  // "the Ambassador to the United States Hamdullah Mohib", "University of Texas Arlington Amneh Jafari":
  // a known place or a complete organisation name directly followed by a person's name.
  if (!titled && b - a >= 2) {
    for (let k = Math.max(a + 1, b - 2); k < b; k++) {
      if (!looksLikeForeignName(tokens, k, b) && !((infoOf(tokens[k]!) & W.FIRST) !== 0 && (infoOf(tokens[k]!) & W.DICT) === 0)) continue;
      const prefix = phraseInfoByKey(keyOf(tokens, a, k - 1));
      const head = tokens[k - 1]!.lower;
      const institution = ORG_HEADS.has(head) || (k - a >= 3 && ORG_OF_HEADS.has(tokens[a]!.lower));
      if (prefix?.type === "place" || prefix?.type === "organization" || institution) {
        const owner = classify(text, tokens, a, k - 1, context);
        const person = classify(text, tokens, k, b, context);
        if (person && owner) {
          person.type = "person";
          person.owner = owner;
          return person;
        }
      }
    }
  }

  const nameText = text.slice(tokens[a]!.start, tokens[b]!.end);
  const words: string[] = [];
  for (let k = a; k <= b; k++) {
    const t = tokens[k]!;
    if (t.kind === Kind.Word) words.push(t.lower);
  }
  const surfaces: string[] = [];
  const full = text.slice(tokens[spanStart]!.start, tokens[to]!.end);
  if (full !== nameText && titled) surfaces.push(full);

  const typed = typeOf(tokens, a, b, words, titled);
  if (!typed) return undefined;
  const mention: Mention = {
    text: nameText,
    words,
    type: typed.type,
    confidence: typed.confidence,
    ...(typed.info?.canonical !== undefined
      ? { canonical: typed.info.canonical }
      : typed.type === "place" && nameText.length > 4 && isAllCaps(nameText)
        ? { canonical: titleCase(nameText) } // a dateline: "WASHINGTON (AP) —"
        : {}),
    ...(typed.info?.demonym ? { demonym: true } : {}),
    surfaces,
    withThe,
    ...tokenSpan(tokens, a, b),
  };
  if (role && mention.type === "person") mention.role = role;
  if (roleOwner && mention.type === "person") {
    // The place or organisation before the title is a mention of its own ("Oakland").
    const owner = classify(text, tokens, from, title!.start - 1, context);
    if (owner) mention.owner = owner;
  }
  return mention;
}

const GROUP_WORDS = new Set([
  "muslim", "christian", "jew", "jewish", "hindu", "buddhist", "sikh", "catholic", "protestant", "evangelical",
  "sunni", "shia", "shiite", "mormon", "republican", "democrat", "democratic", "conservative", "liberal",
  "socialist", "communist", "labourite", "tory", "tories", "islamist", "arab", "latino", "hispanic", "black", "white",
  "islamic", "briton", "scandinavian", "aboriginal", "indigenous", "inuit", "gay", "lesbian",
]);

const PLURAL_ACRONYM = /^\p{Lu}[\p{Lu}\p{Ll}]?\p{Lu}+s$/u;

function isGroupWord(t: Token): boolean {
  const lower = t.lower;
  if (GROUP_WORDS.has(lower)) return true;
  if (lower.length < 3 || lower.charCodeAt(lower.length - 1) !== 115) return false; // plurals only below
  if (PLURAL_ACRONYM.test(t.text)) return true; // SUVs, PoWs, CEOs, MPs
  const singular = lower.endsWith("ies") ? `${lower.slice(0, -3)}y` : lower.slice(0, -1);
  // "Americans", "Afghans", "Muslims": people, not the country or the faith.
  return GROUP_WORDS.has(singular) || phraseInfoByKey(singular)?.demonym === true;
}

/** "Mayor of Oakland", but "U.S. President" and "Afghan Ambassador": abbreviations and demonyms stay in front. */
export function ownedRole(title: string, owner: string): string {
  const info = phraseInfoByKey(owner.toLowerCase().replace(/\./g, ""));
  if (info?.demonym || /^(?:\p{Lu}\.?){2,4}$/u.test(owner)) return `${owner} ${title}`;
  return `${title} of ${owner}`;
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function startsKnownName(tokens: readonly Token[], a: number, b: number): boolean {
  const t = tokens[a]!;
  const info = wordInfo(t.lower);
  if ((info & (NAME_FLAGS)) !== 0 && (info & W.COMMON) === 0) return true;
  if (TITLE_WORDS.has(t.lower) && CORE_TITLES.has(t.lower)) return true;
  return phraseInfoByKey(keyOf(tokens, a, b)) !== undefined;
}

function keyOf(tokens: readonly Token[], a: number, b: number): string {
  let key = "";
  for (let k = a; k <= b; k++) {
    const t = tokens[k]!;
    if (t.text === "-") continue;
    key += (key ? " " : "") + (t.kind === Kind.Word ? t.lower.replace(/[’]/g, "'").replace(/-/g, " ") : t.text);
  }
  return key;
}

interface TitleSpan {
  readonly start: number;
  readonly end: number;
  /** "name": a name follows; "bare": nothing follows; "of": "of" and the title's owner follow. */
  readonly kind: "name" | "bare" | "of";
}

/** The title words at the front of a span (optionally after a place: "Oakland Mayor"). */
function findTitle(tokens: readonly Token[], a: number, b: number): TitleSpan | undefined {
  for (let s = a; s <= b && s <= a + 3; s++) {
    if (!TITLE_WORDS.has(tokens[s]!.lower)) continue;
    // "Dean Kamen", "Major Smith" as a full name: a title word that is also a first name, before one word.
    if (s === b - 1 && (infoOf(tokens[s]!) & (W.FIRST | W.RARE_FIRST)) !== 0 && (s === a || !TITLE_WORDS.has(tokens[s - 1]!.lower))) return undefined;
    let e = s;
    let core = CORE_TITLES.has(tokens[s]!.lower);
    while (e + 1 <= b && TITLE_WORDS.has(tokens[e + 1]!.lower)) {
      e++;
      if (CORE_TITLES.has(tokens[e]!.lower)) core = true;
    }
    if (!core) continue; // "State Department Spokesperson": "State" is no title here, look further
    if (s > a) {
      // Only a place or organisation may stand before the title.
      // Only a place or organisation may stand before the title ("Oakland Mayor", "Apple CEO Steve Jobs"),
      // not the first names of someone whose surname is a title word ("Martin Luther King").
      const owner = phraseInfoByKey(keyOf(tokens, a, s - 1));
      const ownerHead = ORG_HEADS.has(tokens[s - 1]!.lower) || PLACE_HEADS.has(tokens[s - 1]!.lower);
      const nameAfter = e < b && (infoOf(tokens[e + 1]!) & W.FIRST) !== 0;
      const longTitle = e > s;
      if (owner?.type === "person" || !tokens.slice(a, s).every((t) => t.cap)) return undefined;
      if (!owner && !ownerHead && !nameAfter && !longTitle) return undefined;
    }
    if (e === b) {
      // "General", "Federal" alone are not titles of anyone; a span of only title words is a bare role
      // when its last word is a core title ("Chief Executive Officer", "Press Secretary").
      return CORE_TITLES.has(tokens[b]!.lower) && !ORG_HEADS.has(tokens[b]!.lower) ? { start: s, end: e, kind: "bare" } : undefined;
    }
    if (tokens[e + 1]!.lower === "of") return s === a ? { start: s, end: e, kind: "of" } : undefined;
    // "General Motors", "Federal Reserve": the rest must look like a person's name, not an institution.
    const last = tokens[b]!.lower;
    if (ORG_HEADS.has(last) || PLACE_HEADS.has(last) || LAW_HEADS.has(last)) return undefined;
    const known = phraseInfoByKey(keyOf(tokens, e + 1, b));
    if (known && known.type !== "person") return undefined;
    return { start: s, end: e, kind: "name" };
  }
  return undefined;
}

function roleText(tokens: readonly Token[], s: number, e: number): string | undefined {
  const parts: string[] = [];
  for (let k = s; k <= e; k++) {
    const t = tokens[k]!;
    if (HONORIFICS.has(t.lower)) continue;
    const expanded = ROLE_ABBREVIATIONS[t.lower];
    parts.push(expanded ?? (t.text.endsWith(".") ? t.text.slice(0, -1) : t.text));
  }
  return parts.length ? parts.join(" ") : undefined;
}

interface Typed {
  readonly type: MentionType;
  readonly confidence: number;
  readonly info?: PhraseInfo;
}

function typeOf(tokens: readonly Token[], a: number, b: number, words: readonly string[], titled: boolean): Typed | undefined {
  const key = keyOf(tokens, a, b);
  const last = words[words.length - 1] ?? "";
  const firstWord = words[0] ?? "";
  const known = phraseInfoByKey(key);
  if (titled) return { type: "person", confidence: 3 };
  if (known?.type === "place") return { type: "place", confidence: 3, info: known };
  if (isIndex(tokens, a, b, last)) return { type: "fin", confidence: 3 };
  if (known) return { type: known.type, confidence: 3, info: known };
  if (words.length > 1 && LAW_HEADS.has(last)) return { type: "law", confidence: 3 };
  if (words.length > 1 && ORG_HEADS.has(last)) return { type: "organization", confidence: 3 };
  if (words.length > 1 && PLACE_HEADS.has(last)) return { type: "place", confidence: 3 };
  if (words.length > 2 && words.includes("of")) {
    if (ORG_OF_HEADS.has(firstWord)) return { type: "organization", confidence: 3 };
    if (PLACE_OF_HEADS.has(firstWord)) return { type: "place", confidence: 3 };
  }
  if (words.length > 1 && DIRECTIONS.has(firstWord)) {
    const rest = phraseInfoByKey(keyOf(tokens, a + 1, b));
    if (rest?.type === "place") return { type: "place", confidence: 3 };
  }
  const info0 = wordInfo(firstWord);
  if (words.length === 1) {
    const t = tokens[a]!;
    if (isAllCaps(t.text.replace(/\./g, "")) && t.text.replace(/\./g, "").length <= 6) return { type: "organization", confidence: 2 };
    if (ORG_HEADS.has(firstWord) && t.cap && (wordInfo(firstWord) & (W.COMMON | W.DICT)) !== 0) {
      // "the Senate", "the Pentagon": an institution named by its head word alone.
      return tokens[a - 1]?.lower === "the" ? { type: "organization", confidence: 1 } : undefined;
    }
    return { type: "unknown", confidence: 0 };
  }
  // A place followed by other words names something in that place ("Singapore Airlines", "Fox News").
  const firstPlace = phraseInfoByKey(firstWord);
  if (firstPlace?.type === "place" && !firstPlace.demonym) return { type: "organization", confidence: 2 };
  if ((info0 & W.FIRST) !== 0 && words.length <= 4) return { type: "person", confidence: 2 };
  if ((wordInfo(last) & W.LAST) !== 0 && words.length <= 3 && (info0 & W.COMMON) === 0) return { type: "person", confidence: 2 };
  if (/^\p{Lu}\.$/u.test(tokens[a + 1]?.text ?? "")) return { type: "person", confidence: 2 };
  // A first name known only to the long lists ("Megyn", but also "Northrop") needs a surname it knows too.
  if ((info0 & W.RARE_FIRST) !== 0 && words.length <= 3 && (wordInfo(last) & (W.LAST | W.FIRST)) !== 0) return { type: "person", confidence: 2 };
  if ((info0 & W.RARE_FIRST) !== 0 && words.length === 2 && (wordInfo(last) & (W.DICT | W.COMMON | W.COUNTRY | W.REGION | W.CITY | W.PLACE | W.DEMONYM | W.ORG)) === 0 && !ORG_HEADS.has(last) && !phraseInfoByKey(last)) return { type: "person", confidence: 1 };
  if (personContext(tokens, a, b) && words.length <= 4) return { type: "person", confidence: 2 };
  if (firstPlace?.type === "place") return { type: "organization", confidence: 2 };
  if (/^\p{Lu}\.$/u.test(tokens[a]!.text)) return { type: "person", confidence: 2 }; // "L. Ron Hubbard"
  if (looksLikeForeignName(tokens, a, b)) return { type: "person", confidence: 1 };
  return { type: "organization", confidence: 1 };
}

/** Two or three capitalised words that are no English words, heads or acronyms ("Tiziano Lugli", "Taro Aso"):
 *  more often a person than a company in news. extract-entities.ts retypes it when the article then calls it
 *  by its first word, as companies are ("Northrop Grumman" … "Northrop"). */
function looksLikeForeignName(tokens: readonly Token[], a: number, b: number): boolean {
  const n = b - a + 1;
  if (n < 2 || n > 3) return false;
  for (let k = a; k <= b; k++) {
    const t = tokens[k]!;
    if (t.kind !== Kind.Word || !t.cap || isAllCaps(t.text) || t.text.includes(".")) return false;
    const info = infoOf(t);
    if ((info & (W.DICT | W.COMMON | W.ORG | W.COUNTRY | W.REGION | W.CITY | W.PLACE | W.DEMONYM)) !== 0) return false;
    if (ORG_HEADS.has(t.lower) || PLACE_HEADS.has(t.lower)) return false;
  }
  return true;
}

/** "Dow Jones Industrial Average", "the Nikkei stock index": markets, not organisations. */
function isIndex(tokens: readonly Token[], a: number, b: number, last: string): boolean {
  if (FIN_HEADS.has(last) && b > a) return true;
  const key = keyOf(tokens, a, b);
  if (MARKET_INDEXES.has(key) || (b > a && MARKET_INDEXES.has(keyOf(tokens, a + 1, b)))) return true;
  // "The Nasdaq fell 82.65 points", "the FTSE 100 index".
  for (let k = b + 1; k <= b + 4 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.lower === "points" || t.lower === "point") return true;
    if (t.cap || t.text === "." || t.text === ",") break;
  }
  let n = b + 1;
  if (tokens[n]?.text === "’s" || tokens[n]?.text === "'s") n++;
  if (tokens[n]?.kind === Kind.Number && FIN_NEXT.has(tokens[n + 1]?.lower ?? "")) return true;
  const next = tokens[b + 1];
  if (!next || next.cap) return false;
  if (FIN_NEXT.has(next.lower)) return true;
  return (next.lower === "stock" || next.lower === "share") && FIN_NEXT.has(tokens[b + 2]?.lower ?? "");
}

/** "X said", "X, who", "X, 54," — the way news introduces people. */
function personContext(tokens: readonly Token[], a: number, b: number): boolean {
  // Names made only of ordinary words ("White House") and owners of a title ("CEO of Boeing Commercial
  // Airplanes said") are institutions.
  let ordinary = true;
  for (let k = a; k <= b; k++) if ((infoOf(tokens[k]!) & W.DICT) === 0) ordinary = false;
  if (ordinary || tokens[a - 1]?.lower === "of") return false;
  const next = tokens[b + 1];
  if (!next) return false;
  if (REPORTING_VERBS.has(next.lower)) return true;
  if (next.text === ",") {
    const after = tokens[b + 2];
    if (after?.lower === "who" || after?.kind === Kind.Number) return true;
    // "Jusman Syafii Djamal, minister of transport", "Louis Gallois, the Airbus chief executive,".
    for (let k = b + 2; k <= b + 6 && k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.text === "," || t.text === "." || t.lower === "which" || t.lower === "whose" || t.lower === "who") break;
      if (!t.cap && CORE_TITLES.has(t.lower)) return true;
    }
  }
  const prev = tokens[a - 1];
  if (prev?.text === "," && CORE_TITLES.has(tokens[a - 2]?.lower ?? "")) return true; // "Japan's prime minister, Taro Aso"
  return prev !== undefined && REPORTING_VERBS.has(prev.lower) && tokens[a - 2]?.text === ",";
}

/** Multi-word states and countries ("New York", "South Carolina", "New South Wales") known to the gazetteers. */
function isRegionPhrase(words: readonly string[]): boolean {
  const info = phraseInfoByKey(words.join(" "));
  return info?.type === "place" && (DIRECTIONS.has(words[0]!) || words[0] === "new");
}

/** "Mobile, Alabama": a place followed by its region is one place, written with both names. */
function linkAppositions(text: string, tokens: readonly Token[], mentions: Mention[]): void {
  for (let k = 0; k + 1 < mentions.length; k++) {
    const m = mentions[k]!;
    const next = mentions[k + 1]!;
    if (next.first !== m.last + 2 || tokens[m.last + 1]?.text !== ",") continue;
    if (next.type !== "place" || next.demonym) continue;
    if (tokens[next.last + 1]?.text === "’s" || tokens[next.last + 1]?.text === "'s") continue; // "Airbus, Europe's biggest …"
    const nextInfo = phraseInfoByKey(next.words.join(" "));
    if (!nextInfo || nextInfo.type !== "place" || m.text === next.text) continue;
    // Only a state, province or country qualifies a place ("Mobile, Alabama"); "Chicago, Los Angeles" is a list.
    const flags = next.words.length === 1 ? wordInfo(next.words[0]!) : 0;
    if (next.words.length === 1 && (flags & (W.REGION | W.COUNTRY)) === 0 && !nextInfo.canonical) continue;
    if (next.words.length > 1 && !nextInfo.canonical && (wordInfo(next.words[next.words.length - 1]!) & (W.REGION | W.COUNTRY)) === 0 && !isRegionPhrase(next.words)) continue;
    const after = tokens[next.last + 1];
    if (after && (after.lower === "and" || after.lower === "or" || (after.text === "," && isCapWord(tokens[next.last + 2]) && mentions[k + 2]?.type === "place"))) continue;
    if (m.type === "unknown" || m.type === "place" || (m.type === "organization" && m.confidence < 3)) {
      m.type = "place";
      m.confidence = 3;
      m.surfaces.push(text.slice(m.start, next.end));
    }
  }
}

/** "Sens. Dianne Feinstein and Kamala Harris": both are senators. */
function shareTitles(tokens: readonly Token[], mentions: Mention[]): void {
  for (let k = 0; k + 1 < mentions.length; k++) {
    const m = mentions[k]!;
    const next = mentions[k + 1]!;
    if (m.type !== "person" || !m.role || next.role || next.first !== m.last + 2 || tokens[m.last + 1]?.lower !== "and") continue;
    if (next.type !== "person" && !(next.type === "unknown" || next.confidence < 3)) continue;
    next.type = "person";
    next.role = m.role;
  }
}

/** "Ford's Chief Executive Officer, William Clay Ford Jr.": a bare title gives its role to the name after it. */
function giveRoles(tokens: readonly Token[], mentions: Mention[]): void {
  for (let k = 0; k + 1 < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.type !== "role" || !m.role) continue;
    // "Jeff Rathke, the State Department Spokesperson, said": the role follows the name.
    const before = mentions.slice(0, k).reverse().find((x) => x.last < m.first && x !== m.owner);
    if (before && before.type === "person" && !before.role && tokens[before.last + 1]?.text === ",") {
      const gap = m.first - before.last;
      if (gap === 2 || (gap === 3 && tokens[before.last + 2]?.lower === "the")) {
        before.role = m.role;
        continue;
      }
    }
    const next = mentions.slice(k + 1).find((x) => x.first > m.last);
    if (!next || next.role) continue;
    const gap = next.first - m.last;
    if (gap === 1 || (gap === 2 && tokens[m.last + 1]?.text === ",")) {
      if (next.type === "person" || next.type === "unknown" || next.confidence < 3) {
        next.type = "person";
        next.role = m.role;
      }
    }
  }
}
