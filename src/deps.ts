// What the use cases and listeners are given by the composition root (src/bot.ts).
import type { Clock } from "./clock/clock.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./log/logger.ts";
import type { RotationRegistry } from "./services/rotations/registry.ts";
import type { Gateway } from "./slack/gateway.ts";
import type { UserDirectory } from "./slack/user-directory.ts";

export interface Deps {
  config: Config;
  clock: Clock;
  database: Database;
  gateway: Gateway;
  users: UserDirectory;
  logger: Logger;
  /** Asks the outbox to deliver soon; call after a transaction that enqueued intents commits. */
  kickOutbox(): void;
  /** Identifies this process (leases, job claims). */
  instanceId: string;
  /** Follow-the-sun rotations from ROTATIONS_FILE (empty when unset). */
  rotations: RotationRegistry;
}
