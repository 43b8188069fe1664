// The bot as a process: read configuration, start, stop cleanly on SIGTERM/SIGINT.
// Exit codes: 2 = configuration problem, 3 = database not ready (schema behind / unreachable),
// 4 = another bot already runs on this SQLite file.
import { existsSync } from "node:fs";
import { startBot } from "./bot.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { SchemaBehindError } from "./db/migrations.ts";
import { DatabaseInUseError } from "./db/single-process-lock.ts";
import { scrubSecrets } from "./log/logger.ts";
import { RotationsFileError } from "./services/rotations/registry.ts";

// `.env` is read when present; real environment variables win over it.
if (existsSync(".env")) process.loadEnvFile(".env");

/** Never a secret in what the process prints: tokens, the signing secret, URL passwords. */
function fail(message: string, code: number): never {
  const secrets = [
    process.env.SLACK_BOT_TOKEN,
    process.env.SLACK_SIGNING_SECRET,
    process.env.SLACK_APP_TOKEN,
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

try {
  const bot = await startBot(config);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    bot.deps.logger.info({ signal }, "shutdown requested");
    void bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
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
