// Retention on both stores: handled-request records and delivered outbox messages older than
// DATA_RETENTION go, in bounded batches, by one replica at a time; nothing idempotency or
// delivery still needs is removed.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { acquireLease, releaseLease } from "../../src/db/leases.ts";
import { RETENTION_BATCH, RETENTION_LEASE, retentionJob } from "../../src/scheduler/retention.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const DAY = 86_400_000;

describe("DATA_RETENTION", () => {
  it("defaults to 14 days and refuses less than a day", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" };
    expect(loadConfig(base).retentionMs).toBe(14 * DAY);
    expect(loadConfig({ ...base, DATA_RETENTION: "36h" }).retentionMs).toBe(36 * 3600_000);
    expect(() => loadConfig({ ...base, DATA_RETENTION: "2h" })).toThrow(/DATA_RETENTION must be at least 1d/);
    expect(() => loadConfig({ ...base, DATA_RETENTION: "forever" })).toThrow(
      /DATA_RETENTION must be a duration/,
    );
  });
});

describe.each(testedProviders())("retention on %s", (provider) => {
  const deps = useTestDeps(provider);

  const ago = (ms: number) => new Date(deps().clock.now().getTime() - ms);

  async function seed() {
    const { db } = deps().database;
    const old = ago(20 * DAY);
    const oldCommands = Array.from({ length: RETENTION_BATCH * 2 + 7 }, (_, i) => ({
      key: `command:old-${i}`,
      receivedAt: old,
      response: { kind: "ok" },
    }));
    await db.processedRequest.createMany({
      data: [
        ...oldCommands,
        { key: "view:V-old", receivedAt: old, response: { kind: "ok" } },
        { key: "event:Ev-old", receivedAt: old, response: { kind: "ok" } },
        // Kept whatever their age: they make a person's action idempotent for good.
        { key: "join:1:U1:0", receivedAt: old, response: { kind: "joining_incident" } },
        { key: "handoff-accept:3:U2", receivedAt: old, response: { kind: "ok" } },
        // Not one of the prefixes, though SQLite's LIKE would say so (it ignores case).
        { key: "COMMAND:not-a-delivery", receivedAt: old, response: { kind: "ok" } },
        // Recent: Slack (or a person) may still send it again.
        { key: "command:recent", receivedAt: ago(2 * 3600_000), response: { kind: "ok" } },
        { key: "event:Ev-13d", receivedAt: ago(13 * DAY), response: { kind: "ok" } },
      ],
    });
    const row = (status: string, createdAt: Date, deliveredAt: Date | null, lane: string) => ({
      lane,
      kind: "message.post",
      payload: { kind: "message.post" },
      status,
      nextAttemptAt: createdAt,
      createdAt,
      deliveredAt,
    });
    await db.outboxMessage.createMany({
      data: [
        row("done", old, old, "channel:old-done"),
        row("done", old, old, "channel:old-done"),
        // Never delivered: still to do, or for the operator to requeue.
        row("pending", old, null, "channel:old-pending"),
        row("failed", old, null, "channel:old-failed"),
        row("done", ago(DAY), ago(DAY), "channel:recent-done"),
      ],
    });
  }

  it("removes only expired request records and delivered messages, in batches, once per hour", async () => {
    const job = retentionJob(deps());
    expect(await job.nextDueAfter(deps().clock.now())).toBeNull();
    await seed();
    const { db } = deps().database;
    // Already expired records: due at the next hour boundary.
    expect(await job.nextDueAfter(deps().clock.now())).toEqual(new Date("2026-03-08T07:00:00Z"));
    const removed = await job.run(deps().clock.now());
    expect(removed).toBe(RETENTION_BATCH * 2 + 7 + 2 + 2);
    expect(await db.processedRequest.count({ where: { key: "COMMAND:not-a-delivery" } })).toBe(1);
    const left = await db.processedRequest.findMany({
      where: { key: { not: "COMMAND:not-a-delivery" } },
      orderBy: { key: "asc" },
    });
    expect(left.map((r) => r.key)).toEqual([
      "command:recent",
      "event:Ev-13d",
      "handoff-accept:3:U2",
      "join:1:U1:0",
    ]);
    expect(
      (await db.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((m) => `${m.status} ${m.lane}`),
    ).toEqual(["pending channel:old-pending", "failed channel:old-failed", "done channel:recent-done"]);
    // The same hour again does nothing; the lease was released.
    expect(await job.run(deps().clock.now())).toBe(0);
    expect(await db.lease.count({ where: { key: RETENTION_LEASE } })).toBe(0);
    // What is left expires 14 days after the oldest replayable record (13 days old now).
    expect(await job.nextDueAfter(deps().clock.now())).toEqual(new Date("2026-03-09T07:00:00Z"));
  });

  it("leaves the work to the replica holding the lease", async () => {
    const { db } = deps().database;
    await db.processedRequest.create({ data: { key: "command:old-again", receivedAt: ago(30 * DAY) } });
    const later = new Date(deps().clock.now().getTime() + 2 * 3600_000);
    expect(await acquireLease(db, RETENTION_LEASE, "other-replica", later, 60_000)).toBe(true);
    const job = retentionJob(deps());
    expect(await job.run(later)).toBe(0);
    expect(await db.processedRequest.count({ where: { key: "command:old-again" } })).toBe(1);
    await releaseLease(db, RETENTION_LEASE, "other-replica");
    const nextHour = new Date(later.getTime() + 3600_000);
    expect(await job.run(nextHour)).toBe(1);
    expect(await db.processedRequest.count({ where: { key: "command:old-again" } })).toBe(0);
  });
  it("reads its next due time again only once that time comes or after a run", async () => {
    const { db } = deps().database;
    await db.processedRequest.deleteMany({});
    await db.outboxMessage.deleteMany({});
    const job = retentionJob(deps());
    const now = deps().clock.now();
    await db.processedRequest.create({
      data: { key: "command:due-read", receivedAt: ago(14 * DAY - 3_600_000) },
    });
    // Expires an hour from now: due at the hour boundary after that.
    const due = await job.nextDueAfter(now);
    expect(due).toEqual(new Date("2026-03-08T08:00:00Z"));
    // Another replica's retention (or an operator) removes it: until the due time this replica
    // answers as it read, never later than the truth; from the due time on it reads again.
    await db.processedRequest.deleteMany({});
    expect(await job.nextDueAfter(new Date(now.getTime() + 60_000))).toEqual(due);
    expect(await job.nextDueAfter(due as Date)).toBeNull();
    // A run reads again too: what it deleted no longer sets the due time.
    await db.processedRequest.create({
      data: { key: "command:due-again", receivedAt: ago(14 * DAY - 7_200_000) },
    });
    expect(await job.nextDueAfter(now)).toEqual(new Date("2026-03-08T09:00:00Z"));
    await db.processedRequest.deleteMany({});
    await job.run(now);
    expect(await job.nextDueAfter(now)).toBeNull();
  });
});
