// Writing the handoff brief: the form pre-filled from the timeline since the outgoing holder's
// shift began, and the submission — stored on the handoff, recorded in the timeline, posted
// in the channel and sent to the incoming holder with the Accept button.

import type { ServiceDeps } from "../../deps.ts";
import { forbidden, invalidState, notFound } from "../../domain/errors.ts";
import {
  type BriefContext,
  type HandoffBrief,
  normaliseBrief,
  prefillBrief,
  sameBrief,
} from "../../domain/handoff/brief.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import { roleWords } from "../../domain/handoff/role-words.ts";
import { type HandoffState, mayBrief, transition } from "../../domain/handoff/state.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import type { EventKind, EventOf } from "../../domain/timeline/events.ts";
import { recordEvent } from "../../events/record-event.ts";
import { leaderOf, loadScope } from "../incident-scope.ts";
import { isIncidentAdmin } from "../permissions.ts";
import type { BriefPosted, BriefUnchanged } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange, sendLater } from "../support.ts";
import { outboxScope } from "./scopes.ts";

const MAX_ENTRIES = 500;

async function requireHandoff(deps: ServiceDeps, handoffId: number): Promise<Handoff> {
  const handoff = await deps.store.read.handoffs.byId(handoffId);
  if (!handoff) throw notFound("That handoff no longer exists.");
  return handoff;
}

function refuseUnlessAllowed(state: HandoffState, action: "brief" | "accept"): void {
  const result = transition(state, action);
  if (!result.ok) throw invalidState(result.reason);
}

