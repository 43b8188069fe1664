// Managing action items and editing an incident's title on real databases (SQLite and
// PostgreSQL): each change recorded once per request key, numbered as the postmortem numbers
// them, the new owner's DM queued in the same transaction, a stale edit form refused.
import { describe, expect, it } from "vitest";
import { detailsToEdit, editDetails } from "../../src/services/edit-details.ts";
import { addActionItem } from "../../src/services/postmortem/add-action-item.ts";
import { listActionItems, updateActionItem } from "../../src/services/postmortem/manage-action-items.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const BLAIR = "U0BLAIR001";
const CASEY = "U0CASEY001";
let keys = 0;
const key = () => `manage:${++keys}`;

describe.each(testedProviders())("managing action items on %s", (provider) => {
  const deps = useTestDeps(provider);

  const request = (incidentId: number) => ({ incidentId, workstreamId: null, actorId: COMMANDER });
  const dmsTo = async (userId: string) =>
    (await deps().database.db.outboxMessage.findMany({ where: { kind: "message.post" } })).filter((row) =>
      JSON.stringify(row.payload).includes(`"userId":"${userId}"`),
    ).length;

  it("marks done, reassigns and edits by number, once per request, queueing the owner's DM", async () => {
    const { incidentId } = await declareWithChannel(deps());
    for (const [text, ownerId] of [
      ["Rotate keys", BLAIR],
      ["Alert on 5xx", null],
      ["Write the runbook", null],
    ] as const)
      await addActionItem(deps(), { ...request(incidentId), text, ownerId, requestKey: key() });
    expect(await dmsTo(BLAIR)).toBe(1);

    const doneKey = key();
    const done = await updateActionItem(deps(), {
      ...request(incidentId),
      ref: { number: 2 },
      done: true,
      requestKey: doneKey,
    });
    expect(done.changes).toEqual(["done"]);
    // The same request again (Slack's retry): the first answer, nothing recorded twice.
    const again = await updateActionItem(deps(), {
      ...request(incidentId),
      ref: { number: 2 },
      done: true,
      requestKey: doneKey,
    });
    expect(again.changes).toEqual(["done"]);
    const reassigned = await updateActionItem(deps(), {
      ...request(incidentId),
      ref: { number: 3 },
      ownerId: CASEY,
      text: "Write and review the runbook",
      requestKey: key(),
    });
    expect(reassigned.changes).toEqual(["edited", "reassigned"]);
    expect(await dmsTo(CASEY)).toBe(1);

    const list = await listActionItems(deps(), { incidentId, actorId: BLAIR });
    expect(list.items.map((i) => [i.number, i.text, i.ownerId, i.status])).toEqual([
      [1, "Rotate keys", BLAIR, "open"],
      [2, "Alert on 5xx", null, "done"],
      [3, "Write and review the runbook", CASEY, "open"],
    ]);
    const kinds = await deps().database.db.timelineEntry.findMany({
      where: { incidentId, kind: { in: ["action_done", "action_reassigned", "action_edited"] } },
    });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["action_done", "action_edited", "action_reassigned"]);
    await expect(
      updateActionItem(deps(), { ...request(incidentId), ref: { number: 7 }, done: true, requestKey: key() }),
    ).rejects.toThrow(/no action item 7/);
  });

  it("edits the title once, and refuses a form that showed an older version", async () => {
    const { incidentId } = await declareWithChannel(deps(), { title: "Queue backlog" });
    const shown = await detailsToEdit(deps(), { incidentId, actorId: BLAIR });
    const edited = await editDetails(deps(), {
      ...request(incidentId),
      title: "Queue backlog in eu1",
      requestKey: key(),
    });
    expect(edited.changed).toEqual(["title"]);
    await expect(
      editDetails(deps(), {
        ...request(incidentId),
        actorId: BLAIR,
        title: "Queue stuck",
        version: shown.version,
        requestKey: key(),
      }),
    ).rejects.toThrow(/Someone changed the title or summary/);
    const row = await deps().database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(row.title).toBe("Queue backlog in eu1");
    expect(row.channelName).toMatch(/queue-backlog$/);
    expect(
      await deps().database.db.timelineEntry.count({ where: { incidentId, kind: "title_changed" } }),
    ).toBe(1);
  });
});
