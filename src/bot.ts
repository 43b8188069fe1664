// Composition root: configuration → clock → database → Slack gateway → outbox → services →
// Bolt app → scheduler. Everything is built here and handed down; nothing below imports a
// global client. `main.ts` runs it as a process; tests and the demo run it in-process.

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { type Clock, SimulatedClock, systemClock } from "./clock/clock.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { providerOf, sqliteFilePath } from "./db/database-url.ts";
import { assertSchemaCurrent, pendingMigrationNames, prepareSchema } from "./db/migrations.ts";
import { operationalCounts } from "./db/queries/operations.ts";
import { pagerBacklog } from "./db/queries/pager-backlog.ts";
import { statuspageBacklog } from "./db/queries/statuspage-backlog.ts";
import { outboxQueue } from "./db/repositories/outbox.ts";
import { createStore } from "./db/repositories/store.ts";
import { lockSqliteForThisProcess, type ProcessLock } from "./db/single-process-lock.ts";
import type { Deps } from "./deps.ts";
import { configuredPagers } from "./domain/paging/pagers.ts";
import { buildWebAccess, signInRoutes, type WebAuthParts } from "./http/auth/index.ts";
import { healthRoute } from "./http/health-route.ts";
import { incidentPageRoutes } from "./http/incidents/incident-routes.ts";
import { metricsRoute } from "./http/metrics-route.ts";
import { livezRoute, readyzRoute } from "./http/probe-routes.ts";
import { createReadiness, type Readiness } from "./http/readiness.ts";
import { simClockRoute } from "./http/sim-clock-route.ts";
import { statusPageRoutes } from "./http/status/status-routes.ts";
import type { WebAccess } from "./http/web/viewer.ts";
import { createLogger, type Logger } from "./log/logger.ts";
import { createMetrics, type Metrics } from "./metrics/metrics.ts";
import { DELIVERIES } from "./outbox/deliveries/index.ts";
import { dispatchDelivery } from "./outbox/delivery.ts";
import { OutboxWorker } from "./outbox/worker.ts";
import { PagerHealth } from "./pager/health.ts";
import { scheduledJobs } from "./scheduler/jobs.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { SLACK_READ_DEADLINE_MS, within } from "./services/deadline.ts";
import { incidentPageUrl } from "./services/incident-page-url.ts";
import { cachedNames, slackNames } from "./services/postmortem/names.ts";
import { postmortemTemplate } from "./services/postmortem/template-file.ts";
import { loadRotationRegistry, type RotationRegistry } from "./services/rotations/registry.ts";
import { adoptRotationsGeneration } from "./services/rotations/sync-rotations.ts";
import { buildSlackApp } from "./slack/app.ts";
import { learnBotIdentity } from "./slack/bot-identity.ts";
import { createChannelMembership, notingInvites } from "./slack/channel-membership.ts";
import { createDirectory } from "./slack/directory.ts";
import { createGateway, createOpenIdGateway } from "./slack/gateway.ts";
import { createRecentMessages } from "./slack/recent-messages.ts";
import { guardAgainstTransactions } from "./slack/transaction-guard.ts";
import { createUserDirectory } from "./slack/user-directory.ts";
import { StatuspageHealth } from "./statuspage/health.ts";

export interface BotOptions {
  /** Log sink (tests collect lines); default stdout. */
  logDestination?: { write(line: string): unknown };
  logger?: Logger;
}

export interface RunningBot {
  deps: Deps;
  clock: Clock;
  /** HTTP port of /slack/events (HTTP mode) and /healthz. */
  port: number;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  readiness: Readiness;
  metrics: Metrics;
  /** Who is viewing an internal page and may they read an incident (src/http/auth). */
  webAccess: WebAccess;
  stop(): Promise<void>;
}

