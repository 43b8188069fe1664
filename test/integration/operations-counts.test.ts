// The read model behind /metrics' database gauges, on both stores: open incidents by severity
// (resolved and closed ones excluded), handoffs waiting for acceptance, and the pending outbox
// by kind with its oldest message.
import { describe, expect, it } from "vitest";
import { operationalCounts } from "../../src/db/queries/operations.ts";
import { testedProviders } from "../support/databases.ts";
import { declareTestIncident } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("operational counts on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("counts what is open, pending and waiting", async () => {
    const { db } = deps().database;
    const ids: number[] = [];
    for (const severity of [1, 2, 2, 3, 4, 4] as const)
      ids.push((await declareTestIncident(deps(), { severity, title: `Sev ${severity}` })).incidentId);
    // One SEV2 resolved, one SEV4 closed: neither counts as open.
    await db.incident.update({ where: { id: ids[2] as number }, data: { status: "resolved" } });
    await db.incident.update({ where: { id: ids[5] as number }, data: { status: "closed" } });

    const at = new Date("2026-03-08T06:00:00Z");
    const handoff = (state: string, n: number) => ({
      incidentId: ids[0] as number,
      role: "commander",
      dedupeKey: `ops-${n}`,
      toUserId: "U0000000002",
      state,
      promptedAt: at,
    });
    await db.handoff.createMany({
      data: [handoff("prompted", 1), handoff("briefed", 2), handoff("accepted", 3), handoff("cancelled", 4)],
    });

    await db.outboxMessage.deleteMany({});
    const message = (kind: string, status: string, createdAt: string) => ({
      lane: "channel:C1",
      kind,
      payload: { kind },
      status,
      nextAttemptAt: at,
      createdAt: new Date(createdAt),
    });
    await db.outboxMessage.createMany({
      data: [
        message("message.post", "pending", "2026-03-08T05:50:00Z"),
        message("message.post", "pending", "2026-03-08T05:40:00Z"),
        message("message.post", "done", "2026-03-08T05:00:00Z"),
        message("channel.topic", "pending", "2026-03-08T05:55:00Z"),
        message("channel.topic", "failed", "2026-03-08T04:00:00Z"),
      ],
    });

    const counts = await operationalCounts(db);
    expect(counts.openIncidentsBySeverity).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1 });
    expect(counts.handoffsPendingAcceptance).toBe(2);
    expect([...counts.outbox].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "channel.topic", pending: 1, oldestPendingAt: new Date("2026-03-08T05:55:00Z") },
      { kind: "message.post", pending: 2, oldestPendingAt: new Date("2026-03-08T05:40:00Z") },
    ]);
  });
});
