import { defineConfig } from "vitest/config";

// Three kinds of tests (see README "Tests"):
// - unit: pure domain code, no database, no network; runs with PostgreSQL stopped;
// - integration: repositories and services against real SQLite and real PostgreSQL;
// - e2e: the real app over signed HTTP against the local Slack emulator.
// Only the projects that use databases migrate the templates (test/support/global-setup.ts).
//
// Timeouts are generous on purpose: they only matter when something hangs, and CI may share its
// cores with other jobs (two full runs beside other work have made a 2-core machine ten times
// slower than a quiet one). Tests set none of their own, except the benchmark smoke run.
// Waiting inside a test goes through test/support/eventually.ts.
const databases = ["test/support/global-setup.ts"];

export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "integration", include: ["test/integration/**/*.test.ts"], globalSetup: databases },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: databases,
          setupFiles: ["test/support/fail-on-slack-violations.ts"],
          testTimeout: 600_000,
        },
      },
    ],
  },
});
