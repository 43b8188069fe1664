// A lane whose head was put off goes on by itself when the head falls due: no commit, no drain
// asked for, no scheduler tick (every 15 s in production). Paced calls, Slack's Retry-After,
// a transient Slack failure's backoff and a database failure's backoff all wake the worker.
import { describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock/clock.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import { SlackCallError, type SlackFailure } from "../../src/slack/gateway.ts";
import { deferred } from "../support/deferred.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

/**
 * App milliseconds per real millisecond: a one-second backoff passes in about 20 ms, so the
 * retry falls due after it was recorded on a quiet machine, and often before on a busy one
 * (both must wake the worker).
 */
const RATE = 50;

/** A clock that runs, RATE times faster than real time, from the block's simulated start. */
function runningClock(start: Date): Clock {
  const startedAt = performance.now();
  return { now: () => new Date(start.getTime() + (performance.now() - startedAt) * RATE) };
}

const post = {
  kind: "message.post",
  target: { incidentId: 1 },
  message: { view: "plain", text: "x" },
};

const slack = (failure: SlackFailure) => () => new SlackCallError(failure);

/** Each way a first delivery can fail and be put off, as the error it throws. */
const failures: [string, () => Error][] = [
  ["a transient Slack failure", slack({ kind: "transient", reason: "HTTP 503", method: "chat.postMessage" })],
  ["Slack's Retry-After", slack({ kind: "rate_limited", retryAfterMs: 1_000, method: "chat.postMessage" })],
  [
    "the bot's own pacing",
    slack({ kind: "rate_limited", retryAfterMs: 1_000, method: "chat.postMessage", paced: true }),
  ],
  // Our own database dropping the connection mid-delivery (Prisma's P1017).
  [
    "a database failure",
    () => Object.assign(new Error("Server has closed the connection."), { code: "P1017" }),
  ],
];

describe("outbox wake-up when a put-off message falls due (SQLite)", () => {
  const outbox = outboxWorkerOnTestDatabase("sqlite");

  it.each(failures)("delivers after %s without being asked again", async (_name, failure) => {
    const id = await outbox.queue("incident:1", post);
    let attempts = 0;
    const deliveredAgain = deferred();
    const deliver: DeliverFn = async () => {
      attempts++;
      if (attempts === 1) throw failure();
      deliveredAgain.resolve();
    };
    const worker = outbox.workerWith(deliver, {
      clock: runningClock(outbox.clock.now()),
      clockRate: RATE,
      concurrency: 1,
    });
    await worker.drain();
    const waiting = await outbox.database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting.status).toBe("pending");

    // Nothing else drains: the test times out unless the worker wakes itself.
    await deliveredAgain.promise;
    await expect
      .poll(async () => (await outbox.database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).status)
      .toBe("done");
    expect(attempts).toBe(2);
    await worker.stop();
  });
});
