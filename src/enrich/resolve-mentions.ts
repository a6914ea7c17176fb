// Resolves an article's name mentions into entities: full names first, then short forms linked to the one
// full name they stand for ("Becerra" → Xavier Becerra, "The Chronicle" → San Francisco Chronicle,
// "ICE" → U.S. Immigration and Customs Enforcement); a short form that could be two entities stays apart.

import { Kind } from "./tokenize.ts";
import type { Mention } from "./find-names.ts";
import { W, wordInfo } from "./gazetteer.ts";
import { REPORTING_VERBS } from "./vocabulary.ts";
import { sentenceOf, type Entity, type EntityKind, type Resolution, type Segment } from "./segment.ts";

const LEGAL_SUFFIXES = new Set(["inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "company", "corporation", "limited", "group"]);
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const COUNTRY_PREFIXES = new Set(["us", "u.s", "uk", "united states", "eu"]);
const SKIP_INITIALS = new Set(["of", "and", "&", "the", "for", "de", "on", "-"]);
const EVENT_WORDS = new Set(["fair", "conference", "festival", "awards", "award", "prize", "cup", "games", "olympics", "summit", "show", "expo", "championship", "championships", "tournament", "program", "programme", "project", "forum", "week", "day", "marathon", "race", "league", "series", "foundation", "store", "stores"]);

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

/** Head words that name many different institutions on their own ("the House", "the Court"). */
const GENERIC_HEADS = new Set(["house", "senate", "court", "department", "ministry", "office", "party", "university", "bank", "council", "committee", "agency", "army", "navy", "police", "government", "commission", "board", "service", "fund", "group", "company", "association", "union", "church", "school", "college", "institute", "foundation", "force", "forces", "authority", "administration", "congress", "parliament", "assembly", "club", "team", "center", "centre", "museum", "hospital"]);
const LOCATIVES = new Set(["in", "near", "outside", "across", "throughout", "inside", "around", "through"]);
const INVESTING = new Set(["stake", "stakes", "share", "shares", "interest", "investment", "invest", "invested", "investing", "investor", "role", "part", "changes", "jobs"]);
const SITE_NOUNS = new Set(["headquarters", "campus", "suburb", "area", "region", "district"]);
/** "the city of Salvador", "the island of Sumatra". */
const PLACE_NOUNS = new Set(["city", "town", "village", "capital", "state", "province", "region", "county", "island", "port", "district", "suburb", "neighbourhood", "neighborhood", "municipality"]);

/** Verbs that show a capitalised word acting as a company or person. */
const ACTS = new Set(["has", "have", "had", "is", "was", "will", "would", "plans", "announced", "launched", "released", "sold", "bought", "agreed", "posted", "reported", "unveiled", "shares", "stock", "executives", "spokesman", "spokeswoman", "chief", "ceo", "inc", "corp"]);

export function resolveMentions(segments: readonly Segment[]): Resolution {
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
          // "The Chronicle" for the San Francisco Chronicle, but not "the House" for the White House.
          if (!GENERIC_HEADS.has(m.words[m.words.length - 1]!)) push(orgWords, m.words[m.words.length - 1]!, e);
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
    const before = seg.tokens[m.first - 1];
    if (single && before?.lower === "of" && PLACE_NOUNS.has(seg.tokens[m.first - 2]?.lower ?? "") && m.type !== "place") {
      kind = "place";
    } else if (single && (surnames.get(word)?.length ?? 0) > 1) {
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
      // A first name alone ("George", "Michelle") is someone the article knows well, not a company.
      kind = (info & (W.LAST | W.FIRST)) !== 0 && (info & W.ORG) === 0 ? "person" : "organization";
      // "in Ipanema", "near Salvador": an unknown name after a preposition of place is a place.
      const prev = seg.tokens[m.first - 1];
      const next = seg.tokens[m.last + 1];
      // Only for a name used once: a company is "in" sentences too ("a stake in Chrysler").
      const once = (capCount.get(word) ?? 0) <= 1;
      const investing = INVESTING.has(seg.tokens[m.first - 2]?.lower ?? "");
      if (once && prev && LOCATIVES.has(prev.lower) && !investing && next?.text !== "’s" && next?.text !== "'s" && (info & W.ORG) === 0) kind = "place";
      else if (once && next && SITE_NOUNS.has(next.lower) && prev?.lower !== "the" && (info & W.ORG) === 0) kind = "place"; // "its Cupertino headquarters"
      else if (prev && (prev.lower === "from" || prev.lower === "to") && (info & W.AMBIGUOUS_CITY) !== 0) kind = "place";
      else if ((info & W.CITY) !== 0 && (info & W.LAST) === 0) kind = "place";
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
