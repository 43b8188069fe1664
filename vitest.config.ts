import { defineConfig } from "vitest/config";

// Three kinds of tests (see README "Tests"):
// - unit: pure domain code, no database, no network;
// - integration: repositories and services against real SQLite and real PostgreSQL;
// - e2e: the real app over signed HTTP against the local Slack emulator.
export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "integration", include: ["test/integration/**/*.test.ts"] } },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
