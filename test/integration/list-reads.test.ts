// What the App Home, the incident list and the postmortem read, on both stores: the incidents not
// closed, worst first, exactly as the model query reads them; every incident's current holder of
// a role for hundreds of incidents at once (the ids go as one parameter), the latest term
// winning; those of some incidents not closed and some workstreams, as the model reads them; and
// the names remembered for hundreds of people, whatever their ids hold.
import { describe, expect, it } from "vitest";
import { toIncident } from "../../src/db/repositories/incidents.ts";
import { toWorkstream } from "../../src/db/repositories/workstreams.ts";
import { testedProviders } from "../support/databases.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("list reads on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("reads the incidents not closed, worst first then newest, as the model query does", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const make = (number: number, severity: number, status: string) =>
      db.incident.create({
        data: { ...bareIncidentRow(number, `Incident ${number}`, at), severity, status },
      });
    await make(8_001, 3, "investigating");
    await make(8_002, 1, "monitoring");
    const closed = await make(8_003, 1, "closed");
    await make(8_004, 3, "resolved");
    await db.incident.update({
      where: { number: 8_001 },
      data: { isPrivate: true, rotation: "sre", lastUpdateAt: at, regions: ["us1"] },
    });
    const viaModel = (
      await db.incident.findMany({
        where: { status: { not: "closed" } },
        orderBy: [{ severity: "asc" }, { number: "desc" }],
      })
    ).map(toIncident);
    const read = await deps().store.read.incidents.notClosed();
    expect(read).toEqual(viaModel);
    expect(read.map((i) => i.id)).not.toContain(closed.id);
    expect(read.filter((i) => i.number > 8_000).map((i) => i.number)).toEqual([8_002, 8_004, 8_001]);
    expect(read.find((i) => i.number === 8_001)).toMatchObject({ isPrivate: true, regions: ["us1"] });
  });

  it("gives each of 300 incidents' current commander in one read, the latest term winning", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) {
      ids.push((await db.incident.create({ data: bareIncidentRow(9_000 + i, `Incident ${i}`, at) })).id);
    }
    const term = (incidentId: number, userId: string, minutes: number, extra: object = {}) =>
      db.roleAssignment.create({
        data: {
          incidentId,
          role: "commander",
          userId,
          startedAt: new Date(at.getTime() + minutes * 60_000),
          assignedById: "U1",
          ...extra,
        },
      });
    for (const [i, id] of ids.entries()) {
      // Two current terms (a handover recorded late): the later one holds the role.
      await term(id, `U0EARLY${i}`, 0);
      await term(id, `U0LATER${i}`, 5);
      // Ended, another role, or a workstream's: none of them is the incident's commander.
      await term(id, `U0ENDED${i}`, 10, { endedAt: at });
      await term(id, `U0COMMS${i}`, 10, { role: "comms" });
    }
    const [first] = ids;
    await db.workstream.create({
      data: {
        id: 90_000,
        incidentId: first as number,
        name: "us1",
        status: "investigating",
        createdById: "U1",
        createdAt: at,
      },
    });
    await term(first as number, "U0WSLEAD01", 20, { workstreamId: 90_000 });
    const holders = await deps().store.read.roles.holders(ids, "commander");
    expect(holders.size).toBe(300);
    expect(ids.map((id) => holders.get(id))).toEqual(ids.map((_, i) => `U0LATER${i}`));
    expect(await deps().store.read.roles.holders(ids.slice(0, 2), "comms")).toEqual(
      new Map([
        [ids[0], "U0COMMS0"],
        [ids[1], "U0COMMS1"],
      ]),
    );
    expect(await deps().store.read.roles.holders([], "commander")).toEqual(new Map());
    expect(
      await deps().store.transaction((repos) => repos.roles.holders(ids.slice(0, 3), "commander")),
    ).toEqual(new Map(ids.slice(0, 3).map((id, i) => [id, `U0LATER${i}`])));
  });
  it("reads some incidents not closed and some workstreams by id, as the model queries read them", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const make = (number: number, status: string) =>
      db.incident.create({ data: { ...bareIncidentRow(number, `Incident ${number}`, at), status } });
    const open = await make(8_101, "investigating");
    const resolved = await make(8_102, "resolved");
    const closed = await make(8_103, "closed");
    await make(8_104, "monitoring");
    await db.incident.update({
      where: { id: open.id },
      data: { isPrivate: true, rotation: "sre", lastUpdateAt: at, regions: ["us1", "eu1"] },
    });
    const asked = [open.id, resolved.id, closed.id, 999_999];
    const viaModel = (
      await db.incident.findMany({ where: { id: { in: asked }, status: { not: "closed" } } })
    ).map(toIncident);
    const byId = (rows: { id: number }[]) => [...rows].sort((a, b) => a.id - b.id);
    const read = await deps().store.read.incidents.notClosedAmong(asked);
    expect(byId(read)).toEqual(byId(viaModel));
    expect(read.map((i) => i.number).sort()).toEqual([8_101, 8_102]);
    expect(read.find((i) => i.id === open.id)).toMatchObject({ isPrivate: true, regions: ["us1", "eu1"] });
    expect(await deps().store.read.incidents.notClosedAmong([])).toEqual([]);

    const workstream = (name: string, extra: object = {}) =>
      db.workstream.create({
        data: {
          incidentId: open.id,
          name,
          status: "investigating",
          wantChannel: false,
          createdById: "U1",
          createdAt: at,
          ...extra,
        },
      });
    const eu = await workstream("eu1", { rotation: "sre-eu", channelId: "C0EU1", summaryTs: "1.2" });
    const us = await workstream("us1");
    await workstream("ap1");
    const wanted = [eu.id, us.id, 999_999];
    const workstreamsViaModel = (await db.workstream.findMany({ where: { id: { in: wanted } } })).map(
      toWorkstream,
    );
    const workstreams = await deps().store.read.workstreams.byIds(wanted);
    expect(byId(workstreams)).toEqual(byId(workstreamsViaModel));
    expect(workstreams.map((w) => w.name).sort()).toEqual(["eu1", "us1"]);
    expect(await deps().store.read.workstreams.byIds([])).toEqual([]);
  });

  it("reads the names remembered for 1,200 people in one read, whatever their ids hold", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const odd = [`U'quote`, "U\\back", 'U"double', "Uéß漢字", "U%_like", "U0, U1"];
    const ids = [...odd, ...Array.from({ length: 1_194 }, (_, i) => `U${String(i).padStart(9, "0")}`)];
    for (const [i, userId] of ids.entries()) {
      await db.userName.create({
        data: { userId, name: `Person ${i}`, updatedAt: new Date(at.getTime() + i) },
      });
    }
    const names = deps().store.read.userNames;
    const all = await names.remembered([...ids, "U0NOBODY", ids[0] as string]);
    expect(all).toHaveLength(1_200);
    const byUser = new Map(all.map((row) => [row.userId, row]));
    expect(ids.map((id) => byUser.get(id)?.name)).toEqual(ids.map((_, i) => `Person ${i}`));
    expect(byUser.get("U%_like")?.updatedAt).toEqual(new Date(at.getTime() + 4));
    expect((await names.remembered(odd)).map((row) => row.userId).sort()).toEqual([...odd].sort());
    // A pattern character is not a pattern: only the one id it is.
    expect(await names.remembered(["U%"])).toEqual([]);
    expect(await names.remembered([])).toEqual([]);
  });
});
