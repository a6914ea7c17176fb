import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A browser page on a loaded 2-core CI machine can take seconds to load Pagefind: poll as long as a hook waits
    // for a page, not expect.poll's 1 s default (a 1 s poll failed a search test in CI once).
    expect: { poll: { timeout: 15_000 } },
    // Browser and Eleventy suites build whole sites: keep them off each other's cores.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    setupFiles: ["./tests/support/remove-scratch.ts"],
  },
});
