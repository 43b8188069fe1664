// A PostgreSQL transaction's unawaited statements (src/db/pg-in-flight.ts): the first failure is
// the one reported, whoever waits next, and a failure nobody waits for is never unhandled.
import { describe, expect, it } from "vitest";
import { InFlight } from "../../src/db/pg-in-flight.ts";
import { deferred } from "../support/deferred.ts";

/** A statement's answer, settled from outside as it arrives. */
const answer = () => deferred<unknown>();

describe("InFlight", () => {
  it("settles once every answer is in, and fails with the failure of the first statement written", async () => {
    const inFlight = new InFlight();
    const [a, b, c] = [answer(), answer(), answer()];
    inFlight.add(a.promise);
    inFlight.add(b.promise);
    inFlight.add(c.promise);
    let settled: unknown = "pending";
    const settling = inFlight.settle().then(
      () => "settled",
      (error: unknown) => error,
    );
    void settling.then((outcome) => {
      settled = outcome;
    });
    a.resolve(1);
    b.reject(new Error("duplicate key"));
    await Promise.resolve();
    expect(settled).toBe("pending"); // c is still due
    c.reject(new Error("current transaction is aborted"));
    expect(await settling).toEqual(new Error("duplicate key"));
    expect(await inFlight.cause(new Error("the statement awaited"))).toEqual(new Error("duplicate key"));
  });

  it("names the first statement written that failed, even when a later one's failure comes first", async () => {
    const inFlight = new InFlight();
    const [first, second] = [answer(), answer()];
    inFlight.add(first.promise);
    inFlight.add(second.promise);
    second.reject(new Error("current transaction is aborted"));
    await Promise.resolve();
    first.reject(new Error("duplicate key"));
    await expect(inFlight.settle()).rejects.toEqual(new Error("duplicate key"));
    expect(await inFlight.cause(new Error("the statement awaited"))).toEqual(new Error("duplicate key"));
  });

  it("reports the failure that caused a later error, or the error itself when none did", async () => {
    const clean = new InFlight();
    clean.add(Promise.resolve());
    const own = new Error("own");
    expect(await clean.cause(own)).toBe(own);
    await expect(clean.settle()).resolves.toBeUndefined();

    const failed = new InFlight();
    const cause = new Error("could not obtain lock");
    failed.add(Promise.reject(cause));
    expect(await failed.cause(new Error("current transaction is aborted"))).toBe(cause);
    await expect(failed.settle()).rejects.toBe(cause);
  });

  it("keeps a failure nobody waited for from going unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const inFlight = new InFlight();
      inFlight.add(Promise.reject(new Error("nobody waits")));
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      // Still the transaction's failure for whoever waits next.
      await expect(inFlight.settle()).rejects.toEqual(new Error("nobody waits"));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
