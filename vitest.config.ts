import { defineConfig } from "vitest/config";

// Two projects: `unit` (beside the code, no outside system) and `system` (test/: Docker, a registry,
// a browser or a spawned CLI; each suite skips what the machine lacks). `npm test` runs both.
export default defineConfig({
  test: {
    reporters: ["default", "./scripts/summary-reporter.ts"],
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts", "passes/**/*.test.ts"], testTimeout: 30_000 } },
      // Suites that build images with Docker set their own, longer timeouts.
      { test: { name: "system", include: ["test/**/*.test.ts"], exclude: ["test/apps/**"], testTimeout: 30_000, hookTimeout: 900_000 } },
    ],
  },
});
