// What a control (a button on the pinned summary, or in the `/incident` menu) may open, for
// the person who clicked: the incident as it is now, so the form is prefilled with the current
// state, plus the refusals of its restricted parts, worded by the rules in permissions.ts.
// Clicking reveals nothing of a private incident to someone outside its channel, and a control
// on an incident that has since closed says so.
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { assertIncidentActive, assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";
import { leaderOf } from "../incident-scope.ts";
import { adminFor, assertMayChangeLeader, isIncidentAdmin, refusalOf } from "../permissions.ts";
import { requireVisible } from "../visibility.ts";

export const CONTROLS = [
  "post_update",
  "severity",
  "status",
  "roles",
  "recovery_board",
  "hand_over",
  "action_item",
  "note",
  "milestone",
] as const;
export type Control = (typeof CONTROLS)[number];

/** Follow-ups and notes are still written after closing (as `/incident action` and `note` allow). */
const AFTER_CLOSING: ReadonlySet<Control> = new Set(["action_item", "note"]);

export interface ControlFormModel {
  control: Control;
  view: IncidentView;
  /** Set when the control is on a workstream's summary: the form acts on that workstream. */
  workstream: WorkstreamView | null;
  /** Who leads the scope now (commander, or the workstream's lead). */
  leaderId: string | null;
  /** Why this person may not lower the severity / resolve (null: they may). */
  refusals: { deescalate: string | null; resolve: string | null };
  openedAt: Date;
}

export async function openControlForm(
  deps: ServiceDeps,
  input: { incidentId: number; workstreamId: number | null; actorId: string; control: Control },
): Promise<ControlFormModel> {
  const read = deps.store.read;
  const incident = await read.incidents.byId(input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  await requireVisible(
    deps,
    incident,
    input.actorId,
    "This button belongs to a private incident, and only the people in its channel can use it.",
  );
  if (!AFTER_CLOSING.has(input.control))
    assertIncidentOpen(
      incident,
      "Its controls no longer change anything; notes and action items can still be added.",
    );
  const view = await read.views.incident(incident.id);
  if (!view) throw notFound("That incident no longer exists.");
  const workstream = input.workstreamId
    ? (view.workstreams.find((w) => w.id === input.workstreamId) ?? null)
    : null;
  if (input.workstreamId && !workstream) throw notFound("That workstream no longer exists.");
  const scope = { incident, workstream };
  const leaderId = await leaderOf(read, scope);
  const refusals = { deescalate: null as string | null, resolve: null as string | null };
  if (input.control === "hand_over") {
    assertIncidentActive(incident, "there is nothing to hand over.");
    // Admin groups come from Slack: read before the rule is applied (as the use case does).
    const isAdmin = workstream
      ? await isIncidentAdmin(deps, input.actorId)
      : await adminFor(deps, input.actorId, "commander");
    await assertMayChangeLeader(deps, read, scope, leaderId, { id: input.actorId, isAdmin });
  }
  if (input.control === "severity") {
    const actor = { id: input.actorId, isAdmin: await adminFor(deps, input.actorId, "deescalate") };
    refusals.deescalate = await refusalOf(deps, read, incident, actor, "deescalate");
  }
  if (input.control === "status" && !workstream) {
    const actor = { id: input.actorId, isAdmin: await adminFor(deps, input.actorId, "resolve") };
    refusals.resolve = await refusalOf(deps, read, incident, actor, "resolve");
  }
  return { control: input.control, view, workstream, leaderId, refusals, openedAt: deps.clock.now() };
}
