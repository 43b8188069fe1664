// Handoffs on both stores: one prompt per (scope, boundary) when several replicas run the job
// at once, one escalation per due time, one acceptance per handoff, superseded handoffs
// refused, reloads reaching other replicas.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeStatus } from "../../src/services/change-status.ts";
import { declareIncident } from "../../src/services/declare-incident.ts";
import { acceptHandoff } from "../../src/services/handoffs/accept-handoff.ts";
import { runEscalations } from "../../src/services/handoffs/escalations.ts";
import { startManualHandoff } from "../../src/services/handoffs/manual-handoff.ts";
import { nextPromptAfter, runHandoffPrompts } from "../../src/services/handoffs/scheduled-prompts.ts";
import { attachRotation } from "../../src/services/rotations/attach-rotation.ts";
import { bumpRotationsGeneration, syncRotations } from "../../src/services/rotations/sync-rotations.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { PEOPLE, ROTATIONS_YAML, writeRotationsFile } from "../support/handoff-fixtures.ts";
import { declaration as defaultDeclaration } from "../support/integration-incident.ts";
import { createTestDeps, type TestDeps } from "../support/test-deps.ts";

const { riley, kim, aoife, sam } = PEOPLE;

const declaration = (title: string) => defaultDeclaration({ title, severity: 1, commanderId: riley.id });