export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const secrets = [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.operations.metricsToken,
    config.signIn?.clientSecret,
    config.signIn?.sessionSecret,
  ].filter((s): s is string => Boolean(s));
  const logger =
    options.logger ??
    createLogger({
      level: config.log.level,
      format: config.log.format,
      secrets,
      destination: options.logDestination,
    });
  // Leases and job claims are held by a random id, never hostname+pid: two containers can share
  // both (pid 1, a fixed hostname), and one must never take over work the other still holds.
  const instanceId = randomUUID();

  const simulated =
    config.clock.mode === "simulated" ? new SimulatedClock(config.clock.simStart ?? new Date()) : null;
  const clock: Clock = simulated ?? systemClock;
  if (simulated) {
    logger.warn(
      { now: simulated.now().toISOString() },
      "SIMULATED CLOCK: time stands still until POST /_sim/clock moves it (demo/drill mode, never production)",
    );
  }

  // An unusable rotations file stops the bot before it touches anything (RotationsFileError).
  const rotations = await loadRotationRegistry(config.incidents.rotationsFile, clock.now());
  for (const warning of rotations.warnings)
    logger.warn({ file: rotations.file }, `rotation coverage: ${warning}`);

  let database: Database | undefined;
  let processLock: ProcessLock | undefined;
  try {
    // Before migrating: a second bot on the same SQLite file stops here (DatabaseInUseError).
    if (providerOf(config.databaseUrl) === "sqlite")
      processLock = lockSqliteForThisProcess(sqliteFilePath(config.databaseUrl));
    const applied = await prepareSchema(providerOf(config.databaseUrl), config.databaseUrl);
    if (applied.length) logger.info({ migrations: applied }, "applied database migrations");
    database = await openDatabase(config.databaseUrl, {
      processLock,
      preparedStatements: config.databasePreparedStatements,
      checkpointOffThread: {
        onFailure: (error) =>
          logger.warn({ err: error }, "SQLite checkpoint thread failed; commits checkpoint the log again"),
      },
    });
    await assertSchemaCurrent(database.db, database.provider);
    return await assemble(config, { logger, clock, simulated, database, instanceId, rotations });
  } catch (error) {
    await database?.close().catch(() => {});
    processLock?.release();
    throw error;
  }
}

