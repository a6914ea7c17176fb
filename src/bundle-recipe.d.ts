// Types of bundle-recipe.js (plain JavaScript, loaded by bin/broadsheet.js before tsx).
/** The sources a bundle was made from, and the hash of their contents. */
export interface BundleRecipe {
  readonly inputs: readonly string[];
  readonly hash: string;
}
export declare const BUNDLE_CACHE_DIR: string;
export declare function bundleFiles(entry: string, cacheDir: string): { readonly name: string; readonly recipe: string; bundle(hash: string): string };
export declare function currentBundle(entry: string, cacheDir?: string): string | undefined;
export declare function readRecipe(file: string): BundleRecipe | undefined;
export declare function hashSources(files: readonly string[], contentOf: (file: string) => Uint8Array, esbuildVersion?: string): string;
export declare function esbuildVersionOf(): string;
