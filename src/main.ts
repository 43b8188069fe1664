// The bot as a process: read configuration, start, stop cleanly on SIGTERM/SIGINT.
// Exit codes: 2 = configuration problem, 3 = database not ready (schema behind / unreachable),
// 4 = another bot already runs on this SQLite file.
import { existsSync } from "node:fs";
import { startBot } from "./bot.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { SchemaBehindError } from "./db/migrations.ts";
import { DatabaseInUseError } from "./db/single-process-lock.ts";
import { nextLogLevel, scrubSecrets, setLogLevel } from "./log/logger.ts";
import { logOperatorEvent } from "./log/operator-events.ts";
import { RotationsFileError } from "./services/rotations/registry.ts";

// `.env` is read when present; real environment variables win over it.
if (existsSync(".env")) process.loadEnvFile(".env");

/** Never a secret in what the process prints: tokens, the signing secret, URL passwords. */
function fail(message: string, code: number): never {
  const secrets = [
    process.env.SLACK_BOT_TOKEN,
    process.env.SLACK_SIGNING_SECRET,
    process.env.SLACK_APP_TOKEN,
    process.env.METRICS_TOKEN,
  ].filter((s): s is string => Boolean(s));
  const safe = scrubSecrets(message, secrets).replace(/(\w+:\/\/[^:/@\s]+):[^@\s]+@/g, "$1:[redacted]@");
  process.stderr.write(`${safe}\n`);
  process.exit(code);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    fail(
      `The incident bot cannot start. ${error.message}\n\nSet these in the environment or in .env (see .env.example and README "Configuration").`,
      2,
    );
  }
  throw error;
}

// Listen for a stop before starting: /healthz answers (and a supervisor may send SIGTERM)
// before startBot resolves, and a signal with no handler kills the process mid-delivery.
let requestedStop: NodeJS.Signals | null = null;
let onStopSignal = (signal: NodeJS.Signals) => {
  requestedStop = signal;
};
process.on("SIGTERM", (signal) => onStopSignal(signal));
process.on("SIGINT", (signal) => onStopSignal(signal));

try {
  const bot = await startBot(config);
  const logger = bot.deps.logger;
  let stopping = false;
  // The same signal often arrives more than once: under `npm start` or Ctrl-C the whole process
  // group gets it and npm forwards its own copy too. A repeat must not cut the drain short (that
  // is how deliveries were left half done); the timeout below bounds a stop that hangs.
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info({ signal }, "already stopping; waiting for work in flight");
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutMs: config.operations.shutdownTimeoutMs }, "shutdown requested");
    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs: config.operations.shutdownTimeoutMs },
        "graceful stop did not finish in time; exiting (unfinished deliveries are retried at next start)",
      );
      process.exit(1);
    }, config.operations.shutdownTimeoutMs);
    deadline.unref();
    void bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  onStopSignal = shutdown;
  // A stop asked for while starting is carried out now that there is something to stop.
  if (requestedStop) shutdown(requestedStop);
  // Log level without a restart: each SIGUSR2 moves LOG_LEVEL → debug → trace → LOG_LEVEL.
  process.on("SIGUSR2", () => {
    const from = logger.level;
    const to = nextLogLevel(config.log.level, from);
    setLogLevel(logger, to);
    // Written at the new level, which is on by definition, whatever it is.
    logOperatorEvent(
      logger,
      to,
      { event: "log_level_changed", from, to, signal: "SIGUSR2" },
      `log level is now ${to}`,
    );
  });
} catch (error) {
  if (error instanceof SchemaBehindError) fail(error.message, 3);
  if (error instanceof DatabaseInUseError) fail(`The incident bot cannot start. ${error.message}`, 4);
  if (error instanceof RotationsFileError) {
    fail(
      `The incident bot cannot start. ${error.message}\n\nFix the file (see rotations.example.yml and README "Rotations and handoffs") or unset ROTATIONS_FILE.`,
      2,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  fail(
    `The incident bot could not start: ${message}`,
    /ECONNREFUSED|database|P1001|connect/i.test(message) ? 3 : 1,
  );
}
