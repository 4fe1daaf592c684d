import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "passes/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Suites that build images with Docker set their own, longer timeouts.
    hookTimeout: 900_000,
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
