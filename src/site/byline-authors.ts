// The people a byline names, for structured data (schema.org `author`): "Jane Doe and John Roe, Reuters"
// is two Persons affiliated with Reuters, not one Person of that whole name. Pure. A byline comes from the
// sidecar or the text (src/ingest/parse-byline.ts gives "names" or "names, affiliation").

export interface BylineAuthor {
  readonly name: string;
  /** The organisation after the names ("Associated Press"). */
  readonly affiliation?: string;
  /** A job title after the names ("Staff Writer"). */
  readonly jobTitle?: string;
}

/** Words that make what follows the names a job title rather than an organisation. */
const JOB_TITLE = /\b(?:writer|reporter|correspondent|editor|staff|columnist|contributor|photographer|producer|bureau chief)s?\b/i;
/** Where the names end and an affiliation starts: a comma, a vertical bar or a spaced dash. */
const AFFILIATION = /\s*(?:,|\||\s[–—-]\s)\s*/u;
/** Between two names. */
const AND = /\s*(?:,|\band\b|&)\s*/iu;

export function bylineAuthors(byline: string): BylineAuthor[] {
  const text = byline.trim().replace(/^by\s+/i, "");
  const [names = "", ...rest] = text.split(AFFILIATION);
  const tail = rest.join(", ");
  // "Jane Doe, John Roe and Ann Lee": the part after the comma names people too, so it is no affiliation.
  const listed = tail !== "" && AND.test(tail) && !JOB_TITLE.test(tail) ? `${names}, ${tail}` : names;
  const after = listed === names ? tail : "";
  const extra = after === "" ? {} : JOB_TITLE.test(after) ? { jobTitle: after } : { affiliation: after };
  const people = listed
    .split(AND)
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => ({ name, ...extra }));
  // A byline that names nobody this way (", Reuters") is still someone's: kept whole.
  return people.length > 0 || text === "" ? people : [{ name: text }];
}