describe.each(testedProviders())("handoffs on %s", (provider) => {
  let database: TestDatabase;
  let file: string;
  let a: TestDeps & { close(): Promise<void> };
  let b: TestDeps & { close(): Promise<void> };
  let incidentId: number;

  // Two processes on one SQLite file are not a supported deployment (SQLite is one process):
  // there the "replicas" are concurrent runs in one process; on PostgreSQL, two clients.
  const replica = () => (provider === "postgresql" ? b : a);

  const at = (iso: string) => {
    a.clock.set(new Date(iso));
    b.clock.set(new Date(iso));
    return new Date(iso);
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    file = writeRotationsFile();
    a = await createTestDeps(database.url, { ROTATIONS_FILE: file });
    b = await createTestDeps(database.url, { ROTATIONS_FILE: file });
    a.instanceId = "replica-a";
    b.instanceId = "replica-b";
    incidentId = (await declareIncident(a, declaration("Intake delayed"))).incidentId;
    await attachRotation(a, {
      incidentId,
      workstream: null,
      rotation: "follow-the-sun",
      actorId: riley.id,
      requestKey: "attach-1",
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it("knows when the next prompt is due: 15 minutes before the next shift change", async () => {
    expect((await nextPromptAfter(a, new Date("2026-03-08T06:00:00Z")))?.toISOString()).toBe(
      "2026-03-08T07:45:00.000Z",
    );
  });

  it("prompts exactly once when two replicas run the job at the same instant, and never again", async () => {
    const now = at("2026-03-08T07:45:00Z");
    const results = await Promise.all([
      runHandoffPrompts(a, now),
      runHandoffPrompts(replica(), now),
      runHandoffPrompts(a, now),
      runHandoffPrompts(replica(), now),
    ]);
    expect(results.reduce((x, y) => x + y, 0)).toBe(1);
    const { db } = a.database;
    const handoffs = await db.handoff.findMany({ where: { incidentId } });
    expect(handoffs.map((h) => [h.fromUserId, h.toUserId, h.boundaryAt?.toISOString(), h.state])).toEqual([
      [riley.id, aoife.id, "2026-03-08T08:00:00.000Z", "prompted"],
    ]);
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "handoff_prompted" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { kind: "handoff.card" } })).toBe(1);
    // Later runs, and a restart, find the claim.
    expect(await runHandoffPrompts(b, at("2026-03-08T07:59:00Z"))).toBe(0);
    expect(await runHandoffPrompts(a, at("2026-03-08T08:05:00Z"))).toBe(0);
  });

  it("escalates once per due time across replicas, then again one interval later", async () => {
    const { db } = a.database;
    expect(await runEscalations(a, at("2026-03-08T08:09:59Z"))).toBe(0);
    const now = at("2026-03-08T08:10:00Z");
    const results = await Promise.all([
      runEscalations(a, now),
      runEscalations(replica(), now),
      runEscalations(replica(), now),
    ]);
    expect(results.reduce((x, y) => x + y, 0)).toBe(1);
    const handoff = await db.handoff.findFirstOrThrow({ where: { incidentId } });
    expect(handoff.escalations).toBe(1);
    expect(handoff.nextEscalationAt?.toISOString()).toBe("2026-03-08T08:20:00.000Z");
    expect(await runEscalations(b, at("2026-03-08T08:19:00Z"))).toBe(0);
    expect(await runEscalations(b, at("2026-03-08T08:20:00Z"))).toBe(1);
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "handoff_escalated" } })).toBe(2);
  });

  it("accepts once when the incoming commander's clicks race on two replicas", async () => {
    const { db } = a.database;
    const handoff = await db.handoff.findFirstOrThrow({ where: { incidentId } });
    at("2026-03-08T08:24:00Z");
    const answers = await Promise.allSettled([
      acceptHandoff(a, { handoffId: handoff.id, userId: aoife.id }),
      acceptHandoff(replica(), { handoffId: handoff.id, userId: aoife.id }),
    ]);
    expect(answers.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "handoff_accepted" } })).toBe(1);
    const commanders = await db.roleAssignment.findMany({
      where: { incidentId, role: "commander" },
      orderBy: { id: "asc" },
    });
    expect(commanders.map((c) => [c.userId, c.endedAt !== null])).toEqual([
      [riley.id, true],
      [aoife.id, false],
    ]);
    // Someone else clicking later is told it is done, and by whom.
    await expect(acceptHandoff(b, { handoffId: handoff.id, userId: kim.id })).rejects.toThrow(
      /already been accepted \(by <@UAOIFEEM01>\)/,
    );
    // No more reminders once accepted.
    expect(await runEscalations(a, at("2026-03-08T08:40:00Z"))).toBe(0);
  });

  it("refuses a handoff that a newer one replaced", async () => {
    const { db } = a.database;
    at("2026-03-08T09:00:00Z");
    await startManualHandoff(a, {
      incidentId,
      workstream: null,
      toUserId: kim.id,
      actorId: aoife.id,
      requestKey: "m1",
    });
    await startManualHandoff(a, {
      incidentId,
      workstream: null,
      toUserId: sam.id,
      actorId: aoife.id,
      requestKey: "m2",
    });
    const [first, second] = await db.handoff.findMany({
      where: { incidentId, boundaryAt: null },
      orderBy: { id: "asc" },
    });
    expect([first?.state, second?.state]).toEqual(["superseded", "prompted"]);
    await expect(acceptHandoff(a, { handoffId: first!.id, userId: kim.id })).rejects.toThrow(
      /replaced by a newer one/,
    );
    // The same request key again (a retried slash command) opens nothing new.
    await startManualHandoff(a, {
      incidentId,
      workstream: null,
      toUserId: sam.id,
      actorId: aoife.id,
      requestKey: "m2",
    });
    expect(await db.handoff.count({ where: { incidentId, boundaryAt: null } })).toBe(2);
  });

  it("refuses a handoff or a rotation for a workstream the incident does not have, in one wording", async () => {
    const refusal = /^There is no workstream `eu9`\. `\/incident workstreams` lists them\.$/;
    const request = { incidentId, workstream: "EU9", actorId: riley.id, requestKey: "no-such-workstream" };
    await expect(startManualHandoff(a, { ...request, toUserId: kim.id })).rejects.toThrow(refusal);
    await expect(attachRotation(a, { ...request, rotation: "follow-the-sun" })).rejects.toThrow(refusal);
  });

  it("cancels pending handoffs of an incident that is resolved instead of escalating them", async () => {
    const { db } = a.database;
    at("2026-03-08T09:05:00Z");
    await changeStatus(a, {
      incidentId,
      workstreamId: null,
      to: "resolved",
      message: "",
      actorId: aoife.id,
      requestKey: "resolve-1",
    });
    expect(await runEscalations(a, at("2026-03-08T09:10:00Z"))).toBe(0);
    const pending = await db.handoff.findFirstOrThrow({ where: { incidentId, toUserId: sam.id } });
    expect(pending.state).toBe("cancelled");
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "handoff_escalated" } })).toBe(2);
    // And resolved incidents get no prompts at the next shift change.
    expect(await runHandoffPrompts(a, at("2026-03-08T14:45:00Z"))).toBe(0);
  });

  it("another replica picks up a reload at its next run", async () => {
    writeFileSync(file, ROTATIONS_YAML.replace("name: solo", "name: solo-2"));
    const result = await a.rotations.reload(a.clock.now());
    expect(result.ok).toBe(true);
    a.rotations.generation = await bumpRotationsGeneration(a);
    expect(b.rotations.get("solo-2")).toBeUndefined();
    await syncRotations(b);
    expect(b.rotations.get("solo-2")).toBeDefined();
    expect(b.rotations.generation).toBe(a.rotations.generation);
  });
});
