// Starts Pagefind's search UI. An external file (no inline script, so the site's CSP can forbid them).
// Paths come from data attributes the template writes, so search works under any path prefix.
// A large archive is indexed in shards (/pagefind/, /pagefind-2/, …) listed in /pagefind/shards.json; the
// first is the UI's own bundle, the others are merged in at search time (Pagefind's mergeIndex, issue 6).
async function shardBundles(bundlePath) {
  const bundle = new URL(bundlePath, window.location.href);
  try {
    const response = await fetch(new URL("shards.json", bundle));
    if (!response.ok) return [];
    const { merge } = await response.json();
    return merge.map((rel) => ({ bundlePath: new URL(rel, bundle).pathname }));
  } catch {
    return [];
  }
}

window.addEventListener("DOMContentLoaded", async () => {
  const element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const mergeIndex = await shardBundles(element.dataset.bundlePath);
  const ui = new window.PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundlePath,
    baseUrl: element.dataset.baseUrl,
    mergeIndex,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
  });
  // Pagefind's input is labelled only by its placeholder; give it a name once the UI has drawn it.
  const label = () => {
    const input = element.querySelector("input[type=text], input[type=search], input:not([type])");
    if (!input) return false;
    input.setAttribute("aria-label", "Search the archive");
    return true;
  };
  if (!label()) {
    const observer = new MutationObserver(() => {
      if (label()) observer.disconnect();
    });
    observer.observe(element, { childList: true, subtree: true });
  }
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
