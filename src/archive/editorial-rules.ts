// An editor's control over entities: content/entities.yaml. Applied by resolveEntities to every article;
// the extractor's output never overrides it (issue 3, target 6). The file's format:
//
//   # Names are matched ignoring case and accents. Every section is optional.
//   merge:                      # canonical name: the other names that are the same entity
//     Donald Trump: [Trump, President Trump]
//     U.S. Immigration and Customs Enforcement: ICE      # one alias may be written without brackets
//   rename:                     # canonical name: the name to show instead
//     Wal - Mart: Walmart
//   retype:                     # name: person | organization | place | law
//     Apple: organization
//   block:                      # never shown: a name (any type) or type:name
//     - Wednesday
//     - place:San Francisco
//
// A name may appear in only one merge entry. Bad YAML or an unknown section throws EditorialFileError
// naming the line, so a typo never silently changes the site.

import yaml from "js-yaml";
import { EditorialFileError } from "../errors.ts";
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

const SECTIONS = ["merge", "rename", "retype", "block"] as const;
const TYPES: readonly EntityType[] = ["person", "organization", "place", "law"];
const FORMAT_HINT = "See the format described at the top of src/archive/editorial-rules.ts (sections: merge, rename, retype, block).";

export function parseEditorialRules(yamlText: string, file: string): EditorialRules {
  let doc: unknown;
  try {
    doc = yaml.load(yamlText, { filename: file });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? "is not valid YAML";
    throw new EditorialFileError(`is not valid YAML: ${reason}`, {
      file,
      ...(mark?.line === undefined ? {} : { line: mark.line + 1 }),
      fix: "Fix the YAML syntax (indentation, a missing colon or an unclosed quote).",
      cause: error,
    });
  }
  if (doc === undefined || doc === null) return NO_EDITORIAL_RULES;
  const fail = (reason: string, needle: string | undefined, fix: string): never => {
    const line = needle === undefined ? undefined : lineOf(yamlText, needle);
    throw new EditorialFileError(reason, { file, ...(line === undefined ? {} : { line }), fix });
  };
  if (!isRecord(doc)) return fail("must be a mapping of sections (merge, rename, retype, block)", undefined, FORMAT_HINT);

  for (const key of Object.keys(doc)) {
    if (!(SECTIONS as readonly string[]).includes(key)) fail(`has an unknown section "${key}"`, key, FORMAT_HINT);
  }

  const merge: Record<string, string> = {};
  const mergeSection = doc["merge"];
  if (mergeSection !== undefined && mergeSection !== null) {
    if (!isRecord(mergeSection)) fail(`section "merge" must map a canonical name to its other names`, "merge", FORMAT_HINT);
    for (const [canonical, value] of Object.entries(mergeSection as Record<string, unknown>)) {
      const aliases = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
      if (!aliases || !aliases.every((a): a is string => typeof a === "string" && a.trim() !== "")) {
        fail(`merge "${canonical}" must list names (a name, or [name, name])`, canonical, "Write: Canonical Name: [Other Name, Another Name]");
      }
      for (const alias of aliases as string[]) {
        const previous = merge[alias.trim()];
        if (previous !== undefined && previous !== canonical.trim()) {
          fail(`"${alias}" is merged into both "${previous}" and "${canonical}"`, alias, "Keep the name under one merge entry.");
        }
        merge[alias.trim()] = canonical.trim();
      }
    }
  }

  const rename: Record<string, string> = {};
  const renameSection = doc["rename"];
  if (renameSection !== undefined && renameSection !== null) {
    if (!isRecord(renameSection)) fail(`section "rename" must map a name to its new name`, "rename", FORMAT_HINT);
    for (const [from, to] of Object.entries(renameSection as Record<string, unknown>)) {
      if (typeof to !== "string" || to.trim() === "") fail(`rename "${from}" needs a new name`, from, "Write: Old Name: New Name");
      rename[from.trim()] = (to as string).trim();
    }
  }

  const retype: Record<string, EntityType> = {};
  const retypeSection = doc["retype"];
  if (retypeSection !== undefined && retypeSection !== null) {
    if (!isRecord(retypeSection)) fail(`section "retype" must map a name to a type`, "retype", FORMAT_HINT);
    for (const [name, type] of Object.entries(retypeSection as Record<string, unknown>)) {
      if (typeof type !== "string" || !(TYPES as readonly string[]).includes(type)) {
        fail(`retype "${name}" has unknown type "${String(type)}"`, name, `Use one of: ${TYPES.join(", ")}.`);
      }
      retype[name.trim()] = type as EntityType;
    }
  }

  const block: string[] = [];
  const blockSection = doc["block"];
  if (blockSection !== undefined && blockSection !== null) {
    if (!Array.isArray(blockSection)) fail(`section "block" must be a list of names`, "block", "Write each name on its own line: - Name");
    for (const entry of blockSection as unknown[]) {
      if (typeof entry !== "string" || entry.trim() === "") fail(`block has an entry that is not a name`, "block", "Write each name on its own line: - Name");
      const value = (entry as string).trim();
      const colon = value.indexOf(":");
      if (colon > 0 && !(TYPES as readonly string[]).includes(value.slice(0, colon))) {
        fail(`block "${value}" has unknown type "${value.slice(0, colon)}"`, value, `Use one of: ${TYPES.join(", ")}, or the name alone.`);
      }
      block.push(value);
    }
  }

  return { block, merge, rename, retype };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** 1-based line of the first line mentioning `needle`, for positioned messages. */
function lineOf(text: string, needle: string): number | undefined {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(needle));
  return i < 0 ? undefined : i + 1;
}
