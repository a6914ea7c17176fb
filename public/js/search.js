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
/**
 * Results that may be look-alikes (heldWords) are checked this many at a time; a batch without one genuine
 * result ends the checking, and the rest are taken for look-alikes too: a rare word searched across many
 * bundles has thousands of them (#6: "Merkel" over 41 bundles, 13 genuine results of 3,277).
 */
const SUSPECT_BATCH = 50;
const SUB_RESULTS = 3;
/** Values shown per filter group, most frequent first (ticked ones always). */
const FILTER_VALUES_SHOWN = 40;
/**
 * Up to this many bundles, their filter indexes load once the first results are on show; past it, when the
 * reader opens a filter group (or arrives with a filter ticked): at 100,000 articles, 40 bundles' filter
 * indexes are ~5 MiB that a search without filters never uses (#6).
 */
const EAGER_FILTER_BUNDLES = 8;

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
  /** Whether the filter indexes are to load now (see EAGER_FILTER_BUNDLES). */
  const filtersWanted = (search) =>
    facets !== undefined || search.bundleCount <= EAGER_FILTER_BUNDLES || activeFilters(ticked) !== undefined || groups.some((g) => g.open);
  /** The filter groups, closed and without their values until one is opened. */
  const showFilterGroups = () => {
    for (const group of groups) group.hidden = false;
    filterPanel.hidden = false;
  };
  /**
   * The filters of the search on show: their indexes loaded and its counts searched again when they were not
   * (`counted`), the look-alikes' values left out when few results are left.
   */
  const renderSearchFilters = async (search, current, counted) => {
    if (!counted) {
      await loadedFacets();
      if (run !== current) return;
      current.filterCounts = await countFilters(search, current.term, current.filters);
      if (run !== current) return;
    }
    await current.checking?.catch(() => {});
    const own = await ownFilterCounts(current);
    if (run === current) renderFilters(own || current.filterCounts);
  };
  /** Loads the filter indexes and shows the current search's counts (a group was opened). */
  const fillFilters = async () => {
    const current = run;
    if (!current || facets !== undefined) return;
    for (const group of groups) {
      const fieldset = group.querySelector("fieldset");
      if (group.open && !fieldset.querySelector("input")) fieldset.append(element("p", "search-filter-more", "Loading…"));
    }
    try {
      const search = await bundles;
      const empty = current.term === "" && current.filters === undefined;
      // A search under way renders its filters itself, now that they are wanted.
      if (!empty && current.entries === undefined) return void loadedFacets();
      if (!empty) return await renderSearchFilters(search, current, false);
      const totals = await loadedFacets();
      if (run === current) renderFilters(totals);
    } catch (error) {
      if (run === current) fail(error);
    }
  };
  for (const group of groups) group.addEventListener("toggle", () => group.open && fillFilters());

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
        if (!filtersWanted(search)) return showFilterGroups();
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
      // The count once a first batch of the possible look-alikes is checked: a guess before it could be off
      // by thousands either way ("Merkel" over 41 bundles: 3,277 results, 13 genuine; "police": twice the
      // pages that hold it exactly).
      if (uncheckedSuspects(current) > 0) await checkSuspects(current);
      if (run !== current) return;
      showCount(current);
      if (!counted && !filtersWanted(search)) return showFilterGroups();
      await renderSearchFilters(search, current, counted);
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
    more.hidden = !hasMore(current);
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
  const bundleCount = 1 + (shards.merge || []).length + (shards.deltas || []).filter((delta) => typeof delta.bundle === "string").length;
  return { levels, baseUrl, bundleCount };
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
  return sumCounts((await searchLevels(search, withoutCommonWords(term), filters)).map((result) => result.filters));
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
 * Every level searched alike; their results merged by score, highest first, those that may be look-alikes
 * (heldWords) after the others. Those are checked like stale ones: all at once when few, else in batches
 * (checkSuspects).
 */
