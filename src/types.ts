// The data Broadsheet passes between stages, typed once (see DESIGN.md).
// Front matter is the persisted form of Article + Enrichment; everything else is derived each build.

/** A problem found in one input, reported at the end of a batch. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  /** Path of the file, as the user gave it (relative to the project when possible). */
  readonly file: string;
  /** 1-based line in that file, when known. */
  readonly line?: number;
  /** What happened and why. */
  readonly message: string;
  /** What the user should do about it. */
  readonly fix?: string;
}

export interface Paragraph {
  /** Stable within the article: "p1", "p2", … in reading order. */
  readonly id: string;
  readonly text: string;
}

export interface ArticleSource {
  /** Name of the publication or feed the article came from ("Wikinews"). */
  readonly name?: string;
  readonly url?: string;
  readonly license?: string;
  readonly licenseUrl?: string;
  readonly attribution?: string;
}

/** One article after ingest: everything the raw text and its sidecar say, cleaned. */
export interface Article {
  readonly title: string;
  /** ASCII, lower-case, unique across the archive (see src/ingest/assign-slugs.ts). */
  readonly slug: string;
  /** ISO date (YYYY-MM-DD); absent when neither sidecar nor text gives one. Never invented. */
  readonly date?: string;
  readonly byline?: string;
  readonly source: ArticleSource;
  /** The lede, at most 300 characters, cut on a word boundary. */
  readonly summary: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
  readonly paragraphs: readonly Paragraph[];
  readonly provenance: {
    /** Raw file path relative to the content folder ("raw/x.txt"). */
    readonly raw: string;
    /** sha256 of the raw file's bytes and its sidecar's. */
    readonly sha256: string;
  };
  /** Aggregator junk that ingest removed ("– READ MORE"), for the report. */
  readonly removed: readonly string[];
}

export type EntityType = "person" | "organization" | "place" | "law";

/** An entity as one article sees it. */
export interface EntityRecord {
  /** Canonical name within the article ("Xavier Becerra"). */
  readonly name: string;
  /** Surface forms seen in the text, the canonical name included. */
  readonly aliases: readonly string[];
  /** Role or title the text gives ("Mayor of Oakland"). Never part of the name. */
  readonly role?: string;
  /** Number of mentions in the article. */
  readonly mentions: number;
  /** Paragraph id of the first mention. */
  readonly paragraph: string;
  /** The sentence of the first mention (at most ~300 characters). */
  readonly sentence: string;
}

export interface MoneyMention {
  readonly text: string;
  readonly amount: number;
  /** ISO 4217 code ("USD", "EUR", "GBP"). */
  readonly currency: string;
  readonly paragraph: string;
}

export interface DateMention {
  readonly text: string;
  /** Absolute ISO date (or YYYY-MM / YYYY) when it could be resolved. */
  readonly value?: string;
  readonly paragraph: string;
}

export interface Quote {
  /** Canonical name of the speaker, when the text names one. */
  readonly speaker?: string;
  readonly text: string;
  readonly paragraph: string;
}

/** What enrich extracts from one article. */
export interface Extraction {
  readonly people: readonly EntityRecord[];
  readonly organizations: readonly EntityRecord[];
  readonly places: readonly EntityRecord[];
  readonly laws: readonly EntityRecord[];
  readonly money: readonly MoneyMention[];
  readonly dates: readonly DateMention[];
  readonly quotes: readonly Quote[];
  /** Sources the article cites ("San Francisco Chronicle"). */
  readonly sources: readonly string[];
}

/** Extraction plus what tells a build whether it is stale. */
export interface Enrichment extends Extraction {
  readonly extractor: string;
  readonly bodySha256: string;
}

/** What the extractor reads. Pure data: no file access. */
export interface ExtractionInput {
  readonly title: string;
  readonly paragraphs: readonly Paragraph[];
  /** ISO date of the article, used to resolve "Wednesday" to an absolute date. */
  readonly date?: string;
}
