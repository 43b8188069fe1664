// Operator tool for the outbox: `npm run outbox -- status | retry-failed [--lane L] | release-leases`.
// Works on SQLite and PostgreSQL (DATABASE_URL), with or without the bot running.
import { openDatabaseForCli } from "./open-database.ts";

const [command, ...rest] = process.argv.slice(2);
const laneArg = rest.indexOf("--lane") >= 0 ? rest[rest.indexOf("--lane") + 1] : undefined;
const database = await openDatabaseForCli();
const { db } = database;

try {
  switch (command) {
    case "status": {
      const byStatus = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
      console.log(
        `messages by status: ${byStatus.map((g) => `${g.status} ${g._count._all}`).join(", ") || "none"}`,
      );
      const lanes = await db.outboxMessage.groupBy({
        by: ["lane"],
        where: { status: "pending" },
        _count: { _all: true },
        _min: { createdAt: true, nextAttemptAt: true },
        orderBy: { _min: { createdAt: "asc" } },
        take: 20,
      });
      for (const lane of lanes) {
        const head = await db.outboxMessage.findFirst({
          where: { lane: lane.lane, status: "pending" },
          orderBy: { id: "asc" },
        });
        console.log(
          `  ${lane.lane}: ${lane._count._all} pending since ${lane._min.createdAt?.toISOString()}; head #${head?.id} ${head?.kind} attempts ${head?.attempts}, next ${head?.nextAttemptAt.toISOString()}${head?.lastError ? `, last error: ${head.lastError}` : ""}`,
        );
      }
      const failed = await db.outboxMessage.findMany({
        where: { status: "failed" },
        orderBy: { id: "desc" },
        take: 20,
      });
      for (const message of failed)
        console.log(`  failed #${message.id} ${message.lane} ${message.kind}: ${message.lastError}`);
      const leases = await db.lease.findMany({ where: { key: { startsWith: "outbox:" } } });
      for (const lease of leases)
        console.log(`  lease ${lease.key} held by ${lease.holder} until ${lease.expiresAt.toISOString()}`);
      break;
    }
    case "retry-failed": {
      // Failed messages were refused by Slack (e.g. the bot was removed from a channel); once
      // the cause is fixed, they go back in the queue with a fresh attempt count.
      const result = await db.outboxMessage.updateMany({
        where: { status: "failed", ...(laneArg ? { lane: laneArg } : {}) },
        data: { status: "pending", attempts: 0, nextAttemptAt: new Date(0), lastError: null },
      });
      console.log(`${result.count} failed message(s) queued again; the bot delivers them at its next tick`);
      break;
    }
    case "retry-now": {
      const result = await db.outboxMessage.updateMany({
        where: { status: "pending", ...(laneArg ? { lane: laneArg } : {}) },
        data: { nextAttemptAt: new Date(0) },
      });
      console.log(`${result.count} pending message(s) made due now`);
      break;
    }
    case "release-leases": {
      // Only needed when a replica died and its leases have not expired yet (20 s at most).
      const result = await db.lease.deleteMany({ where: { key: { startsWith: "outbox:" } } });
      console.log(`${result.count} outbox lease(s) released`);
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
