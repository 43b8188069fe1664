// A lane pass renews its lease on a wall-clock heartbeat (every 5 s) while a delivery is slow.
// A renewal sent just before the pass lets go of the lane and landing just after must not take
// the lane again: every replica would be kept off it until the lease expired (20 s). Here the
// heartbeat's statements are held until the pass has ended, then let through.
import { describe, expect, it } from "vitest";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import { testedProviders } from "../support/databases.ts";
import { deferred } from "../support/deferred.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const post = { kind: "message.post", target: { incidentId: 1 }, message: { view: "plain", text: "x" } };

describe.each(testedProviders())("outbox lane lease heartbeat on %s", (provider) => {
  const outbox = outboxWorkerOnTestDatabase(provider);

  it("a renewal landing after the pass let go of the lane does not take it again", async () => {
    const { db } = outbox.database;
    const id = await outbox.queue("incident:1", post);
    const real = outboxQueue(db, provider);

    const ended = deferred();
    const heldRenewals: Promise<boolean>[] = [];
    const firstRenewal = deferred();
    // Whichever call the heartbeat makes goes to the database only once the pass has ended.
    const heldUntilTheEnd =
      (call: typeof real.renewLease): typeof real.renewLease =>
      (...args) => {
        const held = ended.promise.then(() => call(...args));
        heldRenewals.push(held);
        firstRenewal.resolve();
        return held;
      };
    const queue = {
      ...real,
      acquireLease: heldUntilTheEnd(real.acquireLease),
      renewLease: heldUntilTheEnd(real.renewLease),
    };

    // The delivery lasts until the heartbeat has sent a renewal.
    const deliver: DeliverFn = async () => {
      await firstRenewal.promise;
    };
    const worker = outbox.workerWith(deliver, { queue });
    await worker.drain();
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("done");
    expect(await db.lease.findUnique({ where: { key: "outbox:incident:1" } })).toBeNull();

    ended.resolve();
    await Promise.allSettled(heldRenewals);
    expect(heldRenewals.length).toBeGreaterThan(0);
    expect(await db.lease.findUnique({ where: { key: "outbox:incident:1" } })).toBeNull();
    await worker.stop();
  });
});