async function assemble(
  config: Config,
  parts: {
    logger: Logger;
    clock: Clock;
    simulated: SimulatedClock | null;
    database: Database;
    instanceId: string;
    rotations: RotationRegistry;
  },
): Promise<RunningBot> {
  const { logger, clock, simulated, database, instanceId, rotations } = parts;
  const metrics = createMetrics({
    clock,
    logger: logger.child({ component: "metrics" }),
    readCounts: () => operationalCounts(database.db),
  });
  const webApi = guardAgainstTransactions(
    createGateway({
      token: config.slack.botToken,
      apiUrl: config.slack.apiUrl,
      logger,
      clock,
      observer: { call: metrics.slackCall, failed: metrics.slackError },
      ...(config.slack.pacing ? {} : { pacer: false as const }),
    }),
    config.slack.callsInTransaction,
    logger,
  );
  const membership = createChannelMembership((channel) => webApi.channelMembers(channel));
  const gateway = notingInvites(webApi, membership);

  let outbox: OutboxWorker | undefined;
  const users = createUserDirectory(gateway);
  const recentMessages = createRecentMessages();
  const pagerHealth = new PagerHealth();
  const statuspageHealth = new StatuspageHealth();
  const deps: Deps = {
    config,
    clock,
    database,
    gateway,
    users,
    store: createStore(database),
    directory: createDirectory(gateway, users, membership, recentMessages),
    membership,
    recentMessages,
    logger,
    instanceId,
    kickOutbox: (touched) => outbox?.kick(touched),
    rotations,
    pagerHealth,
    statuspageHealth,
  };
  await adoptRotationsGeneration(deps);
  outbox = new OutboxWorker({
    queue: outboxQueue(database.db, database.provider),
    clock,
    logger: logger.child({ component: "outbox" }),
    instanceId,
    deliver: dispatchDelivery(DELIVERIES, deps),
    observeDelivery: metrics.outboxDelivery,
    pacing: config.slack.pacing,
  });
  const worker = outbox;
  const scheduler = new Scheduler({
    jobs: scheduledJobs(deps, worker),
    clock,
    logger: logger.child({ component: "scheduler" }),
    cronExpression: config.schedulerCron,
    observeLag: metrics.schedulerLag,
  });

  const identity = await learnBotIdentity(gateway, logger);
  // Sign in with Slack and the access checks the internal incident pages ask (issue 13 item 3).
  const webAuth: WebAuthParts = {
    signIn: config.signIn,
    appBaseUrl: config.appBaseUrl,
    clock,
    directory: deps.directory,
    openId: createOpenIdGateway({ apiUrl: config.slack.apiUrl, logger }),
    teamId: () => identity.teamId,
    logger,
  };
  const webAccess = buildWebAccess(webAuth);

  let stopping: Promise<void> | undefined;
  // Filled in once the Slack app exists (its routes need the readiness first).
  let socketModeConnected: () => boolean | null = () => null;
  const readiness = createReadiness({
    clock,
    logger: logger.child({ component: "readiness" }),
    stopping: () => stopping !== undefined,
    pingDatabase: () => database.ping(),
    pendingMigrations: () => pendingMigrationNames(database.db, database.provider),
    socketModeConnected: () => socketModeConnected(),
    oldestPendingOutboxAt: async () => (await worker.backlog()).oldestPendingAt,
    outboxStuckAfterMs: config.operations.outboxStuckAfterMs,
  });

  const routes = [
    livezRoute(),
    readyzRoute(readiness),
    metricsRoute(metrics, config.operations.metricsToken),
    healthRoute({
      database,
      clock,
      clockMode: config.clock.mode,
      outboxBacklog: () => worker.backlog(),
      instanceId,
      pagers: {
        configured: configuredPagers(config.paging),
        backlog: (pager) => pagerBacklog(database.db, pager),
        seen: (pager) => pagerHealth.get(pager),
      },
      ...(config.statuspage
        ? {
            statuspage: { backlog: () => statuspageBacklog(database.db), seen: () => statuspageHealth.get() },
          }
        : {}),
    }),
    ...(simulated ? [simClockRoute(simulated, scheduler)] : []),
    // The public status page reads only the database: it answers while Slack is down.
    ...statusPageRoutes({
      clock,
      publishedSince: (since) => deps.store.read.statusPage.publishedSince(since),
      onError: (error) => logger.warn({ err: error }, "status page could not be read"),
      appBaseUrl: config.appBaseUrl,
      cacheMs: config.operations.statusPageCacheMs,
      onRead: metrics.statusPageRead,
    }),
    ...signInRoutes(webAuth),
    // The internal incident pages: behind Sign in with Slack, read from the database only.
    ...incidentPageRoutes({
      access: webAccess,
      read: deps.store.read,
      clock,
      postmortem: {
        displayTimeZone: config.incidents.displayTimeZone ?? null,
        template: postmortemTemplate(config.incidents.postmortemTemplate),
        updateCadence: config.incidents.reminderCadence,
        locale: config.incidents.postmortemLocale,
        incidentPageUrl: (number) => incidentPageUrl(config, number),
      },
      // Names Slack has not given the bot yet are asked for, but a page never waits long.
      names: async (userIds) =>
        (await within(slackNames(deps)(userIds), SLACK_READ_DEADLINE_MS)) ??
        cachedNames(deps.store.read.userNames)(userIds),
      onError: (error, what) => logger.warn({ err: error }, what),
    }),
  ];
  const slack = buildSlackApp(deps, { routes, identity, observeAck: metrics.observeAck });
  socketModeConnected = () => slack.socketModeConnected();
  // A dropped or restored connection is logged as a readiness change when it happens, not only
  // at the next probe.
  slack.onSocketModeChange(() => {
    if (!stopping) void readiness.check().catch(() => {});
  });
  const port = await slack.start(config.port);
  logger.info(
    {
      port,
      mode: config.slack.socketMode ? "socket" : "http",
      database: database.provider,
      instanceId,
      host: hostname(),
      pid: process.pid,
    },
    "incident bot is running",
  );

  // Jobs run once at start-up in both modes, so work that fell due while the bot was down
  // (a shift change, an escalation) is done now, not skipped.
  if (!simulated) await scheduler.start();
  else await scheduler.runDue();
  worker.kick();

  return {
    deps,
    clock,
    port,
    outbox: worker,
    scheduler,
    readiness,
    metrics,
    webAccess,
    stop() {
      stopping ??= (async () => {
        const drainMs = config.operations.shutdownDrainDelayMs;
        if (drainMs > 0) {
          // /readyz already fails (stopping is set): requests keep being served while the load
          // balancer notices and stops routing here.
          logger.info({ drainMs }, "stopping: not ready, still serving while the load balancer drains");
          await new Promise((resolve) => setTimeout(resolve, drainMs));
        }
        logger.info("stopping: no new requests, finishing work in flight");
        await slack
          .stop()
          .catch((error) => logger.warn({ err: error }, "error while stopping the Slack receiver"));
        await scheduler.stop();
        await worker.stop();
        await database.close();
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}
