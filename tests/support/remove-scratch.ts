// Setup file (vitest.config.ts): each test file's scratch folders (scratch-dirs.ts) go after its tests.
import { afterAll } from "vitest";
import { removeScratchDirs } from "./scratch-dirs.ts";

afterAll(removeScratchDirs);
