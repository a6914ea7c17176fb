// Dates an article mentions, resolved against the article's own date when it has one
// ("Wednesday" in an article of Thursday 2018-01-18 is 2018-01-17). Nothing is resolved against today.

import type { DateMention } from "../types.ts";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_ABBR: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const MONTH_RE = "(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";
const DATE_RE = new RegExp(
  [
    `\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, // June 13, 2005 / June 13
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b`, // 13 June 2005
    `\\b${MONTH_RE}(?:\\s+of)?\\s+(\\d{4})\\b`, // June 2005
    `\\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Ss]ince)\\s+${MONTH_RE}\\b`, // in October
    `\\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\\b`,
    `\\b(today|yesterday|tomorrow)\\b`,
    `\\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ss]ince|[Dd]uring|[Bb]efore|[Aa]fter)\\s+((?:19|20)\\d{2})\\b`, // in 2005
  ].join("|"),
  "g",
);

function monthNumber(text: string): number {
  const lower = text.toLowerCase().replace(/\.$/, "");
  const full = MONTHS.indexOf(lower);
  return full >= 0 ? full + 1 : (MONTH_ABBR[lower] ?? 0);
}

const pad = (n: number): string => String(n).padStart(2, "0");

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function parseIso(date: string | undefined): Ymd | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) return undefined;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function shiftDays(base: Ymd, days: number): string {
  const t = new Date(Date.UTC(base.y, base.m - 1, base.d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function weekday(base: Ymd): number {
  return new Date(Date.UTC(base.y, base.m - 1, base.d)).getUTCDay();
}

/** All dates mentioned in one paragraph, in reading order. */
export function findDates(text: string, paragraph: string, articleDate: string | undefined): DateMention[] {
  const base = parseIso(articleDate);
  const out: DateMention[] = [];
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text)) !== null) {
    const value = resolve(m, base);
    out.push(value === undefined ? { text: m[0], paragraph } : { text: m[0], value, paragraph });
  }
  return out;
}

function resolve(m: RegExpExecArray, base: Ymd | undefined): string | undefined {
  if (m[1] && m[2]) {
    const month = monthNumber(m[1]);
    const year = m[3] ? Number(m[3]) : base ? nearestYear(base, month) : undefined;
    return year === undefined ? undefined : `${year}-${pad(month)}-${pad(Number(m[2]))}`;
  }
  if (m[4] && m[5]) {
    const month = monthNumber(m[5]);
    const year = m[6] ? Number(m[6]) : base ? nearestYear(base, month) : undefined;
    return year === undefined ? undefined : `${year}-${pad(month)}-${pad(Number(m[4]))}`;
  }
  if (m[7] && m[8]) return `${m[8]}-${pad(monthNumber(m[7]))}`;
  if (m[9]) {
    if (!base) return undefined;
    const month = monthNumber(m[9]);
    const word = m[0].split(/\s+/)[0]?.toLowerCase();
    const year = word === "next" || word === "until" ? (month >= base.m ? base.y : base.y + 1) : month <= base.m ? base.y : base.y - 1;
    return `${year}-${pad(month)}`;
  }
  if (m[10]) {
    if (!base) return undefined;
    // News speaks of the past week: the latest such day on or before the article's date.
    const back = (weekday(base) - WEEKDAYS.indexOf(m[10].toLowerCase()) + 7) % 7;
    return shiftDays(base, -back);
  }
  if (m[11]) {
    if (!base) return undefined;
    const word = m[11].toLowerCase();
    return shiftDays(base, word === "yesterday" ? -1 : word === "tomorrow" ? 1 : 0);
  }
  if (m[12]) return m[12];
  return undefined;
}

/** The year that puts a month/day closest to the article: "June 13" in a January article is last June. */
function nearestYear(base: Ymd, month: number): number {
  if (month - base.m > 6) return base.y - 1;
  if (base.m - month > 6) return base.y + 1;
  return base.y;
}
