// An incremental build from the archive core (issue 6): only the pages a change touches are rendered, from
// the changed files and the whole articles those pages show — never from a file that changed since the core
// row it fills was read.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { buildArchiveIndex, coreFromArticles, encodeArchiveCore, indexArchive, type ArchiveCore } from "../../src/archive/index.ts";
import { loadSitePatch, openArchiveCore, warmArchiveCore, type OpenedCore } from "../../src/site/load-site-patch.ts";
import { pageDigests } from "../../src/site/page-digests.ts";
import { buildPageLists } from "../../src/site/page-lists.ts";
import { readArticles } from "../../src/site/read-articles.ts";
import { readEditorialRules } from "../../src/site/read-editorial-rules.ts";
import { paths } from "../../src/site/urls.ts";
import { contentWithBundled } from "../support/bundled-articles.ts";

const FILES = [
  "a380-makes-maiden-flight-to-us.md",
  "aer-lingus-buys-twelve-new-long-haul-airbus-jets.md",
  "airbus-a380-test-flight-delayed-after-accident.md",
  "airbus-announces-job-cuts-of-10-000.md",
  "boeing-787-dreamliner-makes-maiden-flight.md",
];

let content: string;
beforeEach(async () => {
  content = await contentWithBundled(FILES, "broadsheet-patch-core-");
});

/** The core and page digests of a build of `content` as it is now, and each file's text hash. */
async function build() {
  const articles = await readArticles(content, { fillCache: false });
  const index = buildArchiveIndex(articles.map((a) => a.data));
  const digests = pageDigests(index, buildPageLists(index), new Map(articles.map((a) => [a.data.slug, a.textSha256])));
  const core = coreFromArticles(articles.map((a) => ({ name: path.basename(a.file), textSha256: a.textSha256, data: a.data })), "code");
  return { core: openArchiveCore(encoded(core), "code")!, digests };
}

async function hashes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of FILES) out.set(`articles/${f}`, createHash("sha256").update(await readFile(path.join(content, "articles", f))).digest("hex"));
  return out;
}

async function append(file: string, text: string): Promise<void> {
  const full = path.join(content, "articles", file);
  await writeFile(full, `${(await readFile(full, "utf8")).trimEnd()}\n\n${text}\n`);
}

