// Statuspage on both stores: which changes queue a Statuspage delivery (a published public
// incident's public updates, status, title and board; nothing for private, unpublished or
// internal), and what the deliveries read — public update text only, the stored Statuspage
// id, and board rows of published, open, non-private incidents only.
import { describe, expect, it } from "vitest";
import {
  boardServicesOf,
  loadStatuspageSource,
  publicBoardRows,
  publicUpdateText,
  storeStatuspageIncidentId,
} from "../../src/db/repositories/statuspage.ts";
import { changeStatus } from "../../src/services/change-status.ts";
import { setServiceStatus } from "../../src/services/set-service-status.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const STATUSPAGE_ENV = { STATUSPAGE_API_KEY: "sp-key", STATUSPAGE_PAGE_ID: "page1" };

describe.each(testedProviders())("Statuspage queue and reads on %s", (provider) => {
  const deps = useTestDeps(provider, { env: STATUSPAGE_ENV });
  let seq = 0;
  const key = () => `spq-${++seq}`;

  const update = (incidentId: number, text: string, isPublic: boolean) =>
    postUpdate(deps(), {
      incidentId,
      workstreamId: null,
      text,
      at: null,
      actorId: COMMANDER,
      requestKey: key(),
      public: isPublic,
    });
  const service = (incidentId: number, name: string, region: string, state: "outage" | "degraded") =>
    setServiceStatus(deps(), {
      incidentId,
      workstreamId: null,
      service: name,
      region,
      phase: "live",
      state,
      note: "",
      actorId: COMMANDER,
      requestKey: key(),
    });
  const queued = async (incidentId: number) =>
    (
      await deps().database.db.outboxMessage.findMany({
        where: { kind: { startsWith: "statuspage." } },
        orderBy: { id: "asc" },
      })
    )
      .map(
        (row) =>
          row.payload as { kind: string; incidentId: number; entryId?: number | null; status?: string },
      )
      .filter((intent) => intent.incidentId === incidentId);

  it("queues nothing for a private or unpublished incident", async () => {
    const secret = await declareWithChannel(deps(), { title: "Payroll exposure", isPrivate: true });
    await update(secret.incidentId, "internal", false);
    await service(secret.incidentId, "payroll", "eu1", "outage");
    const quiet = await declareWithChannel(deps(), { title: "Unpublished blip" });
    await update(quiet.incidentId, "internal", false);
    await service(quiet.incidentId, "search", "eu1", "degraded");
    expect(await queued(secret.incidentId)).toEqual([]);
    expect(await queued(quiet.incidentId)).toEqual([]);
    expect(await publicBoardRows(deps().database.db, ["payroll", "search"])).toEqual([]);
  });

  it("queues a published incident's public updates, status and board, in one lane", async () => {
    const { incidentId } = await declareWithChannel(deps(), { title: "Checkout failing" });
    await update(incidentId, "internal only", false);
    await update(incidentId, "Card payments fail", true);
    await service(incidentId, "checkout", "eu1", "outage");
    await changeStatus(deps(), {
      incidentId,
      workstreamId: null,
      to: "identified",
      message: "",
      actorId: COMMANDER,
      requestKey: key(),
    });
    const { db } = deps().database;
    const [publicEntry, internal] = await db.timelineEntry.findMany({
      where: { incidentId, kind: "update_posted" },
      orderBy: { id: "desc" },
    });
    const intents = await queued(incidentId);
    // Publishing, the board change and the status change each ask for the components; while one
    // is pending (nothing delivers here) the later asks coalesce into it: it reads the boards
    // as they are when it goes.
    expect(intents.map((i) => i.kind)).toEqual([
      "statuspage.components",
      "statuspage.incident",
      "statuspage.incident",
    ]);
    expect(intents[1]).toMatchObject({ status: "investigating", entryId: publicEntry!.id });
    expect(intents[2]).toMatchObject({ status: "identified", entryId: null });
    const lanes = await deps().database.db.outboxMessage.findMany({
      where: { kind: { startsWith: "statuspage." } },
      select: { lane: true, payload: true },
    });
    expect(
      new Set(
        lanes
          .filter((l) => (l.payload as { incidentId: number }).incidentId === incidentId)
          .map((l) => l.lane),
      ),
    ).toEqual(new Set([`statuspage:incident:${incidentId}`]));

    expect(await publicUpdateText(db, incidentId, publicEntry!.id)).toBe("Card payments fail");
    expect(await publicUpdateText(db, incidentId, internal!.id)).toBeNull();
    expect(await boardServicesOf(db, incidentId)).toEqual(["checkout"]);
    expect(await publicBoardRows(db, ["checkout", "payroll"])).toEqual([
      { service: "checkout", region: "eu1", state: "outage" },
    ]);

    expect((await loadStatuspageSource(db, incidentId))?.statuspageIncidentId).toBeNull();
    await storeStatuspageIncidentId(db, incidentId, "p31zjtct2jer");
    expect(await loadStatuspageSource(db, incidentId)).toMatchObject({
      title: "Checkout failing",
      status: "identified",
      published: true,
      isPrivate: false,
      statuspageIncidentId: "p31zjtct2jer",
    });
  });
});
