import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser and Eleventy suites build whole sites: keep them off each other's cores.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    setupFiles: ["./tests/support/remove-scratch.ts"],
  },
});
