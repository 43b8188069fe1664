// What the incident page and `/incident timeline` read at every view, on both stores: plain SQL
// that must give exactly what the model queries gave. The timeline's count and pages under every
// filter (workstream, from, to, one kind or several) and offset; the role history with each
// lead's workstream by name; the workstreams with their current lead; the handoffs in order.
import { describe, expect, it } from "vitest";
import { statementsSentDirect } from "../../src/db/direct.ts";
import { toHandoff } from "../../src/db/repositories/handoffs.ts";
import { toIncident } from "../../src/db/repositories/incidents.ts";
import type { TimelineFilter } from "../../src/db/repositories/timeline.ts";
import { toTimelineEntry } from "../../src/db/repositories/timeline.ts";
import { testedProviders } from "../support/databases.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("the incident page's reads on %s", (provider) => {
  const deps = useTestDeps(provider);

  /** An incident with two workstreams, role terms, handoffs and 60 timeline entries, and another incident. */
  async function busyIncident(number: number) {
    const { db } = deps().database;
    const at = deps().clock.now();
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
    const incident = await db.incident.create({ data: bareIncidentRow(number, "Busy", at) });
    const other = await db.incident.create({ data: bareIncidentRow(number + 1, "Other", at) });
    const workstream = (name: string) =>
      db.workstream.create({
        data: {
          incidentId: incident.id,
          name,
          status: "investigating",
          wantChannel: false,
          createdById: "U1",
          createdAt: at,
        },
      });
    const eu = await workstream("eu1");
    const us = await workstream("us1");
    await db.workstream.update({
      where: { id: us.id },
      data: { parentId: eu.id, channelId: `C0US${number}` },
    });
    const term = (role: string, userId: string, start: number, extra: object = {}) =>
      db.roleAssignment.create({
        data: {
          incidentId: incident.id,
          role,
          userId,
          startedAt: minutes(start),
          assignedById: "U1",
          ...extra,
        },
      });
    await term("commander", "U0FIRST", 0, { endedAt: minutes(30) });
    await term("commander", "U0SECOND", 30);
    await term("lead", "U0EULEAD1", 5, { workstreamId: eu.id, endedAt: minutes(20) });
    await term("lead", "U0EULEAD2", 20, { workstreamId: eu.id });
    await term("comms", "U0COMMS", 10);
    await db.roleAssignment.create({
      data: { incidentId: other.id, role: "commander", userId: "U0ELSE", startedAt: at, assignedById: "U1" },
    });
    for (const [i, state] of ["accepted", "prompted", "superseded"].entries())
      await db.handoff.create({
        data: {
          incidentId: incident.id,
          workstreamId: i === 1 ? eu.id : null,
          role: i === 1 ? "lead" : "commander",
          dedupeKey: `page-reads:${number}:${i}`,
          toUserId: "U0NEXT",
          state,
          // Out of order on purpose: read back by when they were asked for.
          promptedAt: minutes(50 - i * 10),
          acceptBy: minutes(60),
          ...(i === 0
            ? {
                brief: {
                  currentState: "ok",
                  triedOrRuledOut: "",
                  openActions: "",
                  risks: "",
                  nextCheckpoint: "",
                },
              }
            : {}),
        },
      });
    for (let i = 0; i < 60; i++) {
      const kind = i % 3 === 0 ? "update_posted" : "note_added";
      const text = `entry ${i}`;
      await db.timelineEntry.create({
        data: {
          incidentId: i === 59 ? other.id : incident.id,
          workstreamId: i % 4 === 0 ? eu.id : i % 5 === 0 ? us.id : null,
          kind,
          // Pairs at the same minute: ties in the order they were recorded.
          occurredAt: minutes(Math.floor(i / 2)),
          recordedAt: minutes(i),
          actorId: "U0SECOND",
          text,
          data:
            kind === "update_posted"
              ? { kind, text, broadcast: false }
              : { kind, text, tag: i === 7 ? "cause" : null },
        },
      });
    }
    return { incident, eu, us, minutes };
  }

  it("counts and pages the timeline under every filter exactly as the model queries did", async () => {
    const { db } = deps().database;
    const { incident, eu, minutes } = await busyIncident(7_600);
    const filters: TimelineFilter[] = [
      { incidentId: incident.id },
      { incidentId: incident.id, workstreamId: eu.id },
      { incidentId: incident.id, since: minutes(5), until: minutes(20) },
      { incidentId: incident.id, kinds: ["note_added"] },
      { incidentId: incident.id, kinds: ["note_added", "update_posted"], since: minutes(10) },
      { incidentId: incident.id, workstreamId: eu.id, kinds: ["update_posted"], until: minutes(25) },
      { incidentId: incident.id, kinds: ["no_such_kind"] },
    ];
    const timeline = deps().store.read.timeline;
    for (const filter of filters) {
      const where = {
        incidentId: filter.incidentId,
        ...(filter.workstreamId ? { workstreamId: filter.workstreamId } : {}),
        ...(filter.since || filter.until
          ? {
              occurredAt: {
                ...(filter.since ? { gte: filter.since } : {}),
                ...(filter.until ? { lt: filter.until } : {}),
              },
            }
          : {}),
        ...(filter.kinds?.length ? { kind: { in: [...filter.kinds] } } : {}),
      };
      const kept = await db.timelineEntry.count({ where });
      expect(await timeline.count(filter)).toBe(kept);
      // With the whole timeline's count beside it (the incident page's draft version), which a
      // filter that narrows nothing answers with the one count: the page's only other count.
      const before = statementsSentDirect();
      expect(await timeline.counts(filter)).toEqual({ kept, all: 59 });
      const narrows = filter.workstreamId || filter.since || filter.until || filter.kinds?.length;
      expect(statementsSentDirect() - before).toBe(narrows ? 2 : 1);
      for (const [offset, take] of [
        [0, 100],
        [0, 7],
        [7, 7],
        [40, 100],
      ] as const) {
        const viaModel = (
          await db.timelineEntry.findMany({
            where,
            orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
            skip: offset,
            take,
          })
        ).map(toTimelineEntry);
        expect(await timeline.slice(filter, offset, take)).toEqual(viaModel);
      }
    }
    expect(await timeline.count({ incidentId: incident.id })).toBe(59);
    expect(
      await deps().store.transaction((repos) => repos.timeline.slice({ incidentId: incident.id }, 3, 2)),
    ).toEqual(await timeline.slice({ incidentId: incident.id }, 3, 2));
  });

  it("finds an incident by its number as the model query did, and nothing for a number that is none", async () => {
    const { db } = deps().database;
    const { incident } = await busyIncident(7_800);
    const incidents = deps().store.read.incidents;
    const viaModel = await db.incident.findUniqueOrThrow({ where: { number: incident.number } });
    expect(await incidents.byNumber(incident.number)).toEqual(toIncident(viaModel));
    expect(await incidents.byNumber(7_799)).toBeNull();
    expect(await incidents.byNumber(Number.MAX_SAFE_INTEGER + 2)).toBeNull();
    expect(await deps().store.transaction((repos) => repos.incidents.byNumber(incident.number))).toEqual(
      toIncident(viaModel),
    );
  });

  it("reads the role history, the workstreams with their leads and the handoffs as the model queries did", async () => {
    const { db } = deps().database;
    const { incident, eu, us } = await busyIncident(7_700);
    const views = deps().store.read.views;

    expect(await views.roleHistory(incident.id)).toEqual([
      {
        role: "commander",
        userId: "U0FIRST",
        workstream: null,
        startedAt: expect.any(Date),
        endedAt: expect.any(Date),
      },
      {
        role: "lead",
        userId: "U0EULEAD1",
        workstream: "eu1",
        startedAt: expect.any(Date),
        endedAt: expect.any(Date),
      },
      { role: "comms", userId: "U0COMMS", workstream: null, startedAt: expect.any(Date), endedAt: null },
      { role: "lead", userId: "U0EULEAD2", workstream: "eu1", startedAt: expect.any(Date), endedAt: null },
      { role: "commander", userId: "U0SECOND", workstream: null, startedAt: expect.any(Date), endedAt: null },
    ]);
    const terms = await db.roleAssignment.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    });
    expect((await views.roleHistory(incident.id)).map((h) => [h.startedAt, h.endedAt])).toEqual(
      terms.map((t) => [t.startedAt, t.endedAt]),
    );

    expect(await views.workstreamsWithLeads(incident.id)).toEqual([
      {
        id: eu.id,
        parentId: null,
        name: "eu1",
        status: "investigating",
        channelId: null,
        leadId: "U0EULEAD2",
      },
      {
        id: us.id,
        parentId: eu.id,
        name: "us1",
        status: "investigating",
        channelId: "C0US7700",
        leadId: null,
      },
    ]);

    const viaModel = (
      await db.handoff.findMany({
        where: { incidentId: incident.id },
        orderBy: [{ promptedAt: "asc" }, { id: "asc" }],
      })
    ).map(toHandoff);
    const handoffs = await deps().store.read.handoffs.ofIncident(incident.id);
    expect(handoffs).toEqual(viaModel);
    expect(handoffs.map((h) => h.state)).toEqual(["superseded", "prompted", "accepted"]);
    expect(handoffs[2]?.brief).toMatchObject({ currentState: "ok" });
  });
});
