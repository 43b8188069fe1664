// Status changes of an incident or of one workstream, and reopening.

import type { ServiceDeps } from "../deps.ts";
import { invalidState } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { assertStatusChange, type SettableStatus } from "../domain/incident/status.ts";
import { recordEvent } from "../events/record-event.ts";
import { settlePages } from "./paging/page-steps.ts";
import { adminFor, assertMay } from "./permissions.ts";
import type { IncidentReopened, StatusChanged, WorkstreamStatusChanged } from "./results.ts";
import { assertShownStill } from "./stale-form.ts";
import { asOf, effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { assertInOrder, entryTime } from "./timeline/entry-time.ts";

export interface StatusChange {
  incidentId: number;
  /** Set when typed in a workstream channel: the workstream's status changes. */
  workstreamId: number | null;
  to: SettableStatus;
  message: string;
  /** When it happened (`--at`); now when null. */
  at?: Date | null;
  actorId: string;
  requestKey: string;
  /** From a form: the status it showed (of the workstream, in one); another now is stale. */
  shownFrom?: string;
}

export async function changeStatus(
  deps: ServiceDeps,
  change: StatusChange,
): Promise<StatusChanged | WorkstreamStatusChanged> {
  const resolving = change.to === "resolved" && !change.workstreamId;
  const actor = {
    id: change.actorId,
    isAdmin: resolving && (await adminFor(deps, change.actorId, "resolve")),
  };
  return runChange(deps, change.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, change.incidentId);
    const occurredAt = await entryTime(deps, repos, incident, change.at ?? null);
    const meta = metaFor(deps, change.actorId, {
      text: change.message,
      workstreamId: change.workstreamId,
      occurredAt,
    });
    const when = asOf(change.at, occurredAt);
    if (change.workstreamId) {
      const workstream = await repos.workstreams.byId(change.workstreamId);
      if (!workstream) throw invalidState("That workstream no longer exists.");
      assertIncidentOpen(incident);
      assertShownStill<string>(
        change.shownFrom,
        workstream.status,
        "The workstream's status",
        (s) => `*${s}*`,
      );
      if (workstream.status === change.to)
        throw invalidState(`Workstream \`${workstream.name}\` is already *${change.to}*.`);
      await recordEvent(
        repos,
        incident,
        {
          kind: "workstream_status_changed",
          workstreamId: workstream.id,
          name: workstream.name,
          from: workstream.status,
          to: change.to,
          message: change.message,
        },
        meta,
        { context: effectContext(deps) },
      );
      return { kind: "workstream_status_changed", workstream: workstream.name, to: change.to, asOf: when };
    }
    assertShownStill<string>(change.shownFrom, incident.status, "The status", (s) => `*${s}*`);
    assertStatusChange(incident.status, change.to);
    if (change.at)
      await assertInOrder(repos, incident, occurredAt, ["status_changed", "incident_reopened"], "status");
    if (change.to === "resolved") await assertMay(deps, repos, incident, actor, "resolve");
    await recordEvent(
      repos,
      incident,
      { kind: "status_changed", from: incident.status, to: change.to, message: change.message },
      meta,
      { context: effectContext(deps) },
    );
    // Nobody needs waking for a resolved incident: its open pages close at every pager.
    if (change.to === "resolved")
      await settlePages(deps, repos, incident, await repos.pages.open(incident.id), {
        byUserId: change.actorId,
        acknowledge: false,
        why: "incident resolved",
      });
    return { kind: "status_changed", incidentNumber: incident.number, to: change.to, asOf: when };
  });
}

export async function reopenIncident(
  deps: ServiceDeps,
  input: { incidentId: number; reason: string; actorId: string; requestKey: string },
): Promise<IncidentReopened> {
  const actor = { id: input.actorId, isAdmin: await adminFor(deps, input.actorId, "reopen") };
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident, "Declare a new one and link it instead.");
    if (incident.status !== "resolved")
      throw invalidState(`The incident is not resolved (it is *${incident.status}*).`);
    await assertMay(deps, repos, incident, actor, "reopen");
    await recordEvent(
      repos,
      incident,
      { kind: "incident_reopened", from: incident.status, reason: input.reason },
      metaFor(deps, input.actorId, { text: input.reason }),
      { context: effectContext(deps) },
    );
    return { kind: "incident_reopened", incidentNumber: incident.number };
  });
}
