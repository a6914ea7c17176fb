// `broadsheet extract FILE…`: the extractor's public interface. Writes nothing; one JSON object per line.
// Keep the field names and order stable: scripts depend on them (#2).

import { readFile, access } from "node:fs/promises";
import { extractEntities } from "../enrich/index.ts";
import { UsageError } from "../errors.ts";
import { ingestArticle } from "../ingest/index.ts";
import type { EntityRecord } from "../types.ts";
import { parseOptions } from "./parse-options.ts";
import type { Reporter } from "./reporter.ts";

export const EXTRACT_USAGE = `Usage: broadsheet extract FILE…

Prints what Broadsheet extracts from each raw article (a .txt file, with its .json sidecar when present),
one JSON object per line: file, title, date, people, organizations, places, laws, money, dates, quotes, sources.
Writes nothing.

Options:
  -h, --help   show this help`;

export async function runExtract(argv: readonly string[], reporter: Reporter, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const { values, positionals } = parseOptions(argv, { debug: { type: "boolean", default: false } }, EXTRACT_USAGE);
  if (values.help) {
    out.write(`${EXTRACT_USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new UsageError(`Name at least one file.\n\n${EXTRACT_USAGE}`);
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      reporter.add([{ severity: "error", file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, fix: "Check the path." }]);
      continue;
    }
    const sidecarFile = file.replace(/\.txt$/, ".json");
    const sidecar =
      sidecarFile !== file && (await access(sidecarFile).then(() => true, () => false))
        ? { file: sidecarFile, bytes: await readFile(sidecarFile) }
        : undefined;
    const result = ingestArticle({ file, bytes, ...(sidecar ? { sidecar } : {}) });
    reporter.add(result.diagnostics);
    const article = result.article;
    if (!article) continue;
    const x = extractEntities({ title: article.title, paragraphs: article.paragraphs, ...(article.date === undefined ? {} : { date: article.date }) });
    const entity = (e: EntityRecord) => ({ name: e.name, aliases: e.aliases, ...(e.role === undefined ? {} : { role: e.role }) });
    out.write(
      `${JSON.stringify({
        file,
        title: article.title,
        date: article.date ?? null,
        people: x.people.map(entity),
        organizations: x.organizations.map(entity),
        places: x.places.map(entity),
        laws: x.laws.map(entity),
        money: x.money.map((m) => ({ text: m.text, amount: m.amount, currency: m.currency })),
        dates: x.dates.map((d) => ({ text: d.text, ...(d.value === undefined ? {} : { value: d.value }) })),
        quotes: x.quotes.map((q) => ({ speaker: q.speaker ?? null, text: q.text })),
        sources: x.sources,
      })}\n`,
    );
  }
}
