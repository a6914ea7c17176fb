// An editor's control over entities (content/entities.yaml): merge, rename, retype, block.
// FIRST PASS (lead): the types only. The extraction helper implements parsing and applying.

import type { EntityType } from "../types.ts";

export interface EditorialRules {
  /** Entities never shown, by `${type}:${name}` or by name alone (any type). */
  readonly block: readonly string[];
  /** alias name → canonical name (same type). */
  readonly merge: Readonly<Record<string, string>>;
  /** canonical name → new display name. */
  readonly rename: Readonly<Record<string, string>>;
  /** name → type it really is. */
  readonly retype: Readonly<Record<string, EntityType>>;
}

export const NO_EDITORIAL_RULES: EditorialRules = { block: [], merge: {}, rename: {}, retype: {} };
