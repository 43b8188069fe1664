// Workstreams under a region on both stores: the parent is stored, read back on the incident's
// view, and a third level is refused without writing anything.
import { describe, expect, it } from "vitest";
import { loadIncidentView } from "../../src/db/queries/incident-view.ts";
import { declareIncident } from "../../src/services/declare-incident.ts";
import { addWorkstream } from "../../src/services/workstreams.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declaration } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("parent workstreams on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("stores the parent, shows it on the view and refuses a third level", async () => {
    const { incidentId } = await declareIncident(deps(), declaration());
    const add = (name: string, parent: string | null, key: string) =>
      addWorkstream(deps(), {
        incidentId,
        name,
        leadId: null,
        withChannel: false,
        parent,
        actorId: COMMANDER,
        requestKey: key,
      });
    await add("eu1", null, "ws:1");
    expect(await add("eu1-ingest", "eu1", "ws:2")).toMatchObject({ parent: "eu1" });
    await expect(add("eu1-ingest-kafka", "eu1-ingest", "ws:3")).rejects.toThrow(/nest 2 levels deep/);
    const view = await loadIncidentView(deps().database.db, incidentId, provider);
    const byName = new Map(view?.workstreams.map((w) => [w.name, w]));
    expect(byName.get("eu1-ingest")?.parentId).toBe(byName.get("eu1")?.id);
    expect(byName.get("eu1")?.parentId).toBeNull();
    expect(byName.has("eu1-ingest-kafka")).toBe(false);
    const added = await deps().database.db.timelineEntry.findFirstOrThrow({
      where: { incidentId, kind: "workstream_added", text: "" },
      orderBy: { id: "desc" },
    });
    expect(added.data).toMatchObject({ name: "eu1-ingest", parent: "eu1", parentId: byName.get("eu1")?.id });
  });
});
