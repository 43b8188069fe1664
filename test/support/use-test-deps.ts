// Use-case dependencies on a test database of their own for one describe block: created before
// its first test, closed and dropped after its last. The block's tests share them, and with
// them what earlier tests left in the database. Call it in the describe block; the function it
// returns gives the deps (its database URL is `config.databaseUrl`).
import { afterAll, beforeAll } from "vitest";
import type { Provider } from "../../src/db/database-url.ts";
import type { Gateway } from "../../src/slack/gateway.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { createTestDeps, type TestDeps } from "./test-deps.ts";

export interface TestDepsOptions {
  /** Environment on top of the test tokens (INCIDENT_ANNOUNCE_CHANNEL, INCIDENT_ADMINS…). */
  env?: Record<string, string>;
  /** The Slack the use cases reach (default: none, a call fails the test). */
  gateway?: Gateway;
}

/** Deps as createTestDeps gives them; closing them is the hook's job, after the block. */
type OpenTestDeps = TestDeps & { close(): Promise<void> };

export function useTestDeps(provider: Provider, options: TestDepsOptions = {}): () => OpenTestDeps {
  let database: TestDatabase | undefined;
  let deps: OpenTestDeps | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    deps = await createTestDeps(database.url, options.env, options.gateway);
  });
  afterAll(async () => {
    await deps?.close();
    await database?.drop();
  });

  return () => {
    if (!deps) throw new Error("the test deps exist only between the block's beforeAll and afterAll");
    return deps;
  };
}