async function runSearch(search, term, filters) {
  const searched = withoutCommonWords(term);
  const [found, held] = await Promise.all([searchLevels(search, searched, filters), heldWords(search, searched, filters)]);
  let entries = found.flatMap((result, level) => result.results.map((r) => ({ result: r, stale: search.levels[level].stale, delta: level > 0 })));
  const heldIds = [...held.values()];
  for (const entry of entries) entry.suspect = heldIds.some((ids) => !ids.has(entry.result.id));
  // The pages holding every query word first: a look-alike is never one of them.
  entries.sort((a, b) => a.suspect - b.suspect || b.result.score - a.result.score);
  // One bundle answers a word wholly by look-alikes or not at all (heldWords): its possible look-alikes are
  // told from a few of them (checkSuspects), not all loaded first.
  const oneBundle = search.bundleCount === 1;
  const checkable = entries.filter((entry) => entry.stale.size > 0 || (entry.suspect && !oneBundle));
  const current = {
    entries,
    oneBundle,
    cursor: 0,
    staleSeen: 0,
    staleSize: search.levels[0].stale.size,
    baseUrl: search.baseUrl,
    deltaCount: entries.filter((entry) => entry.delta).length,
    held,
    // The words searched: a mark is never one left out's.
    words: wordsOf(searched).map(normalized),
  };
  if (checkable.length > 0 && checkable.length <= EXACT_COUNT_LIMIT) {
    await Promise.all(checkable.map(load));
    current.lookAlikesDropped = entries.some((entry) => !isStale(current, entry) && isLookAlike(current, entry));
    entries = entries.filter((entry) => !isStale(current, entry) && !isLookAlike(current, entry));
    for (const entry of entries) if (entry.suspect) entry.lookAlike = false;
  }
  current.suspects = entries.filter((entry) => entry.suspect);
  // Counts of a value under the current search and filters; a page both stale and in a delta counts twice, and a
  // look-alike counts.
  const filterCounts = sumCounts(found.map((result) => result.filters));
  return { ...current, entries, filterCounts };
}

/**
 * The counts per filter value from the results' own data, when look-alikes were dropped and few results are
 * left: Pagefind's counts include the look-alikes ("Merkel" over 41 bundles: thousands).
 */
