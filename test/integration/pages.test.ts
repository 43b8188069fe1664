// Pages as state, on both databases: two replicas escalating the same handoff at the same
// instant send each page once (one page row, one timeline entry, one outbox step per pager),
// a repeated /incident page request pages once, and acceptance queues acknowledge + resolve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareIncident } from "../../src/services/declare-incident.ts";
import { acceptHandoff } from "../../src/services/handoffs/accept-handoff.ts";
import { runEscalations } from "../../src/services/handoffs/escalations.ts";
import { runHandoffPrompts } from "../../src/services/handoffs/scheduled-prompts.ts";
import { pageSomeone } from "../../src/services/paging/page-someone.ts";
import { attachRotation } from "../../src/services/rotations/attach-rotation.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { PEOPLE, writeRotationsFile } from "../support/handoff-fixtures.ts";
import { declaration } from "../support/integration-incident.ts";
import { DEFAULT_ROUTING_KEY, writeTargetsFile } from "../support/paging-fixtures.ts";
import { createTestDeps, type TestDeps } from "../support/test-deps.ts";

const { riley, aoife } = PEOPLE;

describe.each(testedProviders())("pages on %s", (provider) => {
  let database: TestDatabase;
  let a: TestDeps & { close(): Promise<void> };
  let b: TestDeps & { close(): Promise<void> };
  let incidentId: number;
  const replica = () => (provider === "postgresql" ? b : a);
  /** Moves both clocks forward to `iso` (never back: a step replayed for a lone test keeps it). */
  const at = (iso: string) => {
    const to = new Date(iso);
    for (const deps of [a, b]) if (to > deps.clock.now()) deps.clock.set(to);
    return to;
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const env = {
      ROTATIONS_FILE: writeRotationsFile(),
      PAGER_TARGETS_FILE: writeTargetsFile(),
      PAGERDUTY_ROUTING_KEY: DEFAULT_ROUTING_KEY,
      OPSGENIE_API_KEY: "og-test-key",
      OPSGENIE_API_URL: "http://127.0.0.1:9",
      PAGERDUTY_EVENTS_URL: "http://127.0.0.1:9/v2/enqueue",
    };
    a = await createTestDeps(database.url, env);
    b = await createTestDeps(database.url, env);
    a.instanceId = "replica-a";
    b.instanceId = "replica-b";
    incidentId = (await declareIncident(a, declaration({ title: "Intake delayed", commanderId: riley.id })))
      .incidentId;
    await attachRotation(a, {
      incidentId,
      workstream: null,
      rotation: "follow-the-sun",
      actorId: riley.id,
      requestKey: "attach",
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  const pagerSteps = async () =>
    (
      await a.database.db.outboxMessage.findMany({
        where: { kind: { startsWith: "pager." } },
        orderBy: { id: "asc" },
      })
    ).map((m) => [m.kind, (m.payload as { action: string }).action]);

  it("pages the incoming holder once when two replicas escalate at the same instant", async () => {
    await runHandoffPrompts(a, at("2026-03-08T07:45:00Z"));
    const now = at("2026-03-08T08:10:00Z");
    await Promise.all([runEscalations(a, now), runEscalations(replica(), now), runEscalations(a, now)]);
    const pages = await a.database.db.page.findMany({ where: { incidentId } });
    expect(pages.map((p) => [p.targetId, p.email, p.status, p.source])).toEqual([
      [aoife.id, "aoife@example.com", "triggered", "handoff"],
    ]);
    expect(pages[0]?.dedupKey).toMatch(/^incident-\d+-handoff-\d+-holder$/);
    expect(await a.database.db.timelineEntry.count({ where: { incidentId, kind: "page_sent" } })).toBe(1);
    expect(await pagerSteps()).toEqual([
      ["pager.pagerduty", "trigger"],
      ["pager.opsgenie", "trigger"],
    ]);
  });

  it("pages once for a repeated request, and acceptance queues acknowledge then resolve", async () => {
    const request = {
      incidentId,
      who: { kind: "team" as const, name: "database" },
      reason: "lag",
      actorId: riley.id,
      requestKey: "command:page-1",
    };
    const [first, again] = await Promise.all([pageSomeone(a, request), pageSomeone(replica(), request)]);
    expect(again).toEqual(first);
    expect(await a.database.db.page.count({ where: { incidentId, source: "command" } })).toBe(1);

    // The prompt and first escalation (already done when the file runs whole; runOnce makes them once).
    await runHandoffPrompts(a, at("2026-03-08T07:45:00Z"));
    await runEscalations(a, at("2026-03-08T08:10:00Z"));
    const handoff = await a.database.db.handoff.findFirstOrThrow({
      where: { incidentId, toUserId: aoife.id },
    });
    at("2026-03-08T08:12:00Z");
    await acceptHandoff(a, { handoffId: handoff.id, userId: aoife.id });
    const holder = await a.database.db.page.findFirstOrThrow({
      where: { incidentId, handoffId: handoff.id },
    });
    expect(holder).toMatchObject({ status: "resolved", acknowledgedById: aoife.id });
    expect(holder.acknowledgedAt?.toISOString()).toBe("2026-03-08T08:12:00.000Z");
    // The command's page to the database team is not the handoff's: it stays open.
    expect(
      (await a.database.db.page.findFirstOrThrow({ where: { incidentId, source: "command" } })).status,
    ).toBe("triggered");
    expect((await pagerSteps()).slice(-4)).toEqual([
      ["pager.pagerduty", "acknowledge"],
      ["pager.opsgenie", "acknowledge"],
      ["pager.pagerduty", "resolve"],
      ["pager.opsgenie", "resolve"],
    ]);
  });

  it("says in the channel when an automatic page cannot reach its target", async () => {
    const targets = writeTargetsFile("teams:\n  - name: ops\n    opsgenie: Ops\nleadership: U0NOEMAIL1\n");
    const c = await createTestDeps(database.url, {
      PAGER_TARGETS_FILE: targets,
      OPSGENIE_API_KEY: "og-test-key",
      PAGE_ON_SEV: "1",
    });
    try {
      const { incidentId: id } = await declareIncident(
        c,
        declaration({ title: "Unmapped boss", severity: 1 }),
      );
      type Post = { target: { incidentId?: number }; message: { view: string; problem?: string } };
      const posts = await c.database.db.outboxMessage.findMany({ where: { kind: "message.post" } });
      const problem = posts
        .map((p) => p.payload as unknown as Post)
        .find((p) => p.target.incidentId === id && p.message.view === "page_problem");
      expect(problem?.message.problem).toContain("<@U0NOEMAIL1> cannot be paged");
      expect(problem?.message.problem).toContain("`- slack: U0NOEMAIL1`");
      expect(await c.database.db.page.count({ where: { incidentId: id } })).toBe(0);
    } finally {
      await c.close();
    }
  });
});