/** What the form starts with: the timeline since the outgoing holder took the role. */
async function briefContext(deps: ServiceDeps, handoff: Handoff): Promise<BriefContext> {
  const { read } = deps.store;
  const scope = await loadScope(read, handoff.incidentId, handoff.workstreamId);
  if (!scope) throw notFound("That incident no longer exists.");
  const { incident, workstream } = scope;
  const assignment = handoff.fromUserId
    ? await read.roles.latestTermOf(incident.id, handoff.role, handoff.workstreamId, handoff.fromUserId)
    : null;
  const since = assignment?.startedAt ?? incident.createdAt;
  const [entries, milestones, actions, services] = await Promise.all([
    read.timeline.recent({
      incidentId: incident.id,
      since,
      kinds: [
        "update_posted",
        "note_added",
        "severity_changed",
        "status_changed",
        "workstream_status_changed",
      ],
      workstreamId: workstream?.id ?? null,
      take: MAX_ENTRIES,
    }),
    read.milestones.ofIncident(incident.id),
    read.actionItems.open(incident.id),
    read.board.ofIncident(incident.id),
  ]);
  const owners = await deps.directory.names(actions.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
  const textOf = (entry: TimelineEntry) =>
    entry.text || ("text" in entry.event && typeof entry.event.text === "string" ? entry.event.text : "");
  const events = <K extends EventKind>(...kinds: K[]) =>
    entries.flatMap((e) =>
      (kinds as EventKind[]).includes(e.event.kind) ? [{ entry: e, event: e.event as EventOf<K> }] : [],
    );
  const scopedServices = workstream
    ? services.filter((s) => s.region === workstream.name || s.workstreamId === workstream.id)
    : services;
  return {
    since,
    incident,
    workstream: workstream ? { name: workstream.name, status: workstream.status } : null,
    updates: events("update_posted").map(({ entry }) => ({ at: entry.occurredAt, text: textOf(entry) })),
    notes: events("note_added").map(({ entry }) => ({ at: entry.occurredAt, text: textOf(entry) })),
    severityChanges: events("severity_changed").map(({ entry, event }) => ({
      at: entry.occurredAt,
      from: event.from,
      to: event.to,
      reason: event.reason,
    })),
    statusChanges: events("status_changed", "workstream_status_changed")
      .filter(
        ({ event }) => !workstream || event.kind === "status_changed" || event.workstreamId === workstream.id,
      )
      .map(({ entry, event }) => ({
        at: entry.occurredAt,
        to: `${event.kind === "workstream_status_changed" ? `${event.name} ` : ""}${event.to}`,
        message: event.message,
      })),
    milestones: milestones.map((m) => ({ name: m.name, at: m.occurredAt })),
    actions: actions.map((a) => ({
      text: a.text,
      ownerName: a.ownerId ? (owners.get(a.ownerId) ?? null) : null,
    })),
    services: (scopedServices.length ? scopedServices : services).map((s) => ({
      service: s.service,
      region: s.region,
      phase: s.phase,
      state: s.state,
      note: s.note,
    })),
  };
}

async function assertMayBrief(deps: ServiceDeps, handoff: Handoff, userId: string): Promise<void> {
  const scope = await loadScope(deps.store.read, handoff.incidentId, handoff.workstreamId);
  const holder = scope ? await leaderOf(deps.store.read, scope) : null;
  if (mayBrief(handoff, holder, userId, await isIncidentAdmin(deps, userId))) return;
  const writer = handoff.fromUserId ?? holder;
  throw forbidden(
    `The handoff brief is written by ${writer ? mentionUser(writer) : "the outgoing holder"} (or an incident admin). ${mentionUser(handoff.toUserId)} takes over with *Accept command*.`,
  );
}

/** The form for "Write handoff", after checking who clicked and that the handoff is open. */
/** What the brief form shows the outgoing holder. */
export interface BriefModalModel {
  handoffId: number;
  incidentNumber: number;
  roleText: string;
  toUserId: string;
  since: Date;
  initial: HandoffBrief;
}

export async function briefForm(
  deps: ServiceDeps,
  handoffId: number,
  userId: string,
): Promise<BriefModalModel> {
  const handoff = await requireHandoff(deps, handoffId);
  refuseUnlessAllowed(handoff.state, "brief");
  await assertMayBrief(deps, handoff, userId);
  const context = await briefContext(deps, handoff);
  const stored = handoff.brief;
  return {
    handoffId: handoff.id,
    incidentNumber: context.incident.number,
    roleText: roleWords(handoff.role, context.workstream?.name ?? null).replace(/`/g, ""),
    toUserId: handoff.toUserId,
    since: context.since,
    // A revision starts from the brief already given.
    initial: stored ?? prefillBrief(context),
  };
}

export async function submitBrief(
  deps: ServiceDeps,
  input: { handoffId: number; userId: string; brief: HandoffBrief; requestKey: string },
): Promise<BriefPosted | BriefUnchanged> {
  const handoff = await requireHandoff(deps, input.handoffId);
  await assertMayBrief(deps, handoff, input.userId);
  const brief = normaliseBrief(input.brief);
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, handoff.incidentId);
    const fresh = await repos.handoffs.byId(handoff.id);
    if (!fresh) throw notFound("That handoff no longer exists.");
    refuseUnlessAllowed(fresh.state, "brief");
    const previous = fresh.brief;
    // The same brief submitted again (a retried submission, a second form): nothing new to say.
    if (previous && sameBrief(previous, brief)) return { kind: "brief_unchanged" };
    const workstream = fresh.workstreamId ? await repos.workstreams.byId(fresh.workstreamId) : null;
    await recordEvent(
      repos,
      incident,
      {
        kind: "handoff_briefed",
        handoffId: fresh.id,
        fromUserId: fresh.fromUserId,
        toUserId: fresh.toUserId,
        brief,
      },
      metaFor(deps, input.userId, { workstreamId: fresh.workstreamId }),
      { context: effectContext(deps) },
    );
    const model = {
      handoffId: fresh.id,
      incidentNumber: incident.number,
      channelId: workstream?.channelId ?? incident.channelId,
      role: fresh.role,
      workstream: workstream?.name ?? null,
      fromUserId: fresh.fromUserId,
      toUserId: fresh.toUserId,
      brief,
      revision: previous !== null,
    };
    const scope = outboxScope({ incident, workstream });
    await sendLater(deps, repos, {
      kind: "message.post",
      target: scope,
      message: { view: "handoff_brief", ...model, audience: "channel" },
    });
    await sendLater(deps, repos, {
      kind: "message.post",
      target: { userId: fresh.toUserId },
      message: { view: "handoff_brief", ...model, audience: "incoming" },
    });
    return { kind: "brief_posted", toUserId: fresh.toUserId };
  });
}
