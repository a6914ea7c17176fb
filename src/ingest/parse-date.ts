// A date written by a person or a feed → ISO YYYY-MM-DD. Used for datelines and sidecar dates.
// Only whole strings that are a date and nothing else: "June 13, 2005", "Monday, 13 June 2005", "2005-06-13",
// "2005-06-13T09:30:00Z". The time and zone of a timestamp are dropped, never converted (no date is invented).

export type ParsedDate =
  | { readonly kind: "date"; readonly iso: string }
  /** Looks like a date but names a day that does not exist (2019-02-30). */
  | { readonly kind: "impossible"; readonly text: string }
  | { readonly kind: "none" };

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const MONTH = String.raw`([a-z]{3,9})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH}\\s+${DAY},?\\s+(\\d{4})\\.?$`, "i");
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}${DAY}\\s+${MONTH},?\\s+(\\d{4})\\.?$`, "i");

/** Longer strings are prose, not a date (and the regexes never see long input). */
const MAX_DATE_LENGTH = 64;

export function parseDate(text: string): ParsedDate {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_DATE_LENGTH) return { kind: "none" };

  const iso = ISO.exec(trimmed);
  if (iso) return build(trimmed, Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const mdy = MONTH_DAY_YEAR.exec(trimmed);
  const mdyMonth = mdy && MONTHS[(mdy[1] ?? "").toLowerCase()];
  if (mdy && mdyMonth) return build(trimmed, Number(mdy[3]), mdyMonth, Number(mdy[2]));

  const dmy = DAY_MONTH_YEAR.exec(trimmed);
  const dmyMonth = dmy && MONTHS[(dmy[2] ?? "").toLowerCase()];
  if (dmy && dmyMonth) return build(trimmed, Number(dmy[3]), dmyMonth, Number(dmy[1]));

  return { kind: "none" };
}

function build(text: string, year: number, month: number, day: number): ParsedDate {
  // Date.UTC rolls 2019-02-30 over to March 2: a real date survives the round trip unchanged.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { kind: "impossible", text };
  }
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return { kind: "date", iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}
