// Writing the handoff brief: the form pre-filled from the timeline since the outgoing holder's
// shift began, and the submission — stored on the handoff, recorded in the timeline, posted
// in the channel and sent to the incoming holder with the Accept button.
import type { Handoff } from "../../db/models.ts";
import type { Deps } from "../../deps.ts";
import { forbidden, invalidState, notFound } from "../../domain/errors.ts";
import {
  type BriefContext,
  type HandoffBrief,
  normaliseBrief,
  prefillBrief,
  sameBrief,
} from "../../domain/handoff/brief.ts";
import { roleWords } from "../../domain/handoff/role-words.ts";
import { type HandoffState, mayBrief, transition } from "../../domain/handoff/state.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import { recordEvent } from "../../events/record-event.ts";
import { briefMessages } from "../../slack/views/handoffs/handoff-brief-message.ts";
import { isIncidentAdmin } from "../permissions.ts";
import type { BriefPosted, BriefUnchanged } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange, sendLater } from "../support.ts";
import { currentHolder, loadScope, outboxScope } from "./scopes.ts";

const MAX_ENTRIES = 500;

async function requireHandoff(deps: Deps, handoffId: number): Promise<Handoff> {
  const handoff = Number.isInteger(handoffId)
    ? await deps.database.db.handoff.findUnique({ where: { id: handoffId } })
    : null;
  if (!handoff) throw notFound("That handoff no longer exists.");
  return handoff;
}

function refuseUnlessAllowed(state: string, action: "brief" | "accept"): void {
  const result = transition(state as HandoffState, action);
  if (!result.ok) throw invalidState(result.reason);
}

/** What the form starts with: the timeline since the outgoing holder took the role. */
async function briefContext(deps: Deps, handoff: Handoff): Promise<BriefContext> {
  const { db } = deps.database;
  const scope = await loadScope(db, handoff.incidentId, handoff.workstreamId);
  if (!scope) throw notFound("That incident no longer exists.");
  const { incident, workstream } = scope;
  const assignment = handoff.fromUserId
    ? await db.roleAssignment.findFirst({
        where: {
          incidentId: incident.id,
          workstreamId: handoff.workstreamId,
          role: handoff.role,
          userId: handoff.fromUserId,
        },
        orderBy: { startedAt: "desc" },
      })
    : null;
  const since = assignment?.startedAt ?? incident.createdAt;
  const inScope = workstream ? { OR: [{ workstreamId: workstream.id }, { workstreamId: null }] } : {};
  const [entries, milestones, actions, services] = await Promise.all([
    db.timelineEntry.findMany({
      where: {
        incidentId: incident.id,
        occurredAt: { gte: since },
        kind: {
          in: [
            "update_posted",
            "note_added",
            "severity_changed",
            "status_changed",
            "workstream_status_changed",
          ],
        },
        ...inScope,
      },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: MAX_ENTRIES,
    }),
    db.milestone.findMany({ where: { incidentId: incident.id }, orderBy: { occurredAt: "asc" } }),
    db.actionItem.findMany({ where: { incidentId: incident.id, status: "open" }, orderBy: { id: "asc" } }),
    db.serviceStatus.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
    }),
  ]);
  const owners = await deps.users.names(actions.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
  const data = (entry: (typeof entries)[number]) => (entry.data ?? {}) as Record<string, unknown>;
  const textOf = (entry: (typeof entries)[number]) =>
    entry.text || (typeof data(entry).text === "string" ? (data(entry).text as string) : "");
  const ofKind = (...kinds: string[]) => entries.filter((e) => kinds.includes(e.kind));
  const scopedServices = workstream
    ? services.filter((s) => s.region === workstream.name || s.workstreamId === workstream.id)
    : services;
  return {
    since,
    incident,
    workstream: workstream ? { name: workstream.name, status: workstream.status } : null,
    updates: ofKind("update_posted").map((e) => ({ at: e.occurredAt, text: textOf(e) })),
    notes: ofKind("note_added").map((e) => ({ at: e.occurredAt, text: textOf(e) })),
    severityChanges: ofKind("severity_changed").map((e) => ({
      at: e.occurredAt,
      from: Number(data(e).from),
      to: Number(data(e).to),
      reason: String(data(e).reason ?? ""),
    })),
    statusChanges: ofKind("status_changed", "workstream_status_changed")
      .filter((e) => !workstream || e.kind === "status_changed" || data(e).workstreamId === workstream.id)
      .map((e) => ({
        at: e.occurredAt,
        to: `${e.kind === "workstream_status_changed" ? `${String(data(e).name)} ` : ""}${String(data(e).to)}`,
        message: String(data(e).message ?? ""),
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

async function assertMayBrief(deps: Deps, handoff: Handoff, userId: string): Promise<void> {
  const scope = await loadScope(deps.database.db, handoff.incidentId, handoff.workstreamId);
  const holder = scope ? await currentHolder(deps.database.db, scope) : null;
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

export async function briefForm(deps: Deps, handoffId: number, userId: string): Promise<BriefModalModel> {
  const handoff = await requireHandoff(deps, handoffId);
  refuseUnlessAllowed(handoff.state, "brief");
  await assertMayBrief(deps, handoff, userId);
  const context = await briefContext(deps, handoff);
  const stored = handoff.brief as HandoffBrief | null;
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
  deps: Deps,
  input: { handoffId: number; userId: string; brief: HandoffBrief; requestKey: string },
): Promise<BriefPosted | BriefUnchanged> {
  const handoff = await requireHandoff(deps, input.handoffId);
  await assertMayBrief(deps, handoff, input.userId);
  const brief = normaliseBrief(input.brief);
  return runChange(deps, input.requestKey, async (tx) => {
    const incident = await lockedIncident(deps, tx, handoff.incidentId);
    const fresh = await tx.handoff.findUnique({ where: { id: handoff.id } });
    if (!fresh) throw notFound("That handoff no longer exists.");
    refuseUnlessAllowed(fresh.state, "brief");
    const previous = fresh.brief as HandoffBrief | null;
    // The same brief submitted again (a retried submission, a second form): nothing new to say.
    if (previous && sameBrief(previous, brief)) return { kind: "brief_unchanged" };
    const workstream = fresh.workstreamId
      ? await tx.workstream.findUnique({ where: { id: fresh.workstreamId } })
      : null;
    await recordEvent(
      tx,
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
    for (const content of briefMessages({ ...model, audience: "channel" }))
      await sendLater(deps, tx, { kind: "message.post", target: scope, content });
    for (const content of briefMessages({ ...model, audience: "incoming" }))
      await sendLater(deps, tx, { kind: "message.post", target: { userId: fresh.toUserId }, content });
    return { kind: "brief_posted", toUserId: fresh.toUserId };
  });
}
