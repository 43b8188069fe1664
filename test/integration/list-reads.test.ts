// What the App Home and the incident list read, on both stores: the incidents not closed, worst
// first, exactly as the model query reads them, and every incident's current holder of a role
// for hundreds of incidents at once (the ids go as one parameter), the latest term winning.
import { describe, expect, it } from "vitest";
import { toIncident } from "../../src/db/repositories/incidents.ts";
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
});
