// The data layer on both stores: recording events (state + timeline + outbox in one
// transaction), idempotent requests, unique sequential numbers, leases and job claims.
import { describe, expect, it } from "vitest";
import { runOnce } from "../../src/db/job-runs.ts";
import { acquireLease, releaseLease, renewLease } from "../../src/db/leases.ts";
import { loadIncidentView } from "../../src/db/queries/incident-view.ts";
import { assignRole } from "../../src/services/assign-role.ts";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { changeStatus } from "../../src/services/change-status.ts";
import { type DeclareInput, declareIncident } from "../../src/services/declare-incident.ts";
import { recordMilestone } from "../../src/services/record-milestone.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declaration as defaultDeclaration } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const U1 = COMMANDER;
const U2 = "U0000000002";

const declaration = (overrides: Partial<DeclareInput> = {}) =>
  defaultDeclaration({ regions: ["us1"], ...overrides });

describe.each(testedProviders())("incident store on %s", (provider) => {
  const deps = useTestDeps(provider, { env: { INCIDENT_ANNOUNCE_CHANNEL: "C0ANNOUNCE1" } });

  it("declares: incident, commander, milestone, timeline entry and outbox messages commit together", async () => {
    const declared = await declareIncident(deps(), declaration());
    const { db } = deps().database;
    const view = await loadIncidentView(db, declared.incidentId, provider);
    expect(view?.incident).toMatchObject({ title: "Checkout failing", severity: 2, status: "investigating" });
    expect(view?.roles.map((r) => [r.role, r.userId])).toEqual([["commander", U1]]);
    expect(view?.milestones.map((m) => m.name)).toEqual(["declared"]);
    const entries = await db.timelineEntry.findMany({ where: { incidentId: declared.incidentId } });
    expect(entries.map((e) => e.kind)).toEqual(["incident_declared"]);
    const outbox = await db.outboxMessage.findMany({
      where: { lane: { endsWith: `incident:${declared.incidentId}` } },
      orderBy: { id: "asc" },
    });
    // The topic and the invite in lanes of their own: the channel's messages do not wait for them.
    expect(outbox.map((m) => [m.lane, m.kind])).toEqual([
      [`incident:${declared.incidentId}`, "channel.create"],
      [`topic:incident:${declared.incidentId}`, "channel.topic"],
      [`invite:incident:${declared.incidentId}`, "channel.invite"],
      [`incident:${declared.incidentId}`, "summary.refresh"],
    ]);
    expect(await db.outboxMessage.count({ where: { lane: "channel:C0ANNOUNCE1" } })).toBeGreaterThan(0);
    expect(deps().kicks).toBeGreaterThan(0);
  });

  it("gives unique sequential numbers under concurrent declarations", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => declareIncident(deps(), declaration())),
    );
    const numbers = results.map((r) => r.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11]! - numbers[0]!).toBe(11);
  });

  it("declares once per request key, even when the same request arrives concurrently", async () => {
    const input = declaration({ requestKey: "view:V-DOUBLE" });
    const [a, b] = await Promise.all([declareIncident(deps(), input), declareIncident(deps(), input)]);
    expect(a).toEqual(b);
    const again = await declareIncident(deps(), input);
    expect(again).toEqual(a);
    expect(await deps().database.db.incident.count({ where: { id: a.incidentId } })).toBe(1);
  });

  it("answers a repeated request the first time's way, even when its change would now be refused", async () => {
    const { incidentId } = await declareIncident(deps(), declaration());
    const change = {
      incidentId,
      workstreamId: null,
      to: "identified" as const,
      message: "bad deploy",
      actorId: U1,
      requestKey: "command:T-REPEAT",
    };
    const first = await changeStatus(deps(), change);
    // Run again, "already identified" would refuse it: the stored answer is given instead.
    expect(await changeStatus(deps(), change)).toEqual(first);
    const entries = await deps().database.db.timelineEntry.count({
      where: { incidentId, kind: "status_changed" },
    });
    expect(entries).toBe(1);
  });

  it("keeps the severity ledger and refuses de-escalation by someone who is not commander", async () => {
    const { incidentId } = await declareIncident(deps(), declaration({ severity: 3 }));
    await changeSeverity(deps(), {
      incidentId,
      workstreamId: null,
      to: 1,
      reason: "all regions",
      actorId: U2,
      requestKey: "s1",
    });
    await expect(
      changeSeverity(deps(), {
        incidentId,
        workstreamId: null,
        to: 2,
        reason: "better",
        actorId: U2,
        requestKey: "s2",
      }),
    ).rejects.toThrow(/Only the incident commander/);
    await changeSeverity(deps(), {
      incidentId,
      workstreamId: null,
      to: 2,
      reason: "better",
      actorId: U1,
      requestKey: "s3",
    });
    const ledger = await deps().database.db.timelineEntry.findMany({
      where: { incidentId, kind: "severity_changed" },
      orderBy: { id: "asc" },
    });
    expect(
      ledger.map((e) => [
        (e.data as { from: number }).from,
        (e.data as { to: number }).to,
        e.actorId,
        e.text,
      ]),
    ).toEqual([
      [3, 1, U2, "all regions"],
      [1, 2, U1, "better"],
    ]);
    const incident = await deps().database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect([incident.severity, incident.peakSeverity]).toEqual([2, 1]);
  });

  it("keeps role history instead of overwriting it", async () => {
    const { incidentId } = await declareIncident(deps(), declaration());
    deps().clock.set(new Date(deps().clock.now().getTime() + 60_000));
    await assignRole(deps(), {
      incidentId,
      role: "commander",
      userId: U2,
      workstreamId: null,
      contextWorkstreamId: null,
      actorId: U1,
      requestKey: "r1",
    });
    const rows = await deps().database.db.roleAssignment.findMany({
      where: { incidentId },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.userId, r.endedAt !== null])).toEqual([
      [U1, true],
      [U2, false],
    ]);
    expect(rows[0]?.endedAt?.toISOString()).toBe(rows[1]?.startedAt.toISOString());
  });

  it("records resolution and corrected milestones, keeping the original value", async () => {
    const { incidentId } = await declareIncident(deps(), declaration());
    await changeStatus(deps(), {
      incidentId,
      workstreamId: null,
      to: "resolved",
      message: "",
      actorId: U1,
      requestKey: "st",
    });
    const corrected = new Date(deps().clock.now().getTime() - 30 * 60_000);
    await recordMilestone(deps(), {
      incidentId,
      workstreamId: null,
      name: "declared",
      at: corrected,
      note: "",
      actorId: U2,
      requestKey: "m1",
    });
    const milestone = await deps().database.db.milestone.findUniqueOrThrow({
      where: { incidentId_name: { incidentId, name: "declared" } },
    });
    expect(milestone.occurredAt.toISOString()).toBe(corrected.toISOString());
    expect(milestone.originalAt).not.toBeNull();
    expect(milestone.correctedById).toBe(U2);
    expect(await deps().database.db.milestone.count({ where: { incidentId, name: "resolved" } })).toBe(1);
  });

  it("keeps a write made outside a transaction while another transaction rolls back", async () => {
    // On SQLite one connection serves everything: without care, the write below would run
    // inside the open transaction and vanish with its rollback (an outbox delivery mark did).
    const { db } = deps().database;
    await db.counter.create({ data: { name: `survivor-${provider}`, value: 0 } });
    // No sleeps: each side waits for the other's observable step (see the comments below).
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let issue!: () => void;
    const issued = new Promise<void>((resolve) => (issue = resolve));
    const failing = deps()
      .database.db.$transaction(async (tx) => {
        await tx.counter.create({ data: { name: `doomed-${provider}`, value: 1 } });
        entered();
        await issued;
        // A later query of this transaction's own: writes reach SQLite's one connection in the
        // order they were issued, so had the outside write joined this transaction, it would
        // have run by the time this answers.
        await tx.counter.findUnique({ where: { name: `doomed-${provider}` } });
        throw new Error("validation failed");
      })
      .catch((error: Error) => error.message);
    await inside;
    const writes = db.counter
      .update({ where: { name: `survivor-${provider}` }, data: { value: 42 } })
      .then(
        () =>
          db.$executeRaw`UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = ${`survivor-${provider}`}`,
      );
    issue();
    await writes;
    expect(await failing).toBe("validation failed");
    expect((await db.counter.findUnique({ where: { name: `survivor-${provider}` } }))?.value).toBe(43);
    expect(await db.counter.findUnique({ where: { name: `doomed-${provider}` } })).toBeNull();
  });

  it("hands a lease to one holder at a time and lets it expire", async () => {
    const { db } = deps().database;
    const now = new Date("2026-03-08T07:00:00Z");
    expect(await acquireLease(db, "lane:x", "a", now, 60_000)).toBe(true);
    expect(await acquireLease(db, "lane:x", "b", now, 60_000)).toBe(false);
    expect(await acquireLease(db, "lane:x", "a", now, 60_000)).toBe(true);
    expect(await acquireLease(db, "lane:x", "b", new Date(now.getTime() + 61_000), 60_000)).toBe(true);
    // Written as the model reads it: the new holder, until a minute after it took the lease.
    expect(await db.lease.findUnique({ where: { key: "lane:x" } })).toEqual({
      key: "lane:x",
      holder: "b",
      expiresAt: new Date(now.getTime() + 121_000),
    });
    await releaseLease(db, "lane:x", "b");
    const contenders = await Promise.all(
      ["p", "q", "r", "s"].map((h) => acquireLease(db, "lane:y", h, now, 60_000)),
    );
    expect(contenders.filter(Boolean)).toHaveLength(1);
  });

  it("renews a lease only while its holder still has it", async () => {
    const { db } = deps().database;
    const now = new Date("2026-03-08T07:00:00Z");
    const later = new Date(now.getTime() + 30_000);
    expect(await acquireLease(db, "lane:renew", "a", now, 60_000)).toBe(true);
    expect(await renewLease(db, "lane:renew", "a", later, 60_000)).toBe(true);
    expect((await db.lease.findUnique({ where: { key: "lane:renew" } }))?.expiresAt).toEqual(
      new Date(later.getTime() + 60_000),
    );
    // Another holder cannot renew what it does not hold.
    expect(await renewLease(db, "lane:renew", "b", later, 60_000)).toBe(false);
    // A renewal landing after the release takes nothing back: the lane stays free.
    await releaseLease(db, "lane:renew", "a");
    expect(await renewLease(db, "lane:renew", "a", later, 60_000)).toBe(false);
    expect(await db.lease.findUnique({ where: { key: "lane:renew" } })).toBeNull();
    expect(await acquireLease(db, "lane:renew", "b", later, 60_000)).toBe(true);
  });

  it("runs a job occurrence once, even when claimed concurrently, and not at all when the work fails", async () => {
    const claim = {
      job: "reminder",
      subject: "incident:1",
      dueAt: new Date("2026-03-08T07:00:00Z"),
      now: new Date(),
      holder: "x",
    };
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        runOnce(deps().database, claim, async () => {
          runs++;
          return "ran";
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r === "ran")).toHaveLength(1);
    const failing = { ...claim, subject: "incident:2" };
    await expect(
      runOnce(deps().database, failing, async () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(await runOnce(deps().database, failing, async () => "second try")).toBe("second try");
  });
});