async function ownFilterCounts(current) {
  if (!current.lookAlikesDropped && !current.suspects.some((entry) => entry.lookAlike)) return undefined;
  const genuine = current.entries.filter((entry) => !entry.lookAlike);
  if (uncheckedSuspects(current) > 0 || genuine.length > EXACT_COUNT_LIMIT) return undefined;
  await Promise.all(genuine.map(load));
  return sumCounts(
    genuine
      .filter((entry) => !isStale(current, entry))
      .map((entry) => Object.fromEntries(Object.entries(entry.loaded.filters || {}).map(([name, values]) => [name, Object.fromEntries(values.map((value) => [value, 1]))]))),
  );
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
 * Each word of the query with the pages that hold it (Pagefind's exact search, a quoted word: its stem, no
 * other word). Pagefind answers a word that no word of the index chunk it loads starts with by the longest
 * word there that the word starts with ("Homan" → "Ho", "Cardew" → "card"), and each bundle decides that
 * alone: a word that no page holds brings only look-alikes ("Schaaf" → "SC"), and with several bundles a word
 * brings look-alikes from the bundles without it (#6; the more bundles, the smaller their chunks and the more
 * look-alikes: "Merkel" over 41 bundles of 250 articles, 13 results and 3,264 look-alikes).
 */
async function heldWords(search, term, filters) {
  const held = new Map();
  await Promise.all(
    wordsOf(term).filter((word) => !EVERYWHERE.has(normalized(word))).map(async (word) => {
      const found = await searchLevels(search, `"${word}"`, filters);
      held.set(normalized(word), new Set(found.flatMap((result) => result.results.map((r) => r.id))));
    }),
  );
  return held;
}

/**
 * Words every bundle of news articles holds, so that none answers them with look-alikes: not searched exactly,
 * which costs most for them (at 100,000 articles, "the" or "of" ~0.8 s, their 100,000 pages; #6).
 */
const EVERYWHERE = new Set(["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to", "was", "were", "with"]);

/**
 * A query without the words every article holds, when it has others and no quoted phrase: they narrow nothing,
 * and Pagefind's search for every word that starts with them ("the": there, they, theory…) is most of such a
 * query's time (#6: at 100,000 articles "the police" 3.0 s, "police" ~1.5 s).
 */
function withoutCommonWords(term) {
  if (term.includes('"')) return term;
  const words = term.split(/\s+/).filter((word) => word !== "");
  const kept = words.filter((word) => !EVERYWHERE.has(normalized(word)));
  return kept.length > 0 && kept.length < words.length ? kept.join(" ") : term;
}

/** The words of a query, each once, without quotes. */
function wordsOf(term) {
  return [...new Set(term.split(/\s+/).map((word) => word.replace(/"/g, "")).filter((word) => normalized(word) !== ""))];
}

/**
 * A loaded result that matched a query word only by a look-alike: not among the pages holding the word, and
 * its excerpt marks for it words, none of which Pagefind would find for the word itself (marksWord; a mark
 * that is another query word's is that word's). A result whose excerpt marks nothing for it stays.
 */
function isLookAlike(current, entry) {
  if (!entry.suspect) return false;
  // A mark is the whole token ("Joo-Ho", "M.Sc.", "MEPs"); Pagefind also indexes its parts ("ho", "sc", "me").
  const marks = [...entry.loaded.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)]
    .flatMap(([, mark]) => [mark, ...partsOf(mark)].map(normalized))
    .filter((m) => m !== "");
  return [...current.held].some(([word, ids]) => {
    if (ids.has(entry.result.id)) return false;
    const own = marks.filter((m) => !current.words.some((other) => other !== word && marksWord(m, other)));
    return own.length > 0 && !own.some((m) => marksWord(m, word));
  });
}

/**
 * Whether Pagefind would mark `mark` for the query word `word`: its stem starts with the word's stem. Without
 * Pagefind's stemmer: the two share at least the word's likely stem (stemLength). A look-alike shares less: it
 * stands for a shorter index word the word's stem starts with.
 */
function marksWord(mark, word) {
  return sharedPrefix(mark, word) >= stemLength(word);
}

/** Snowball English's steps 2–4 (Pagefind's stemmer): each suffix's replacement, longest suffix first, and its region. */
const SUFFIX_STEPS = [
  ["r1", { ational: "ate", tional: "tion", ization: "ize", fulness: "ful", ousness: "ous", iveness: "ive", biliti: "ble", lessli: "less", entli: "ent", ousli: "ous", fulli: "ful", alism: "al", aliti: "al", iviti: "ive", ation: "ate", ator: "ate", enci: "ence", anci: "ance", abli: "able", izer: "ize", alli: "al", logi: "log", bli: "ble", li: "" }],
  ["r1", { ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ness: "", ful: "" }],
  ["r2", { ement: "", ative: "", ance: "", ence: "", able: "", ible: "", ment: "", ant: "", ent: "", ism: "", ate: "", iti: "", ous: "", ive: "", ize: "", ion: "", al: "", er: "", ic: "" }],
];

/** Words Snowball English stems by a list, not by its steps. */
const STEM_EXCEPTIONS = {
  skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
  sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  inning: "inning", outing: "outing", canning: "canning", herring: "herring", earring: "earring", proceed: "proceed", exceed: "exceed", succeed: "succeed",
};

/**
 * A lower bound on how much of a word its stem keeps as it is ("police" → "polic": 5, given as 4; "generously"
 * → "generous": 7): Snowball English's steps, roughly (its exceptions aside), and one letter less.
 */
function stemLength(word) {
  if (Object.hasOwn(STEM_EXCEPTIONS, word)) return Math.max(1, sharedPrefix(STEM_EXCEPTIONS[word], word) - 1);
  const isVowel = (w, i) => "aeiouy".includes(w[i]);
  const hasVowel = (w, to) => [...w.slice(0, to)].some((_, i) => isVowel(w, i));
  // Its regions: R1 starts after the first non-vowel that follows a vowel (after these prefixes in words that
  // start with them), R2 the same within R1. Suffixes change letters, never the regions' starts.
  const after = (from) => {
    for (let i = from; i + 1 < word.length; i++) if (isVowel(word, i) && !isVowel(word, i + 1)) return i + 2;
    return word.length;
  };
  const r1 = (/^(gener|commun|arsen)/.exec(word) || [""])[0].length || after(0);
  const regions = { r1, r2: after(r1) };
  let stem = word;
  // Step 1: plurals, "-ed" and "-ing" (a doubled letter then undone), a final "y" after a non-vowel to "i".
  const [suffix = ""] = /(sses|ied|ies|us|ss|s)$/.exec(stem) || [];
  const base = stem.length - suffix.length;
  if (suffix === "sses") stem = stem.slice(0, base) + "ss";
  else if (suffix === "ied" || suffix === "ies") stem = stem.slice(0, base) + (base > 1 ? "i" : "ie");
  else if (suffix === "s" && hasVowel(stem, base - 1)) stem = stem.slice(0, base);
  const [ending = ""] = /(eedly|eed|ingly|edly|ing|ed)$/.exec(stem) || [];
  const at = stem.length - ending.length;
  if (ending.startsWith("eed")) {
    if (at >= r1) stem = stem.slice(0, at) + "ee";
  } else if (ending && hasVowel(stem, at)) {
    stem = stem.slice(0, at).replace(/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/, (double) => double[0]);
  }
  stem = stem.replace(/(?<=.[^aeiouy])y$/, "i");
  for (const [region, suffixes] of SUFFIX_STEPS) {
    const found = Object.keys(suffixes).find((s) => stem.endsWith(s) && stem.length - s.length >= regions[region]);
    if (found !== undefined) stem = stem.slice(0, stem.length - found.length) + suffixes[found];
  }
  // Step 5: a final "e" (leniently: in R1).
  if (stem.length > r1 && stem.endsWith("e")) stem = stem.slice(0, -1);
  return Math.max(1, sharedPrefix(stem, word) - 1);
}

/** How many letters two words share at their start. */
function sharedPrefix(a, b) {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared += 1;
  return shared;
}

/** A token's parts, as Pagefind splits it to index them too: at punctuation, case changes ("MEPs" → "ME", "Ps") and digits. */
function partsOf(token) {
  return token
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((part) => part.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u));
}

/**
 * Checks the next batch of results that may be look-alikes (loading them); a batch with no genuine result
 * ends the checking: every result left unchecked is then taken for a look-alike, unloaded. With one bundle,
 * which answers each word wholly by look-alikes or not at all, a page's worth tells: a batch of genuine
 * results only clears the rest too. One batch at a time.
 */
function checkSuspects(current) {
  current.checking = (current.checking || Promise.resolve()).then(async () => {
    const batch = current.suspects.filter((entry) => entry.lookAlike === undefined).slice(0, current.oneBundle ? PAGE_SIZE : SUSPECT_BATCH);
    if (batch.length === 0) return;
    await Promise.all(batch.map(load));
    // A stale result is not a look-alike: it is counted as stale.
    for (const entry of batch) entry.lookAlike = !isStale(current, entry) && isLookAlike(current, entry);
    const noneGenuine = batch.every((entry) => entry.lookAlike || isStale(current, entry));
    const allGenuine = current.oneBundle && !batch.some((entry) => entry.lookAlike);
    if (noneGenuine || allGenuine) for (const entry of current.suspects) if (entry.lookAlike === undefined) entry.lookAlike = noneGenuine;
  });
  return current.checking;
}

function uncheckedSuspects(current) {
  return current.suspects.filter((entry) => entry.lookAlike === undefined).length;
}

/** Whether "Show more" could show anything: a result left that is not a known look-alike. */
function hasMore(current) {
  return current.entries.slice(current.cursor).some((entry) => entry.lookAlike !== true);
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
    while (batch.some((entry) => entry.suspect && entry.lookAlike === undefined)) await checkSuspects(current);
    current.cursor += batch.length;
    const shown = batch.filter((entry) => !entry.lookAlike);
    await Promise.all(shown.map(load));
    for (const entry of shown) {
      if (isStale(current, entry)) current.staleSeen += 1;
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
  const unloaded = rest.filter((entry) => entry.stale.size > 0 && !entry.loaded && entry.lookAlike !== true).length;
  const unknown = Math.min(current.staleSize - current.staleSeen, unloaded);
  // Results that may be look-alikes and are not checked yet: as many are taken for look-alikes as among
  // those checked (none before any is), and make the count "about".
  const unchecked = uncheckedSuspects(current);
  const checked = current.suspects.length - unchecked;
  const lookAlikes = current.suspects.filter((entry) => entry.lookAlike).length;
  const guessed = checked === 0 ? 0 : Math.round((unchecked * lookAlikes) / checked);
  const known = current.entries.length - current.staleSeen - lookAlikes - guessed;
  if (unknown <= 0) return { n: known, exact: unchecked === 0 };
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
