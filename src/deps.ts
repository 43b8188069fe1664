// What the use cases and listeners are given by the composition root (src/bot.ts).
import type { Clock } from "./clock/clock.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Store } from "./db/repositories/store.ts";
import type { Logger } from "./log/logger.ts";
import type { LanesTouched } from "./outbox/intents.ts";
import type { PagerHealth } from "./pager/health.ts";
import type { Directory } from "./services/ports.ts";
import type { RotationRegistry } from "./services/rotations/registry.ts";
import type { ChannelMembership } from "./slack/channel-membership.ts";
import type { Gateway } from "./slack/gateway.ts";
import type { RecentMessages } from "./slack/recent-messages.ts";
import type { UserDirectory } from "./slack/user-directory.ts";
import type { StatuspageHealth } from "./statuspage/health.ts";

export interface Deps {
  config: Config;
  clock: Clock;
  /** For the outbox and the listeners; use cases go through `store`. */
  database: Database;
  /** The Slack Web API, for the outbox and the listeners; use cases read through `directory`. */
  gateway: Gateway;
  users: UserDirectory;
  /** Channel members as the bot last knew them, kept current by events (lists only). */
  membership: ChannelMembership;
  /** Incident channels' latest messages as heard in events, per replica (pins read them first). */
  recentMessages: RecentMessages;
  /** Repositories and transactions for the use cases. */
  store: Store;
  /** Read-only lookups in Slack for the use cases. */
  directory: Directory;
  logger: Logger;
  /**
   * Asks the outbox to deliver soon; call after a transaction that enqueued intents commits.
   * Given the lanes it recorded work in (Repositories.outbox.lanesTouched), the urgent ones
   * start at once, and nothing is read when none of them can go yet.
   */
  kickOutbox(touched?: LanesTouched): void;
  /** Identifies this process (leases, job claims). */
  instanceId: string;
  /** Follow-the-sun rotations from ROTATIONS_FILE (empty when unset). */
  rotations: RotationRegistry;
  /** What this process has seen of each pager (issue 14), for /healthz; absent in some tests. */
  pagerHealth?: PagerHealth;
  /** What this process has seen of Statuspage (issue 13 item 4), for /healthz; absent in some tests. */
  statuspageHealth?: StatuspageHealth;
}

/**
 * What a use case (src/services, src/scheduler's jobs) is given: no gateway and no database,
 * so it can neither call Slack's write API nor reach around the repositories.
 */
export type ServiceDeps = Pick<
  Deps,
  "config" | "clock" | "store" | "directory" | "logger" | "kickOutbox" | "instanceId" | "rotations"
>;
