// tsx, registered at most once per process. The CLI starts from its compiled bundle when it has one
// (bin/broadsheet.js), without tsx: every module resolved through tsx's loader thread cost ~0.75 s of a
// one-edit build at 10,000 articles (#6). Whatever must still load TypeScript from source (the CLI without a
// bundle, Eleventy's dev server watching .eleventy.ts) registers it here first. Plain JavaScript: the
// launcher calls it before any TypeScript can load.

const KEY = Symbol.for("broadsheet.typescriptLoader");

/** Registers tsx unless this process already has. */
export function useTypeScriptLoader() {
  const holder = /** @type {Record<symbol, Promise<void> | undefined>} */ (globalThis);
  holder[KEY] ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return holder[KEY];
}
