// Use-case dependencies without Slack: a real database, a simulated clock, and a gateway that
// fails loudly if a use case calls Slack directly (they must go through the outbox). Whatever
// gateway a test passes is guarded: a Slack call inside a transaction fails the test.
import { SimulatedClock } from "../../src/clock/clock.ts";
import { loadConfig } from "../../src/config.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { createStore } from "../../src/db/repositories/store.ts";
import type { Deps } from "../../src/deps.ts";
import { createLogger } from "../../src/log/logger.ts";
import type { LanesTouched } from "../../src/outbox/intents.ts";
import { loadRotationRegistry } from "../../src/services/rotations/registry.ts";
import { createChannelMembership } from "../../src/slack/channel-membership.ts";
import { createDirectory } from "../../src/slack/directory.ts";
import type { Gateway } from "../../src/slack/gateway.ts";
import { createRecentMessages } from "../../src/slack/recent-messages.ts";
import { guardAgainstTransactions } from "../../src/slack/transaction-guard.ts";
import { createUserDirectory } from "../../src/slack/user-directory.ts";

export interface TestDeps extends Deps {
  clock: SimulatedClock;
  kicks: number;
  /** The urgent lanes each kick named, in order (see Deps.kickOutbox). */
  urgentKicks: string[][];
}

/** Where the simulated clock starts. */
export const TEST_DEPS_START = "2026-03-08T06:00:00Z";

const noSlack = new Proxy({} as Gateway, {
  get: (_target, method) => () =>
    Promise.reject(new Error(`use case called Slack directly: ${String(method)}`)),
});

export async function createTestDeps(
  databaseUrl: string,
  env: Record<string, string> = {},
  gateway: Gateway = noSlack,
): Promise<TestDeps & { close(): Promise<void> }> {
  const database: Database = await openDatabase(databaseUrl);
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "test-signing-secret",
    DATABASE_URL: databaseUrl,
    ...env,
  });
  const clock = new SimulatedClock(new Date(TEST_DEPS_START));
  const rotations = await loadRotationRegistry(config.incidents.rotationsFile, clock.now());
  const logger = createLogger({ level: "warn", format: "json", destination: { write: () => {} } });
  gateway = guardAgainstTransactions(gateway, "refuse", logger);
  const users = createUserDirectory(gateway);
  const slack = gateway;
  const membership = createChannelMembership((channel) => slack.channelMembers(channel));
  const recentMessages = createRecentMessages();
  const deps = {
    config,
    clock,
    rotations,
    database,
    gateway,
    users,
    store: createStore(database),
    directory: createDirectory(gateway, users, membership, recentMessages),
    membership,
    recentMessages,
    logger,
    instanceId: "test",
    kicks: 0,
    urgentKicks: [] as string[][],
    kickOutbox(touched?: LanesTouched) {
      deps.kicks++;
      deps.urgentKicks.push([...(touched?.urgent ?? [])]);
    },
    close: () => database.close(),
  };
  return deps;
}
