// content/entities.yaml (the editor's merges, renames, retypes and blocks), when the content folder has one.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { NO_EDITORIAL_RULES, parseEditorialRules, type EditorialRules } from "../archive/index.ts";

export async function readEditorialRules(contentDir: string): Promise<EditorialRules> {
  const file = path.join(contentDir, "entities.yaml");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return NO_EDITORIAL_RULES;
    throw error;
  }
  return parseEditorialRules(text, file);
}
