// The search page's UI, on Pagefind's JS API (https://pagefind.app/docs/api/) rather than its prebuilt UI,
// because the index is updated incrementally (src/cli/index-search-shards.ts). /pagefind-shards.json (beside
// the bundles; its paths are relative to the first bundle, /pagefind/) says
//   { "merge": ["../pagefind-2/"],
//     "deltas": [{ "bundle": "../pagefind-delta/", "stale": ["articles/x/"] }, { "bundle": "../pagefind-recent/", "stale": [] }] }
// merge: more main bundles, merged into the first one (mergeIndex, #6); deltas: bundles with the current
// version of pages changed since, older first, each searched as an instance of its own; a delta's stale
// pages have out-of-date results in the bundles before it (their new version is in it, or they are gone),
// so those are dropped. A delta may list stale pages only (no bundle).
// Plain ES2020 loaded as a module, no build step, no inline script or style (the CSP in public/_headers).

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;
/** With stale pages listed, a result set up to this size is resolved in full, so that its count is exact. */
const EXACT_COUNT_LIMIT = 50;
const SUB_RESULTS = 3;
/** Values shown per filter group, most frequent first (ticked ones always). */
const FILTER_VALUES_SHOWN = 40;

const root = document.getElementById("search");
if (root) start(root);

function start(root) {
  const input = root.querySelector("input[type=search]");
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const hint = root.querySelector(".search-hint");
  const more = root.querySelector(".search-more");
  const filterPanel = root.querySelector(".search-filters");
  const groups = [...root.querySelectorAll("[data-filter]")];
  const baseUrl = root.dataset.baseUrl || "/";
  const params = new URLSearchParams(location.search);
  /** Ticked filter values by group: the source of truth, as checkboxes come and go with the counts. */
  const ticked = new Map(groups.map((g) => [g.dataset.filter, new Set(params.getAll(g.dataset.filter))]));
  const bundles = openBundles(new URL(root.dataset.bundlePath || "/pagefind/", location.href), baseUrl);
  // Every bundle's filter indexes, loaded once the first results are on show: they are most of a bundle's
  // download (~125 of ~170 KiB at 2,500 articles a bundle), and a large archive has many bundles (#6).
  let facets;
  let facetsLoaded = false;
  const loadedFacets = () => {
    facets = facets || bundles.then(loadFilterIndexes).then((totals) => {
      facetsLoaded = true;
      return totals;
    });
    return facets;
  };
  let run; // the search on show
  let timer;

  const update = async () => {
    clearTimeout(timer);
    const term = input.value.trim();
    const filters = activeFilters(ticked);
    writeUrl(term, ticked);
    const current = (run = { term, filters });
    try {
      const search = await bundles;
      if (run !== current) return;
      if (term === "" && filters === undefined) {
        showEmpty();
        const totals = await loadedFacets();
        if (run === current) renderFilters(totals);
        return;
      }
      const counted = facetsLoaded;
      Object.assign(current, await runSearch(search, term, filters));
      if (run !== current) return;
      const page = await take(current, PAGE_SIZE);
      if (run !== current) return;
      list.replaceChildren(...page.map(renderResult));
      showCount(current);
      if (!counted) {
        // The counts per filter value need the filter indexes: searched again once they are loaded.
        await loadedFacets();
        if (run !== current) return;
        current.filterCounts = await countFilters(search, term, filters);
        if (run !== current) return;
      }
      renderFilters(current.filterCounts);
    } catch (error) {
      if (run === current) fail(error);
    }
  };

  const fail = (error) => {
    console.error(error);
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Search could not be loaded. Reload the page to try again, or browse the archive.";
  };

  const showEmpty = () => {
    list.replaceChildren();
    more.hidden = true;
    hint.hidden = true;
    status.textContent = "Type a word or a name, or tick a filter, to search the archive.";
  };

  const showCount = (current) => {
    const { n, exact } = countOf(current);
    const subject = current.term === "" ? "" : ` for “${current.term}”`;
    const narrowed = current.filters === undefined ? "" : `, narrowed by ${Object.values(current.filters).flat().join(", ")}`;
    const number = `${exact ? "" : "About "}${n.toLocaleString("en-US")}`;
    status.textContent = n === 0 ? `No results${subject}${narrowed}.` : `${number} ${n === 1 ? "result" : "results"}${subject}${narrowed}.`;
    hint.hidden = n > 0;
    hint.textContent = current.filters === undefined ? "Check the spelling, or try fewer or other words." : "Untick a filter, or try other words.";
    more.hidden = current.cursor >= current.entries.length;
  };

  const renderFilters = (counts) => {
    const focused = document.activeElement;
    const refocus = focused && focused.type === "checkbox" && root.contains(focused) ? [focused.name, focused.value] : undefined;
    for (const group of groups) {
      const name = group.dataset.filter;
      const chosen = ticked.get(name);
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || chosen.has(value));
      for (const value of chosen) if (!(counts[name] || {})[value]) values.push([value, 0]);
      const byYear = name === "year";
      values.sort(([a, m], [b, n]) => chosen.has(b) - chosen.has(a) || (byYear ? b.localeCompare(a) : n - m || a.localeCompare(b)));
      const fieldset = group.querySelector("fieldset");
      fieldset.replaceChildren(fieldset.querySelector("legend"), ...values.slice(0, FILTER_VALUES_SHOWN).map(([value, n]) => option(name, value, n, chosen.has(value))));
      if (values.length > FILTER_VALUES_SHOWN) {
        fieldset.append(element("p", "search-filter-more", `and ${values.length - FILTER_VALUES_SHOWN} more: search for a name to find it here.`));
      }
      group.hidden = values.length === 0;
    }
    filterPanel.hidden = groups.every((g) => g.hidden);
    if (refocus) root.querySelector(`input[name="${CSS.escape(refocus[0])}"][value="${CSS.escape(refocus[1])}"]`)?.focus();
  };

  root.addEventListener("change", (event) => {
    const box = event.target;
    if (box.type !== "checkbox") return;
    const chosen = ticked.get(box.name);
    if (box.checked) chosen.add(box.value);
    else chosen.delete(box.value);
    update();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  root.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  more.addEventListener("click", async () => {
    const current = run;
    more.disabled = true;
    try {
      const page = await take(current, PAGE_SIZE);
      if (run !== current) return;
      const first = list.children.length;
      list.append(...page.map(renderResult));
      showCount(current);
      // Keyboard and screen-reader users carry on from the first new result, not from a button now hidden.
      const next = list.children[first] || list.lastElementChild;
      if (next) next.querySelector("a").focus();
    } catch (error) {
      if (run === current) fail(error);
    } finally {
      more.disabled = false;
    }
  });

  input.value = params.get("q") || "";
  root.hidden = false;
  update();
}

/**
 * The search levels: the main instance (with the other main bundles merged in), then each delta's instance;
 * for each level, the pages whose results from it are stale (listed by a later delta).
 */
async function openBundles(first, baseUrl) {
  const response = await fetch(new URL("../pagefind-shards.json", first), { cache: "no-cache" }).catch(() => undefined);
  // No shard list: a build from before shards, one bundle.
  const shards = response && response.ok ? await response.json() : {};
  const main = await import(new URL("pagefind.js", first).href);
  await main.options({ baseUrl });
  // All at once: Pagefind adds each bundle in call order before loading it, and a large archive has many (one
  // after the other, each waited for its entry and metadata: at 50 ms a round trip, 3 bundles took ~0.5 s more).
  await Promise.all((shards.merge || []).map((bundle) => main.mergeIndex(new URL(bundle, first).pathname, { baseUrl })));
  const levels = [{ instance: main, stale: new Set() }];
  for (const delta of shards.deltas || []) {
    const stale = (delta.stale || []).map((page) => pagePath(page, "/"));
    for (const level of levels) for (const page of stale) level.stale.add(page);
    if (typeof delta.bundle !== "string") continue;
    // Its own module URL, so its own Pagefind instance: searched separately, never merged with the others.
    const instance = await import(new URL("pagefind.js", new URL(delta.bundle, first)).href);
    await instance.options({ baseUrl });
    levels.push({ instance, stale: new Set() });
  }
  return { levels, baseUrl, bundles: levels.length + (shards.merge || []).length };
}

/**
 * Loads every level's filter indexes (filters() does; without them a search gives no counts per filter value)
 * and returns the archive's counts per filter value.
 */
async function loadFilterIndexes(search) {
  return sumCounts(await Promise.all(search.levels.map((level) => level.instance.filters())));
}

/** The counts per filter value of a search, every level's summed (the filter indexes loaded). */
async function countFilters(search, term, filters) {
  return sumCounts((await searchLevels(search, term, filters)).map((result) => result.filters));
}

/** Pagefind's results of every level, in level order. */
function searchLevels(search, term, filters) {
  const options = filters === undefined ? {} : { filters };
  // A null term searches by filters alone.
  const query = term === "" ? null : term;
  return Promise.all(search.levels.map((level) => level.instance.search(query, options)));
}

/** "/archive/articles/x/index.html#p3" (under baseUrl "/archive/") or "articles/x/" → "articles/x/". */
function pagePath(url, baseUrl) {
  const path = url.split(/[?#]/)[0];
  const relative = path.startsWith(baseUrl) ? path.slice(baseUrl.length) : path.replace(/^\/+/, "");
  return relative.replace(/index\.html$/, "");
}

/** Pagefind's filter option: an article must have every ticked value (Pagefind's default for an array). */
function activeFilters(ticked) {
  const filters = {};
  for (const [name, values] of ticked) if (values.size > 0) filters[name] = [...values];
  return Object.keys(filters).length > 0 ? filters : undefined;
}

/**
 * Every level searched alike; their results merged by score, highest first. Results that may be look-alikes
 * (heldWords) are checked like stale ones: all at once when few, else as they are shown.
 */
async function runSearch(search, term, filters) {
  const [found, held] = await Promise.all([searchLevels(search, term, filters), heldWords(search, term, filters)]);
  let entries = found
    .flatMap((result, level) => result.results.map((r) => ({ result: r, stale: search.levels[level].stale, delta: level > 0 })))
    .sort((a, b) => b.result.score - a.result.score);
  const heldIds = [...held.values()];
  for (const entry of entries) entry.suspect = heldIds.some((ids) => !ids.has(entry.result.id));
  const checkable = entries.filter((entry) => entry.stale.size > 0 || entry.suspect);
  const current = {
    entries,
    cursor: 0,
    staleSeen: 0,
    lookAlikesSeen: 0,
    staleSize: search.levels[0].stale.size,
    baseUrl: search.baseUrl,
    deltaCount: entries.filter((entry) => entry.delta).length,
    held,
    words: wordsOf(term).map(normalized),
  };
  if (checkable.length > 0 && checkable.length <= EXACT_COUNT_LIMIT) {
    await Promise.all(checkable.map(load));
    entries = entries.filter((entry) => !isStale(current, entry) && !isLookAlike(current, entry));
  }
  // Counts of a value under the current search and filters; a page both stale and in a delta counts twice, and a
  // look-alike counts.
  const filterCounts = sumCounts(found.map((result) => result.filters));
  return { ...current, entries, filterCounts };
}

function sumCounts(all) {
  const sum = {};
  for (const counts of all) {
    for (const [name, values] of Object.entries(counts || {})) {
      sum[name] = sum[name] || {};
      for (const [value, n] of Object.entries(values)) sum[name][value] = (sum[name][value] || 0) + n;
    }
  }
  return sum;
}

/** Loads a result's data once into entry.loaded (Pagefind fetches each page's fragment on demand). */
function load(entry) {
  entry.loading = entry.loading || entry.result.data().then((data) => (entry.loaded = data));
  return entry.loading;
}

/**
 * The words of the query that some page holds, each with the pages that hold it (Pagefind's exact search, a
 * quoted word). Pagefind answers a word with no page holding a word that starts with it by the longest word
 * that it starts with ("Homan" → "Ho"), and each bundle decides that alone: with several bundles, a word that
 * some hold brings look-alike results from the others (#6). None to check with one bundle.
 */
async function heldWords(search, term, filters) {
  const held = new Map();
  if (search.bundles < 2) return held;
  await Promise.all(
    wordsOf(term).map(async (word) => {
      const found = await searchLevels(search, `"${word}"`, filters);
      const ids = new Set(found.flatMap((result) => result.results.map((r) => r.id)));
      if (ids.size > 0) held.set(normalized(word), ids);
    }),
  );
  return held;
}

/** The words of a query, each once, without quotes. */
function wordsOf(term) {
  return [...new Set(term.split(/\s+/).map((word) => word.replace(/"/g, "")).filter((word) => normalized(word) !== ""))];
}

/**
 * A loaded result that matched a held word only by a look-alike: not among the pages holding the word, and
 * what its excerpt marks for it is a shorter word the query word starts with, never one that starts with it
 * (a mark that is another word of the query is that word's).
 */
function isLookAlike(current, entry) {
  if (!entry.suspect) return false;
  // A mark is the whole token ("Joo-Ho", "M.Sc."); Pagefind also indexes its parts ("ho", "sc").
  const marks = [...entry.loaded.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)]
    .flatMap(([, mark]) => [mark, ...mark.split(/[^\p{L}\p{N}]+/u)].map(normalized))
    .filter((m) => m !== "");
  return [...current.held].some(([word, ids]) => {
    if (ids.has(entry.result.id)) return false;
    const own = marks.filter((m) => m === word || !current.words.includes(m));
    return own.some((m) => word.startsWith(m) && m.length < word.length) && !own.some((m) => m.startsWith(word));
  });
}

/** A word as Pagefind compares it, near enough: lower case, without accents or punctuation. */
function normalized(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function isStale(current, entry) {
  // A level no later delta lists pages for: its results are current, loaded or not.
  return entry.stale.size > 0 && entry.stale.has(pagePath(entry.loaded.url, current.baseUrl));
}

/** The next `n` results that are not stale, loading their data; fewer at the end. */
async function take(current, n) {
  const page = [];
  while (page.length < n && current.cursor < current.entries.length) {
    const batch = current.entries.slice(current.cursor, current.cursor + n - page.length);
    current.cursor += batch.length;
    await Promise.all(batch.map(load));
    for (const entry of batch) {
      if (isStale(current, entry)) current.staleSeen += 1;
      else if (isLookAlike(current, entry)) current.lookAlikesSeen += 1;
      else page.push(entry.loaded);
    }
  }
  return page;
}

/**
 * How many results, and whether that is exact. Stale results not yet loaded cannot be told apart; every delta
 * page is listed as stale, and an edit seldom changes whether a page matches, so each delta result probably
 * stands for one stale result of an earlier level: that many are subtracted, and the count is "about".
 */
function countOf(current) {
  const rest = current.entries.slice(current.cursor);
  const unloaded = rest.filter((entry) => entry.stale.size > 0 && !entry.loaded).length;
  const unknown = Math.min(current.staleSize - current.staleSeen, unloaded);
  const known = current.entries.length - current.staleSeen - current.lookAlikesSeen;
  // Look-alikes not yet loaded are counted, and make the count "about".
  const suspects = rest.some((entry) => entry.suspect && !entry.loaded);
  if (unknown <= 0) return { n: known, exact: !suspects };
  return { n: known - Math.min(unknown, Math.max(0, current.deltaCount - current.staleSeen)), exact: false };
}

function renderResult(data) {
  const item = element("li", "article-item search-result");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  item.append(element("h2", ""));
  item.firstChild.append(link);
  const date = dateOf(data);
  if (date) {
    const time = element("time", "", date.text);
    time.dateTime = date.datetime;
    item.append(element("p", "meta"));
    item.lastChild.append(time);
  }
  item.append(withMarks(element("p", "search-excerpt"), data.excerpt));
  // Sections of the article (headings with an id) that match; the h1 is the result itself.
  const subs = (data.sub_results || []).filter((sub) => sub.anchor && sub.anchor.element !== "h1").slice(0, SUB_RESULTS);
  if (subs.length > 0) {
    const sections = element("ul", "search-sections");
    for (const sub of subs) {
      const section = element("li", "");
      const jump = element("a", "", sub.title);
      jump.href = sub.url;
      section.append(jump, withMarks(element("p", "search-excerpt"), sub.excerpt));
      sections.append(section);
    }
    item.append(sections);
  }
  return item;
}

/** The date in the page's metadata, else its year filter; "January 18, 2018" as the site writes dates. */
function dateOf(data) {
  const iso = data.meta.date;
  if (iso && /^\d{4}-\d{2}(-\d{2})?/.test(iso)) {
    const day = iso.length >= 10;
    const date = new Date(`${iso.slice(0, day ? 10 : 7)}${day ? "" : "-01"}T00:00:00Z`);
    const format = day ? { year: "numeric", month: "long", day: "numeric" } : { year: "numeric", month: "long" };
    return { datetime: iso.slice(0, day ? 10 : 7), text: date.toLocaleDateString("en-US", { ...format, timeZone: "UTC" }) };
  }
  const year = data.filters && data.filters.year && data.filters.year[0];
  return year ? { datetime: year, text: year } : undefined;
}

/** Pagefind's excerpt is escaped text with <mark> around the matches; only those marks are kept as markup. */
function withMarks(target, excerpt) {
  const template = document.createElement("template"); // inert: nothing in it loads or runs
  template.innerHTML = excerpt || "";
  for (const node of template.content.childNodes) {
    target.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
  }
  return target;
}

function option(name, value, n, checked) {
  const label = element("label", "search-option");
  const box = element("input", "");
  box.type = "checkbox";
  box.name = name;
  box.value = value;
  box.checked = checked;
  const text = element("span", "", `${value} `);
  text.append(element("span", "count", `(${n.toLocaleString("en-US")})`));
  label.append(box, text);
  return label;
}

function writeUrl(term, ticked) {
  const url = new URL(location.href);
  url.searchParams.delete("q");
  for (const name of ticked.keys()) url.searchParams.delete(name);
  if (term !== "") url.searchParams.set("q", term);
  for (const [name, values] of ticked) for (const value of values) url.searchParams.append(name, value);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
