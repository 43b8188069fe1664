// Use-case dependencies whose Slack is a local emulator (createTestDeps with a real gateway), for
// integration tests of deliveries. Call it in a describe block; each call of the function it
// returns opens a database and an emulator of its own (each emulator numbers its channels from
// the same start, so a test's ids do not depend on the tests before it), all closed after each test.
import { afterEach } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { createLogger, type Logger } from "../../src/log/logger.ts";
import { createGateway } from "../../src/slack/gateway.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from "./slack-emulator/index.ts";
import { createTestDeps, TEST_DEPS_START, type TestDeps } from "./test-deps.ts";

export interface EmulatorDepsOptions {
  emulator?: SlackEmulatorOptions;
  /** Where the gateway and the use cases log (default: nowhere, warnings and worse). */
  logger?: Logger;
}

export function depsWithSlackEmulator(
  provider: Provider,
): (options?: EmulatorDepsOptions) => Promise<{ emulator: SlackEmulator; deps: TestDeps }> {
  const open: {
    emulator: SlackEmulator;
    database: TestDatabase;
    deps: TestDeps & { close(): Promise<void> };
  }[] = [];

  afterEach(async () => {
    for (const { emulator, database, deps } of open.splice(0)) {
      await deps.close();
      await emulator.stop();
      await database.drop();
    }
  });

  return async (options = {}) => {
    const database = await createTestDatabase(provider);
    const emulator = await startSlackEmulator(options.emulator);
    const logger =
      options.logger ?? createLogger({ level: "warn", format: "json", destination: { write: () => {} } });
    const gateway = createGateway({
      token: emulator.botToken,
      apiUrl: emulator.apiUrl,
      logger,
      // The gateway paces on a clock of its own, at the deps' start; these tests never move time.
      clock: new SimulatedClock(new Date(TEST_DEPS_START)),
    });
    const deps = await createTestDeps(database.url, {}, gateway);
    deps.logger = logger;
    open.push({ emulator, database, deps });
    return { emulator, deps };
  };
}
