// Handoffs as the postmortem sees them: the Handoff rows joined with the handoff events of
// the timeline (prompted, briefed, accepted, escalated). Either source may be missing (rows
// of an older version, entries of a feature that is not installed): what is known is shown.

import { asData, type Data, instant, KINDS, num, readBrief, str, strOrNull } from "../contract.ts";
import { richToPlain, roleWords, toRich } from "../describe-entry.ts";
import type { BriefView, HandoffRow, Person } from "../document.ts";
import { type Facts, isoOrNull } from "../facts.ts";
import type { HandoffBrief, PostmortemHandoff } from "../input.ts";

export interface MergedHandoff {
  row: HandoffRow;
  workstreamId: number | null;
  brief: HandoffBrief | null;
  /** When the handoff took effect (or was last heard of), for placing it in a shift. */
  at: Date;
}

interface Draft {
  id: number;
  role: string;
  workstreamId: number | null;
  workstream: string | null;
  rotation: string | null;
  fromUserId: string | null;
  toUserId: string | null;
  boundaryAt: Date | null;
  promptedAt: Date | null;
  briefedAt: Date | null;
  acceptedAt: Date | null;
  acceptedById: string | null;
  latencyMs: number | null;
  escalations: number;
  contacts: string[];
  state: string | null;
  manual: boolean;
  brief: HandoffBrief | null;
}

function fromRow(h: PostmortemHandoff): Draft {
  return {
    id: h.id,
    role: h.role,
    workstreamId: h.workstreamId,
    workstream: null,
    rotation: h.rotation,
    fromUserId: h.fromUserId,
    toUserId: h.toUserId,
    boundaryAt: h.boundaryAt,
    promptedAt: h.promptedAt,
    briefedAt: h.briefedAt,
    acceptedAt: h.acceptedAt,
    acceptedById: h.acceptedById,
    latencyMs: null,
    escalations: h.escalations,
    contacts: [],
    state: h.state,
    manual: h.boundaryAt === null,
    brief: readBrief(h.brief),
  };
}

function blank(id: number): Draft {
  return {
    id,
    role: "",
    workstreamId: null,
    workstream: null,
    rotation: null,
    fromUserId: null,
    toUserId: null,
    boundaryAt: null,
    promptedAt: null,
    briefedAt: null,
    acceptedAt: null,
    acceptedById: null,
    latencyMs: null,
    escalations: 0,
    contacts: [],
    state: null,
    manual: false,
    brief: null,
  };
}

/** Fills what the row does not say from an event's data. */
function absorb(draft: Draft, d: Data): void {
  draft.role ||= str(d, "role");
  if (draft.workstreamId === null && typeof d.workstreamId === "number") draft.workstreamId = d.workstreamId;
  draft.workstream ??= strOrNull(d, "workstream");
  draft.rotation ??= strOrNull(d, "rotation");
  draft.fromUserId ??= strOrNull(d, "fromUserId");
  draft.toUserId ??= strOrNull(d, "toUserId");
  draft.boundaryAt ??= instant(d, "boundaryAt");
}

export function mergeHandoffs(facts: Facts): MergedHandoff[] {
  const drafts = new Map<number, Draft>(facts.input.handoffs.map((h) => [h.id, fromRow(h)]));
  const draftOf = (d: Data): Draft | null => {
    const id = num(d, "handoffId");
    if (id === null) return null;
    let draft = drafts.get(id);
    if (!draft) {
      draft = blank(id);
      drafts.set(id, draft);
    }
    return draft;
  };
  for (const entry of facts.byKind(KINDS.handoffPrompted)) {
    const d = asData(entry.data);
    const draft = draftOf(d);
    if (!draft) continue;
    absorb(draft, d);
    draft.promptedAt ??= entry.occurredAt;
    if (d.manual === true) draft.manual = true;
  }
  for (const entry of facts.byKind(KINDS.handoffBriefed)) {
    const d = asData(entry.data);
    const draft = draftOf(d);
    if (!draft) continue;
    absorb(draft, d);
    draft.briefedAt ??= entry.occurredAt;
    draft.brief ??= readBrief(d.brief);
  }
  for (const entry of facts.byKind(KINDS.handoffAccepted)) {
    const d = asData(entry.data);
    const draft = draftOf(d);
    if (!draft) continue;
    absorb(draft, d);
    draft.acceptedAt ??= entry.occurredAt;
    draft.acceptedById ??= strOrNull(d, "acceptedById") ?? entry.actorId;
    draft.latencyMs ??= num(d, "latencyMs");
  }
  for (const entry of facts.byKind(KINDS.handoffEscalated)) {
    const d = asData(entry.data);
    const draft = draftOf(d);
    if (!draft) continue;
    draft.toUserId ??= strOrNull(d, "toUserId");
    draft.escalations = Math.max(draft.escalations, num(d, "escalation") ?? 1);
    const contact = strOrNull(d, "contactId");
    if (contact && !draft.contacts.includes(contact)) draft.contacts.push(contact);
  }

  const merged: MergedHandoff[] = [];
  for (const draft of drafts.values()) {
    if (!draft.toUserId) continue;
    const started = draft.boundaryAt ?? draft.promptedAt;
    const latency =
      draft.latencyMs ??
      (draft.acceptedAt && started ? Math.max(0, draft.acceptedAt.getTime() - started.getTime()) : null);
    const workstream = facts.workstreamName(draft.workstreamId) ?? draft.workstream;
    const role = draft.role || (draft.workstreamId !== null ? "lead" : "commander");
    const row: HandoffRow = {
      id: draft.id,
      role,
      roleTitle: richToPlain(toRich(roleWords(role, workstream, facts.t), facts)),
      workstream,
      rotation: draft.rotation,
      from: facts.personOrNull(draft.fromUserId),
      to: facts.person(draft.toUserId),
      boundaryAt: isoOrNull(draft.boundaryAt),
      promptedAt: isoOrNull(draft.promptedAt),
      briefedAt: isoOrNull(draft.briefedAt),
      acceptedAt: isoOrNull(draft.acceptedAt),
      acceptedBy: facts.personOrNull(draft.acceptedById),
      latencyMs: latency,
      escalations: draft.escalations,
      escalatedTo: draft.contacts.map((id) => facts.person(id)),
      state: draft.state ?? (draft.acceptedAt ? "accepted" : draft.briefedAt ? "briefed" : "prompted"),
      manual: draft.manual,
    };
    const at = draft.acceptedAt ?? draft.briefedAt ?? draft.boundaryAt ?? draft.promptedAt;
    merged.push({ row, workstreamId: draft.workstreamId, brief: draft.brief, at: at ?? facts.activeEnd });
  }
  return merged.sort((a, b) => handoffStart(a) - handoffStart(b) || a.row.id - b.row.id);
}

function handoffStart(h: MergedHandoff): number {
  const when = h.row.boundaryAt ?? h.row.promptedAt ?? h.row.acceptedAt;
  return when ? Date.parse(when) : h.at.getTime();
}

export function briefView(handoff: MergedHandoff, from: Person | null): BriefView | null {
  if (!handoff.brief) return null;
  return { author: from, at: handoff.row.briefedAt, ...handoff.brief };
}
