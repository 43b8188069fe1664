// Operator tool for the outbox: `npm run outbox -- status | retry-failed [--lane L] | release-leases`.
// Works on SQLite and PostgreSQL (DATABASE_URL), with or without the bot running.
import { makeDueNow, outboxStatus, releaseOutboxLeases, requeueFailed } from "../db/repositories/outbox.ts";
import { openDatabaseForCli } from "./open-database.ts";

const [command, ...rest] = process.argv.slice(2);
const laneArg = rest.indexOf("--lane") >= 0 ? rest[rest.indexOf("--lane") + 1] : undefined;
const database = await openDatabaseForCli();
const { db } = database;

try {
  switch (command) {
    case "status": {
      const status = await outboxStatus(db);
      console.log(
        `messages by status: ${status.byStatus.map((g) => `${g.status} ${g.count}`).join(", ") || "none"}`,
      );
      for (const { lane, pending, since, head } of status.lanes) {
        console.log(
          `  ${lane}: ${pending} pending since ${since?.toISOString()}; head #${head.id} ${head.kind} attempts ${head.attempts}, next ${head.nextAttemptAt.toISOString()}${head.lastError ? `, last error: ${head.lastError}` : ""}`,
        );
      }
      for (const message of status.failed)
        console.log(`  failed #${message.id} ${message.lane} ${message.kind}: ${message.lastError}`);
      for (const lease of status.leases)
        console.log(`  lease ${lease.key} held by ${lease.holder} until ${lease.expiresAt.toISOString()}`);
      break;
    }
    case "retry-failed": {
      // Failed messages were refused by Slack (e.g. the bot was removed from a channel); once
      // the cause is fixed, they go back in the queue with a fresh attempt count.
      const count = await requeueFailed(db, laneArg);
      console.log(`${count} failed message(s) queued again; the bot delivers them at its next tick`);
      break;
    }
    case "retry-now": {
      const count = await makeDueNow(db, laneArg);
      console.log(`${count} pending message(s) made due now`);
      break;
    }
    case "release-leases": {
      // Only needed when a replica died and its leases have not expired yet (20 s at most).
      const count = await releaseOutboxLeases(db);
      console.log(`${count} outbox lease(s) released`);
      break;
    }
    default:
      console.error(
        "usage: npm run outbox -- status | retry-failed [--lane L] | retry-now [--lane L] | release-leases",
      );
      process.exitCode = 2;
  }
} finally {
  await database.close();
}