describe("loadSitePatch", () => {
  it("renders nothing when nothing changed, and the edited article's page with the whole records it shows", async () => {
    const before = await build();
    const same = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: await hashes() });
    expect(same !== undefined && same !== "full" && same.changes.render.size).toBe(0);

    await append(FILES[1]!, "The airline said the jets would arrive within two years.");
    const edited = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: await hashes() });
    if (edited === undefined || edited === "full") throw new Error(`expected a patch, got ${edited}`);
    const slug = FILES[1]!.replace(/\.md$/, "");
    expect(edited.changes.render).toContain(paths.article(slug));
    expect(edited.site.bodies.map((b) => b.key)).toContain(slug);
    expect(edited.site.bodies.find((b) => b.key === slug)!.markdown).toContain("within two years");
    // The page's records are the file's own, not the core's placeholders.
    const article = edited.site.index.articles[edited.site.index.articleBySlug.get(slug)!]!;
    expect(article.entities.some((e) => /^\d+$/.test(e.sentence))).toBe(false);
  });

  it("hands on its core opened as the next build would open it back (build --watch keeps it)", async () => {
    const before = await build();
    await append(FILES[2]!, "Investigators said the test would resume.");
    const patch = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: await hashes() });
    if (patch === undefined || patch === "full") throw new Error(`expected a patch, got ${patch}`);
    const reopened = openArchiveCore(Buffer.concat(patch.core()), "code")!;
    const opened = patch.opened();
    expect(opened.core).toEqual(reopened.core);
    expect([...opened.rows.keys()].sort()).toEqual([...reopened.rows.keys()].sort());
    for (const [name, row] of reopened.rows) expect(opened.rows.get(name), name).toEqual(row);
  });

  it("warmed while build --watch waits, patches a change as a core read afresh does", async () => {
    const articles = await readArticles(content, { fillCache: false });
    const files = new Map(articles.map((a) => [a.data.slug, a.textSha256]));
    const { index, memo } = indexArchive(articles.map((a) => a.data), { files, rules: await readEditorialRules(content) });
    const digests = pageDigests(index, buildPageLists(index), files);
    const bytes = encoded({ ...coreFromArticles(articles.map((a) => ({ name: path.basename(a.file), textSha256: a.textSha256, data: a.data })), "code"), memo });
    const warm = openArchiveCore(bytes, "code")!;
    await warmArchiveCore(warm, content, digests);
    // A new role in one article's front matter: its entities are resolved again, from the warmed state.
    const file = path.join(content, "articles", FILES[3]!);
    const text = await readFile(file, "utf8");
    expect(text).toContain("role: Chief Executive of Airbus\n");
    await writeFile(file, text.replace("role: Chief Executive of Airbus\n", "role: Chief Executive of Airbus Group\n"));
    const patch = async (core: OpenedCore) => {
      const result = await loadSitePatch({ contentDir: content, core, previous: digests, textHashes: await hashes() });
      if (result === undefined || result === "full") throw new Error(`expected a patch, got ${result}`);
      return { digests: [...result.digests], render: [...result.changes.render].sort(), removed: result.changes.removed };
    };
    const fromWarm = await patch(warm);
    expect(fromWarm.render.length).toBeGreaterThan(0);
    expect(fromWarm).toEqual(await patch(openArchiveCore(bytes, "code")!));
  });

  it("gives up (a full build then reads everything) when a page's own file changed after the sync stage hashed it", async () => {
    const before = await build();
    // A new headline for one: the pages that link it — the others, all related through Airbus — render again.
    const retitled = path.join(content, "articles", FILES[1]!);
    await writeFile(retitled, (await readFile(retitled, "utf8")).replace(/^title: .*$/m, "title: Aer Lingus orders more jets"));
    const afterSync = await hashes();
    await append(FILES[3]!, "A late edit while the build runs.");
    const patch = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: afterSync });
    expect(patch).toBeUndefined();
    // Told the truth about that file, it patches.
    const honest = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: await hashes() });
    expect(honest !== undefined && honest !== "full" && honest.changes.render.has(paths.article(FILES[3]!.replace(/\.md$/, "")))).toBe(true);
  });

  it("does not use a damaged core: rows that do not match their layout, or texts that do not split into one per record", async () => {
    const articles = await readArticles(content, { fillCache: false });
    const core = coreFromArticles(articles.map((a) => ({ name: path.basename(a.file), textSha256: a.textSha256, data: a.data })), "code");
    const badId = new Int32Array(core.rows);
    badId[core.offsets[2]! + 3] = core.strings.length + 7; // the byline of the third row: no such string
    expect(openArchiveCore(encoded({ ...core, rows: badId }), "code")).toBeUndefined();
    const badCount = new Int32Array(core.rows);
    badCount[core.offsets[1]! + 12] = 2 ** 30; // the second row's number of sources: far past its end
    expect(openArchiveCore(encoded({ ...core, rows: badCount }), "code")).toBeUndefined();

    // Texts: the separators of every row gone, so a row no longer holds one text per record and quote.
    const before = await build();
    const texts = before.core.core.texts.map((chunk) => chunk.map((byte) => (byte === 0 ? 0x20 : byte)));
    const damaged = openArchiveCore(encoded({ ...before.core.core, texts }), "code")!;
    expect(damaged).toBeDefined(); // the rows are fine; the texts are read only for the pages rendered
    await append(FILES[1]!, "Airbus said the order was its largest this year.");
    expect(await loadSitePatch({ contentDir: content, core: damaged, previous: before.digests, textHashes: await hashes() })).toBeUndefined();
    const sound = await loadSitePatch({ contentDir: content, core: before.core, previous: before.digests, textHashes: await hashes() });
    expect(sound !== undefined && sound !== "full").toBe(true);
  });

  it("does not open a core made by other code", () => {
    const core = coreFromArticles([], "old code");
    expect(openArchiveCore(encoded(core), "new code")).toBeUndefined();
    expect(openArchiveCore(encoded(core), "old code")).toBeDefined();
    expect(openArchiveCore(Buffer.from("not a core"), "old code")).toBeUndefined();
  });
});

function encoded(core: ArchiveCore): Buffer {
  return Buffer.concat(encodeArchiveCore(core));
}
