// Command-line parsing shared by every command: unknown flags are usage errors (exit 2), never ignored.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export function parseOptions<T extends OptionSpec>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}
