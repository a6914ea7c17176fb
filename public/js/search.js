// Starts Pagefind's search UI. An external file (no inline script, so the site's CSP can forbid them).
// Paths come from data attributes the template writes, so search works under any path prefix.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const ui = new window.PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundlePath,
    baseUrl: element.dataset.baseUrl,
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
