// A–Z index of one entity type, with article counts; paginated when long.

import type { IndexedEntity } from "../src/archive/index.ts";
import { html } from "../src/site/html.ts";
import { initialLetter, type TypePage } from "../src/site/page-lists.ts";
import { templateContext, type PageData } from "../src/site/template-data.ts";
import { paths } from "../src/site/urls.ts";
import { pager, perItem, plural, TYPE_LABELS } from "./components.ts";
import { shell } from "./shell.ts";

export const entityIndexPage = {
  data: perItem("typeIndex", (view) => view.path),
  render(data: PageData<TypePage>): string {
    const ctx = templateContext(data);
    const view = data.view;
    const all = ctx.index.byType[view.type];
    const label = TYPE_LABELS[view.type];
    const groups = new Map<string, IndexedEntity[]>();
    for (const e of all.slice(view.start, view.end)) {
      const letter = initialLetter(e.name);
      let group = groups.get(letter);
      if (!group) groups.set(letter, (group = []));
      group.push(e);
    }
    // Letter navigation spans all pages: each letter links to the page where it starts.
    const letters = ctx.pages.letters[view.type];
    const main = html`<h1>${label.many}</h1>
<p class="meta">${plural(all.length, label.one.toLowerCase(), label.many.toLowerCase())}, A–Z${(view.total ?? 1) > 1 ? `, page ${view.number} of ${view.total}` : ""}</p>
${letters.length > 0 ? html`<nav aria-label="Letters" class="letters"><ul>${letters.map(({ letter, path }) => html`<li><a href="${ctx.links.url(path)}#letter-${letter === "#" ? "other" : letter}">${letter}</a></li>`)}</ul></nav>` : html`<p>None yet.</p>`}
${[...groups.entries()].map(([letter, entities]) => html`<section aria-labelledby="letter-${letter === "#" ? "other" : letter}">
<h2 id="letter-${letter === "#" ? "other" : letter}">${letter}</h2>
<ul class="entity-list">${entities.map((e) => html`<li><a href="${ctx.links.url(paths.entity(e.type, e.slug))}">${e.name}</a> <span class="count">${e.articleCount}</span></li>`)}</ul>
</section>`)}
${pager(ctx, view, `Pages of ${label.many.toLowerCase()}`, ["Previous", "Next"])}`;
    return shell(ctx, {
      title: view.number === 1 ? label.many : `${label.many} (page ${view.number})`,
      description: `${label.many} in the archive, A–Z, with the number of articles that mention each.`,
      path: view.path,
      section: ({ person: "people", organization: "organizations", place: "places", law: "laws" } as const)[view.type],
      main,
    });
  },
};
