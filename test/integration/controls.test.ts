// What the controls' forms add to the use cases, on both stores: a form that showed state which
// has changed since is refused (nothing recorded), and ⭐ marks a posted update as key once
// (the same mark `update --key` stores, read back through the timeline's parser).
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.ts";
import { assignRole } from "../../src/services/assign-role.ts";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { setServiceStatus } from "../../src/services/set-service-status.ts";
import { markUpdateKey } from "../../src/services/timeline/mark-update-key.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const U2 = "U0000000002";
const U3 = "U0000000003";

describe.each(testedProviders())("controls' use cases on %s", (provider) => {
  const deps = useTestDeps(provider);
  let incidentId: number;
  let seq = 0;
  const key = () => `controls-${++seq}`;

  beforeAll(async () => {
    incidentId = (await declareWithChannel(deps(), { severity: 2 })).incidentId;
  });

  async function refusal(work: Promise<unknown>): Promise<DomainError> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  it("refuses a severity form that showed another severity, recording nothing", async () => {
    const base = { incidentId, workstreamId: null, reason: "wider", actorId: COMMANDER };
    const stale = await refusal(changeSeverity(deps(), { ...base, to: 1, shownFrom: 3, requestKey: key() }));
    expect(stale.code).toBe("conflict");
    expect(stale.userMessage).toContain("it showed SEV3 (moderate), it is now SEV2 (major)");
    expect(
      await deps().database.db.timelineEntry.count({ where: { incidentId, kind: "severity_changed" } }),
    ).toBe(0);
    await changeSeverity(deps(), { ...base, to: 1, shownFrom: 2, requestKey: key() });
    expect(
      (await deps().database.db.incident.findUniqueOrThrow({ where: { id: incidentId } })).severity,
    ).toBe(1);
  });

  it("refuses a roles form or a board form whose holder or row changed since", async () => {
    const role = {
      incidentId,
      role: "comms" as const,
      workstreamId: null,
      contextWorkstreamId: null,
      actorId: COMMANDER,
    };
    await assignRole(deps(), { ...role, userId: U2, shownHolder: null, requestKey: key() });
    const stale = await refusal(
      assignRole(deps(), { ...role, userId: U3, shownHolder: null, requestKey: key() }),
    );
    expect(stale.userMessage).toContain("it showed nobody, it is now <@U0000000002>");

    const row = {
      incidentId,
      workstreamId: null,
      service: "checkout",
      region: "eu1",
      phase: "live" as const,
      note: "",
      actorId: U2,
    };
    await setServiceStatus(deps(), { ...row, state: "degraded", shownState: null, requestKey: key() });
    const board = await refusal(
      setServiceStatus(deps(), { ...row, state: "recovered", shownState: null, requestKey: key() }),
    );
    expect(board.userMessage).toContain("it showed no state, it is now *degraded*");
    const current = await deps().database.db.serviceStatus.findFirstOrThrow({ where: { incidentId } });
    expect(current.state).toBe("degraded");
  });

  it("marks a posted update as key once; a second press changes nothing", async () => {
    await postUpdate(deps(), {
      incidentId,
      workstreamId: null,
      text: "fix rolling out",
      at: null,
      actorId: U2,
      requestKey: key(),
    });
    const update = await deps().store.read.timeline.latest(incidentId, "update_posted");
    expect(update?.event).toMatchObject({ kind: "update_posted" });
    expect(update?.event.kind === "update_posted" && update.event.key).toBeFalsy();
    const input = { incidentId, updateEntryId: update!.id, actorId: U3 };
    expect(await markUpdateKey(deps(), { ...input, requestKey: key() })).toEqual({
      kind: "update_marked_key",
      already: false,
    });
    expect(await markUpdateKey(deps(), { ...input, requestKey: key() })).toEqual({
      kind: "update_marked_key",
      already: true,
    });
    const marked = await deps().store.read.timeline.latest(incidentId, "update_posted");
    expect(marked?.event).toMatchObject({ kind: "update_posted", text: "fix rolling out", key: true });
    const marks = await deps().store.read.timeline.latest(incidentId, "update_marked_key");
    expect(marks?.event).toMatchObject({ updateEntryId: update!.id, text: "fix rolling out" });
    expect(marks?.actorId).toBe(U3);
    // Another incident's id, or an entry that is not an update, is not found.
    const wrong = await refusal(
      markUpdateKey(deps(), { ...input, updateEntryId: marks!.id, requestKey: key() }),
    );
    expect(wrong.code).toBe("not_found");
  });
});
