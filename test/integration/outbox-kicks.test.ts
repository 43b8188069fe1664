// A kick while the worker is busy: lanes that fell due meanwhile start in a free worker slot at
// once, not after the running pass's slowest lane (an invite of hundreds, a slow upload); a lane
// being delivered is never delivered twice at once; drain() still returns only when all of it,
// the extra passes included, is done. Lanes a commit gave urgent work start at once, without a
// read of every lane's head.
import { describe, expect, it } from "vitest";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import type { Intent } from "../../src/outbox/intents.ts";
import { testedProviders } from "../support/databases.ts";
import { deferred } from "../support/deferred.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const message = { view: "plain", text: "x" };

describe.each(testedProviders())("outbox kicks on %s", (provider) => {
  const outbox = outboxWorkerOnTestDatabase(provider);
  const { queue } = outbox;

  const post = (incidentId: number) => ({ kind: "message.post", target: { incidentId }, message }) as Intent;

  const workerWith = (deliver: DeliverFn) => outbox.workerWith(deliver, { concurrency: 4 });

  /** An invite of one person into incident 1's channel, in its own lane (bulk work). */
  const queueInvite = () =>
    queue("invite:incident:1", {
      kind: "channel.invite",
      scope: { incidentId: 1 },
      users: ["U1"],
      groups: [],
    });

  /** The outbox's tables with every read of the lanes' heads after the first held until `release`. */
  function headsHeldAfterFirstRead() {
    const tables = outboxQueue(outbox.database.db, provider);
    const released = deferred();
    let reads = 0;
    const held: typeof tables = {
      ...tables,
      async dueLaneHeads(...args) {
        if (++reads > 1) await released.promise;
        return tables.dueLaneHeads(...args);
      },
    };
    return { queue: held, release: () => released.resolve() };
  }

  /**
   * Deliveries for the two tests below: the invite `slow` is held until `releaseSlow`, every
   * delivery is recorded in order, and `updateDelivered` resolves once the update named by
   * `awaitUpdate` (queued while the invite is held) is delivered.
   */
  function inviteHeld(slow: number) {
    const slowStarted = deferred();
    const releaseSlow = deferred();
    const updateDelivered = deferred();
    const delivered: number[] = [];
    let update = 0;
    const deliver: DeliverFn = async (_intent, attempt) => {
      if (attempt.message.id === slow) {
        slowStarted.resolve();
        await releaseSlow.promise;
      }
      delivered.push(attempt.message.id);
      if (attempt.message.id === update) updateDelivered.resolve();
    };
    return {
      deliver,
      delivered,
      slowStarted: slowStarted.promise,
      updateDelivered: updateDelivered.promise,
      releaseSlow: () => releaseSlow.resolve(),
      awaitUpdate: (id: number) => {
        update = id;
      },
    };
  }

  it("starts a lane that fell due during a slow delivery without waiting for it", async () => {
    const slow = await queueInvite();
    const held = inviteHeld(slow);
    const worker = workerWith(held.deliver);
    const draining = worker.drain();
    await held.slowStarted;

    const update = await queue("incident:1", post(1));
    held.awaitUpdate(update);
    worker.kick();
    // Would never resolve (the test times out) if the update waited for the invite.
    await held.updateDelivered;
    expect(held.delivered).toEqual([update]);

    held.releaseSlow();
    expect(await draining).toBe(2);
    expect(held.delivered).toEqual([update, slow]);
    await worker.stop();
  });

  it("starts the urgent lanes a commit names without reading every lane's head first", async () => {
    const slow = await queueInvite();
    const held = inviteHeld(slow);
    // The update can only be delivered by a pass that does not read the lanes' heads.
    const heads = headsHeldAfterFirstRead();
    const worker = outbox.workerWith(held.deliver, { concurrency: 4, queue: heads.queue });
    const draining = worker.drain();
    await held.slowStarted;

    const update = await queue("incident:1", post(1));
    held.awaitUpdate(update);
    worker.kick({ lanes: ["incident:1"], urgent: ["incident:1"] });
    // Would never resolve (the test times out) if the update waited for a read of the heads.
    await held.updateDelivered;
    expect(held.delivered).toEqual([update]);

    heads.release();
    held.releaseSlow();
    await draining;
    expect(held.delivered).toEqual([update, slow]);
    await worker.stop();
  });

  it("delivers urgent work recorded during its lane's pass as soon as that pass ends", async () => {
    const slow = await queueInvite();
    const first = await queue("incident:1", post(1));
    const releaseSlow = deferred();
    const secondDelivered = deferred();
    let second = 0;
    const delivered: number[] = [];
    // No read of the lanes' heads, and the slow lane holds the drain: only the pass that held
    // the lane can take the new work.
    const heads = headsHeldAfterFirstRead();
    const worker = outbox.workerWith(
      async (_intent, attempt) => {
        if (attempt.message.id === slow) await releaseSlow.promise;
        if (attempt.message.id === first) {
          // Committed while the lane's pass delivers what it read before: then kicked as urgent.
          second = await queue("incident:1", post(1));
          worker.kick({ lanes: ["incident:1"], urgent: ["incident:1"] });
        }
        delivered.push(attempt.message.id);
        if (attempt.message.id === second) secondDelivered.resolve();
      },
      { concurrency: 4, queue: heads.queue },
    );
    const draining = worker.drain();
    // Would never resolve (the test times out) if the new work waited for another pass.
    await secondDelivered.promise;
    expect(delivered).toEqual([first, second]);

    heads.release();
    releaseSlow.resolve();
    await draining;
    expect(delivered).toEqual([first, second, slow]);
    await worker.stop();
  });

  it("leaves an urgent lane it is already delivering to the pass that holds it", async () => {
    const first = await queue("incident:1", post(1));
    const firstStarted = deferred();
    const releaseFirst = deferred();
    const delivered: number[] = [];
    let inFlight = 0;
    let most = 0;
    const worker = workerWith(async (_intent, attempt) => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (attempt.message.id === first) {
        firstStarted.resolve();
        await releaseFirst.promise;
      }
      delivered.push(attempt.message.id);
      inFlight--;
    });
    const draining = worker.drain();
    await firstStarted.promise;
    const second = await queue("incident:1", post(1));
    worker.kick({ lanes: ["incident:1"], urgent: ["incident:1"] });
    releaseFirst.resolve();
    await draining;
    expect(delivered).toEqual([first, second]);
    expect(most).toBe(1);
    await worker.stop();
  });

  it("asks for no pass when every lane the commit touched waits behind its head", async () => {
    const head = await queue("incident:1", post(1));
    const retryAt = new Date(outbox.clock.now().getTime() + 60_000);
    await outbox.database.db.outboxMessage.update({ where: { id: head }, data: { nextAttemptAt: retryAt } });
    const delivered: number[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      delivered.push(attempt.message.id);
    });
    // The pass finds the lane's head waiting for its retry: the message behind it waits too.
    const behind = await queue("incident:1", post(1));
    expect(await worker.drain()).toBe(0);

    // A commit that only added to that lane: nothing of it can go, nothing is read.
    await queue("incident:1", post(1));
    expect(worker.kick({ lanes: ["incident:1"], urgent: ["incident:1"] })).toBe(false);
    // One that also touched a lane free to go asks for a pass, which delivers that lane.
    const other = await queue("incident:2", post(2));
    expect(worker.kick({ lanes: ["incident:1", "incident:2"], urgent: [] })).toBe(true);
    await expect.poll(() => delivered).toEqual([other]);

    // Once the head's retry time has come, the lane is read again.
    outbox.clock.set(retryAt);
    expect(worker.kick({ lanes: ["incident:1"], urgent: [] })).toBe(true);
    await expect.poll(() => delivered.length).toBe(4);
    expect(delivered.slice(1, 3)).toEqual([head, behind]);
    await worker.stop();
  });

  it("never delivers a lane in two passes at once, and keeps its order", async () => {
    const first = await queue("incident:1", post(1));
    const firstStarted = deferred();
    const releaseFirst = deferred();
    const delivered: number[] = [];
    let inFlight = 0;
    let most = 0;
    const worker = workerWith(async (_intent, attempt) => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (attempt.message.id === first) {
        firstStarted.resolve();
        await releaseFirst.promise;
      }
      delivered.push(attempt.message.id);
      inFlight--;
    });
    const draining = worker.drain();
    await firstStarted.promise;
    const second = await queue("incident:1", post(1));
    const other = await queue("incident:2", post(2));
    worker.kick();
    worker.kick();
    // The other lane goes in an extra pass; the busy lane is left to the pass delivering it.
    await expect.poll(() => delivered).toEqual([other]);
    releaseFirst.resolve();
    await draining;
    expect(delivered).toEqual([other, first, second]);
    expect(most).toBe(2);
    await worker.stop();
  });
});
