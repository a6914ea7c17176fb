// Pages an Eleventy run has rendered so far, for the build's progress line (#6: stage, count, rate, time
// left). The plugin's transform calls pageRendered() for every output; a build listens with onPageRendered.
// Kept on globalThis under a registered symbol, as the render request is, because Eleventy imports
// .eleventy.ts itself and a second copy of this module must reach the same listeners.

const KEY = Symbol.for("broadsheet.pageListeners");
type Holder = { [KEY]?: Set<() => void> };

/** Calls `listener` once per page rendered in this process, until the returned function is called. */
export function onPageRendered(listener: () => void): () => void {
  const holder = globalThis as Holder;
  const listeners = (holder[KEY] ??= new Set());
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners that one more page was rendered. */
export function pageRendered(): void {
  const listeners = (globalThis as Holder)[KEY];
  if (listeners) for (const listener of listeners) listener();
}
