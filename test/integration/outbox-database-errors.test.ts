// A database error in the middle of a delivery (a dropped connection, as in a failover) is
// retried like a Slack outage; only errors that will not pass mark a message failed.
import { describe, expect, it } from "vitest";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

/** Queued where what is delivered does not matter, only what becomes of it. */
const reaction = { kind: "reaction.add", channelId: "C1", ts: "1.0", name: "eyes" };

describe("outbox delivery hitting a database error (PostgreSQL)", () => {
  const { clock, database, queue, workerWith } = outboxWorkerOnTestDatabase("postgresql");

  it("retries a delivery whose database connection was dropped, and delivers it", async () => {
    const id = await queue("channel:CDROPPED", reaction);
    let calls = 0;
    const worker = workerWith(async () => {
      calls++;
      // The server ends this query's connection, as on a restart or failover.
      if (calls === 1) await database.db.$queryRawUnsafe("SELECT pg_terminate_backend(pg_backend_pid())");
      return { delivered: true };
    });
    await worker.drain();
    const waiting = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting.status).toBe("pending");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(clock.now().getTime());

    clock.set(new Date(waiting.nextAttemptAt.getTime() + 1));
    await worker.drain();
    const delivered = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(delivered.status).toBe("done");
    expect(delivered.attempts).toBe(2);
    expect(delivered.result).toEqual({ delivered: true });
  });

  it("lets the retry look for a post made before the database failed, so nothing is posted twice", async () => {
    // A summary was posted, then storing its ts hit the dropped connection.
    const id = await queue("incident:77", { kind: "summary.refresh", scope: { incidentId: 77 } });
    const seen: boolean[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      seen.push(attempt.previouslyAttempted);
      if (seen.length === 1)
        await database.db.$queryRawUnsafe("SELECT pg_terminate_backend(pg_backend_pid())");
      return { ts: "1.0" };
    });
    await worker.drain();
    const waiting = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    clock.set(new Date(waiting.nextAttemptAt.getTime() + 1));
    await worker.drain();
    expect(seen).toEqual([false, true]);
    expect((await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  it("still marks a message failed when its delivery fails for a reason that will not pass", async () => {
    const id = await queue("channel:CBROKEN", reaction);
    const worker = workerWith(async () => {
      throw new TypeError("cannot read properties of undefined");
    });
    await worker.drain();
    const failed = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toContain("cannot read properties of undefined");
  });
});
