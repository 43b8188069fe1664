// The outbox worker's own statements: a lane pass opens with its lease and first read together
// (src/db/repositories/outbox-lane.ts); the settling statements (outbox-settle.ts) write rows
// that read back through the model as the model calls they replaced wrote them, and the one
// that ends a lane pass releases the lane's lease with it, never before the lane's last step.
import { describe, expect, it } from "vitest";
import type { Db, Tx } from "../../src/db/client.ts";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import { openLane } from "../../src/db/repositories/outbox-lane.ts";
import { NotReadyError } from "../../src/outbox/delivery.ts";
import { SlackCallError } from "../../src/slack/gateway.ts";
import { testedProviders } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const reaction = { kind: "reaction.add", channelId: "C1", ts: "1.0", name: "eyes" };

/**
 * `db` whose reads of outbox rows (plain SQL, src/db/plain-statements.ts) fail as a dropped
 * connection would, inside its transactions too; every other call (the lease's statements, and
 * on PostgreSQL the one that takes the lease and marks the head) goes through. Forwarded calls run on `db` itself, as src/db/sqlite-serialized.ts does. A
 * proxy is no client whose pool is known, so on PostgreSQL its statements go through it too.
 */
function outboxReadsFail<Client extends Db | Tx>(db: Client): Client {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "$queryRaw")
        return (query: { sql: string }) => {
          if (
            /^\s*(SELECT|WITH)[\s\S]*FROM "OutboxMessage"/.test(query.sql) &&
            !/INSERT INTO "Lease"/.test(query.sql)
          )
            throw new Error("connection lost");
          return (target as Db).$queryRaw(query as never);
        };
      if (prop === "$transaction")
        return (run: (tx: Tx) => Promise<unknown>, options?: Parameters<Db["$transaction"]>[1]) =>
          (target as Db).$transaction((tx) => run(outboxReadsFail(tx)), options);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe.each(testedProviders())("outbox settling statements on %s", (provider) => {
  const outbox = outboxWorkerOnTestDatabase(provider);
  const { clock, database, queue } = outbox;
  const tables = () => outboxQueue(database.db, provider);
  const row = (id: number) => database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
  const leases = () => database.db.lease.findMany({ orderBy: { key: "asc" } });

  it("writes a delivered, a failed and a retried message as the model reads them", async () => {
    const at = new Date("2026-03-08T06:01:02.345Z");
    const delivered = await queue("lane:a", reaction);
    const noResult = await queue("lane:b", reaction);
    const failed = await queue("lane:c", reaction);
    const retried = await queue("lane:d", reaction);
    const kept = await queue("lane:e", reaction);
    await tables().markSending(retried, at);
    await tables().markSending(kept, at);

    await tables().markDelivered(delivered, at, { ts: "1.5", nested: { ok: true, list: [1, "two"] } });
    await tables().markDelivered(noResult, at, undefined);
    await tables().markFailed(failed, "channel_not_found");
    const later = new Date(at.getTime() + 60_000);
    await tables().scheduleRetry(retried, {
      nextAttemptAt: later,
      lastError: "chat.update: paced",
      clearSending: true,
      attempts: 0,
    });
    await tables().scheduleRetry(kept, { nextAttemptAt: later, lastError: "boom", clearSending: false });

    expect(await row(delivered)).toMatchObject({
      status: "done",
      deliveredAt: at,
      lastError: null,
      result: { ts: "1.5", nested: { ok: true, list: [1, "two"] } },
    });
    expect(await row(noResult)).toMatchObject({ status: "done", deliveredAt: at, result: null });
    expect(await row(failed)).toMatchObject({
      status: "failed",
      lastError: "channel_not_found",
      attempts: 0,
    });
    expect(await row(retried)).toMatchObject({
      status: "pending",
      nextAttemptAt: later,
      lastError: "chat.update: paced",
      sendingAt: null,
      attempts: 0,
    });
    expect(await row(kept)).toMatchObject({
      status: "pending",
      nextAttemptAt: later,
      lastError: "boom",
      sendingAt: at,
      attempts: 1,
    });
    // Due in a minute as the worker's own read sees it (the instant compares as stored).
    expect((await tables().pendingInLane("lane:d", 5))[0]?.nextAttemptAt).toEqual(later);
    expect(await tables().dueLaneHeads(new Date(later.getTime() - 1), 10)).toEqual([]);
  });

  it("releases only the holder's own lease with a settling statement", async () => {
    const id = await queue("lane:f", reaction);
    const now = clock.now();
    expect(await tables().acquireLease("outbox:lane:f", "me", now, 60_000)).toBe(true);
    expect(await tables().acquireLease("outbox:lane:g", "someone else", now, 60_000)).toBe(true);
    await tables().markDelivered(id, now, { ok: true }, { key: "outbox:lane:g", holder: "me" });
    expect((await leases()).map((lease) => lease.key)).toEqual(["outbox:lane:f", "outbox:lane:g"]);
    await tables().markDelivered(id, now, { ok: true }, { key: "outbox:lane:f", holder: "me" });
    expect((await leases()).map((lease) => lease.key)).toEqual(["outbox:lane:g"]);
    expect(await row(id)).toMatchObject({ status: "done", result: { ok: true } });
    await database.db.lease.deleteMany({});
  });

  it("opens a lane only for the lease's holder, with the lane's pending messages in order", async () => {
    const first = await queue("lane:j", reaction);
    const second = await queue("lane:j", reaction);
    await queue("lane:k", reaction);
    const now = clock.now();
    const opening = { lane: "lane:j", leaseKey: "outbox:lane:j", now, ttlMs: 60_000, limit: 5 };
    expect(await tables().acquireLease("outbox:lane:j", "other", now, 60_000)).toBe(true);
    expect(await tables().openLane({ ...opening, holder: "me" })).toBeNull();

    const later = new Date(now.getTime() + 61_000);
    const read = await tables().openLane({ ...opening, holder: "me", now: later });
    expect(read?.map((message) => message.id)).toEqual([first, second]);
    expect(read?.[0]).toMatchObject({ lane: "lane:j", kind: "reaction.add", payload: reaction, attempts: 0 });
    expect(await database.db.lease.findUnique({ where: { key: "outbox:lane:j" } })).toEqual({
      key: "outbox:lane:j",
      holder: "me",
      expiresAt: new Date(later.getTime() + 60_000),
    });
    // Ours, and the lane emptied: still opened (a renewal), with nothing to read.
    await database.db.outboxMessage.updateMany({ where: { lane: "lane:j" }, data: { status: "done" } });
    expect(await tables().openLane({ ...opening, holder: "me", now: later })).toEqual([]);
    await database.db.lease.deleteMany({});
  });

  it("marks the lane's head as being sent in the read that opens the lane, when nothing can hold it back", async () => {
    const head = await queue("lane:m", reaction);
    const behind = await queue("lane:m", reaction);
    const now = clock.now();
    const opening = { lane: "lane:m", leaseKey: "outbox:lane:m", holder: "me", now, ttlMs: 60_000, limit: 5 };
    const read = await tables().openLane(opening);
    // The read shows the rows as they were (no earlier attempt), the head marked in it.
    expect(
      read?.map((message) => [message.id, message.sendingAt, message.attempts, message.markedInRead]),
    ).toEqual([
      [head, null, 0, true],
      [behind, null, 0, undefined],
    ]);
    expect(await row(head)).toMatchObject({ status: "pending", sendingAt: now, attempts: 1 });
    expect(await row(behind)).toMatchObject({ sendingAt: null, attempts: 0 });
    await database.db.lease.deleteMany({});
  });

  it("leaves unmarked a head that merges, one a pass may hold back, one not due, and a lane it does not open", async () => {
    const now = clock.now();
    const heads = {
      refresh: await queue("lane:n", { kind: "summary.refresh", scope: { incidentId: 1 } }),
      invite: await queue("lane:o", {
        kind: "channel.invite",
        scope: { incidentId: 1 },
        users: ["U1"],
        groups: [],
      }),
      later: await queue("lane:p", reaction),
      taken: await queue("lane:q", reaction),
    };
    await database.db.outboxMessage.update({
      where: { id: heads.later },
      data: { nextAttemptAt: new Date(now.getTime() + 1_000) },
    });
    expect(await tables().acquireLease("outbox:lane:q", "other", now, 60_000)).toBe(true);
    for (const lane of ["lane:n", "lane:o", "lane:p", "lane:q"]) {
      const read = await tables().openLane({
        lane,
        leaseKey: `outbox:${lane}`,
        holder: "me",
        now,
        ttlMs: 60_000,
        limit: 5,
      });
      expect(read?.some((message) => message.markedInRead) ?? false).toBe(false);
    }
    for (const id of Object.values(heads))
      expect(await row(id)).toMatchObject({ sendingAt: null, attempts: 0 });
    await database.db.lease.deleteMany({});
  });

  it("looks for an earlier result when a pass that marked its head in the read never settled it", async () => {
    const id = await queue("lane:r", reaction);
    const now = clock.now();
    // A replica opened the lane (marking its head) and died before settling; its lease expired.
    await tables().openLane({
      lane: "lane:r",
      leaseKey: "outbox:lane:r",
      holder: "gone",
      now,
      ttlMs: 1,
      limit: 5,
    });
    clock.set(new Date(now.getTime() + 1_000));
    const attempts: boolean[] = [];
    const worker = outbox.workerWith(async (_intent, attempt) => {
      attempts.push(attempt.previouslyAttempted);
    });
    await worker.drain();
    await worker.stop();
    expect(attempts).toEqual([true]);
    expect(await row(id)).toMatchObject({ status: "done", attempts: 2 });
    expect(await leases()).toEqual([]);
  });

  // PostgreSQL takes a lane's lease and marks its head in one statement, whose reads see the
  // snapshot from before it waited for the lease: there the head another replica delivered just
  // before letting go of the lane still looks pending. It must be neither marked nor delivered.
  it.runIf(provider === "postgresql")(
    "does not take up a head another replica delivered while the lane's opening waited for its lease",
    async () => {
      const head = await queue("lane:s", reaction);
      const now = clock.now();
      const opening = {
        lane: "lane:s",
        leaseKey: "outbox:lane:s",
        holder: "me",
        now,
        ttlMs: 60_000,
        limit: 5,
      };
      expect(await tables().acquireLease("outbox:lane:s", "other", now, 60_000)).toBe(true);
      let opened: ReturnType<ReturnType<typeof tables>["openLane"]> | undefined;
      await database.db.$transaction(async (tx) => {
        // The other replica's settling statement: the head delivered, the lease let go.
        await tx.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'done', "sendingAt" = ${now}, "attempts" = 1 WHERE "id" = ${head}`;
        await tx.$executeRaw`DELETE FROM "Lease" WHERE "key" = 'outbox:lane:s'`;
        opened = tables().openLane(opening);
        // It commits once the opening statement has its snapshot and waits for the lease's row.
        await eventually(async () => {
          const [waiting] = await database.db.$queryRaw<{ count: number }[]>`
            SELECT COUNT(*)::int AS "count" FROM pg_stat_activity
            WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
          expect(waiting?.count).toBe(1);
        });
      });
      expect(await opened).toEqual([]);
      expect(await row(head)).toMatchObject({ status: "done", sendingAt: now, attempts: 1 });
      expect((await leases()).map((lease) => lease.holder)).toEqual(["me"]);
      await database.db.lease.deleteMany({});
    },
  );

  it("leaves the lane free when the read after taking its lease fails", async () => {
    // Two messages: on PostgreSQL the statement that takes the lease cannot tell what the lease
    // guards beyond the head, so the lane is read after it.
    await queue("lane:l", reaction);
    await queue("lane:l", reaction);
    const opening = {
      lane: "lane:l",
      leaseKey: "outbox:lane:l",
      holder: "me",
      now: clock.now(),
      ttlMs: 60_000,
      limit: 5,
    };
    await expect(openLane(outboxReadsFail(database.db), provider, opening)).rejects.toThrow(
      "connection lost",
    );
    expect(await leases()).toEqual([]);
  });

  /** A worker whose separate lease releases are counted, and leases seen during each delivery. */
  function countingWorker(deliver: (id: number) => Promise<unknown>, pacing = false) {
    const queueTables = tables();
    const counts = { separateReleases: 0 };
    const heldDuring: number[] = [];
    const worker = outbox.workerWith(
      async (_intent, attempt) => {
        heldDuring.push((await leases()).length);
        return deliver(attempt.message.id);
      },
      {
        queue: {
          ...queueTables,
          releaseLease: async (key, holder) => {
            counts.separateReleases++;
            await queueTables.releaseLease(key, holder);
          },
        },
        pacing,
      },
    );
    return { worker, counts, heldDuring };
  }

  it("ends a lane pass with one statement: the last delivery releases the lease", async () => {
    const first = await queue("lane:h", reaction);
    const second = await queue("lane:h", reaction);
    const { worker, counts, heldDuring } = countingWorker(async () => ({ ok: true }));
    expect(await worker.drain()).toBe(2);
    // Held through the lane's deliveries, gone with the last one, never released on its own.
    expect(heldDuring).toEqual([1, 1]);
    expect(await leases()).toEqual([]);
    expect(counts.separateReleases).toBe(0);
    expect((await row(first)).status).toBe("done");
    expect((await row(second)).status).toBe("done");
    await worker.stop();
  });

  it("releases the lease with the retry when the lane must wait, and the lane goes on later", async () => {
    const waiting = await queue("lane:i", reaction);
    const behind = await queue("lane:i", reaction);
    let ready = false;
    const delivered: number[] = [];
    const { worker, counts } = countingWorker(async (id) => {
      if (!ready) throw new NotReadyError("no channel yet");
      delivered.push(id);
      return { ok: true };
    });
    await worker.drain();
    expect(delivered).toEqual([]);
    expect(await leases()).toEqual([]);
    expect(counts.separateReleases).toBe(0);
    expect(await row(waiting)).toMatchObject({ status: "pending", lastError: "no channel yet" });

    ready = true;
    await worker.drain();
    expect(delivered).toEqual([waiting, behind]);
    expect(await leases()).toEqual([]);
    await worker.stop();
  });

  it("releases the lease with the last delivery when all behind it waits for later", async () => {
    const update = await queue("lane:m", reaction);
    // Behind it, a state refresh put off by pacing (stepped over) and, in another lane, a post
    // waiting for its retry (the lane waits behind it): neither makes a statement.
    const refresh = await queue("lane:m", { kind: "summary.refresh", scope: { incidentId: 5 } });
    const post = await queue("lane:n", reaction);
    const retrying = await queue("lane:n", reaction);
    const later = new Date(clock.now().getTime() + 60_000);
    await database.db.outboxMessage.updateMany({
      where: { id: { in: [refresh, retrying] } },
      data: { nextAttemptAt: later },
    });
    const { worker, counts } = countingWorker(async () => ({ ok: true }), true);
    await worker.drain();
    expect((await row(update)).status).toBe("done");
    expect((await row(post)).status).toBe("done");
    expect((await row(refresh)).status).toBe("pending");
    expect((await row(retrying)).status).toBe("pending");
    expect(await leases()).toEqual([]);
    expect(counts.separateReleases).toBe(0);
    await worker.stop();
  });

  it.each([
    ["a transient Slack failure", { kind: "transient", reason: "HTTP 503", method: "chat.postMessage" }],
    [
      "the bot's own pacing",
      { kind: "rate_limited", retryAfterMs: 3_000, method: "chat.postMessage", paced: true },
    ],
  ] as const)("does not open a lane again before its head put off by %s is due", async (_name, failure) => {
    const head = await queue("lane:p", reaction);
    const behind = await queue("lane:p", reaction);
    const queueTables = tables();
    let openings = 0;
    let failed = false;
    const delivered: number[] = [];
    const worker = outbox.workerWith(
      async (_intent, attempt) => {
        if (!failed) {
          failed = true;
          throw new SlackCallError(failure);
        }
        delivered.push(attempt.message.id);
      },
      {
        queue: {
          ...queueTables,
          openLane: (opening) => {
            openings++;
            return queueTables.openLane(opening);
          },
        },
      },
    );
    await worker.drain();
    expect(openings).toBe(1);
    // The next commit's drain: the lane still has a due message, behind its waiting head.
    await worker.drain();
    expect(openings).toBe(1);
    expect(delivered).toEqual([]);

    clock.set((await row(head)).nextAttemptAt);
    await worker.drain();
    expect(delivered).toEqual([head, behind]);
    expect(openings).toBe(2);
    await worker.stop();
  });
});
