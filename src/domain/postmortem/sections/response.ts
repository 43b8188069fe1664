// Response: who responded, who held which role when, workstreams and their leads, shifts and
// handoffs, the status-update cadence and the severity ledger.

import type { UpdateCadence } from "../../incident/update-cadence.ts";
import { asData, isUserId, KINDS, num, str } from "../contract.ts";
import { richToPlain, roleWords, toRich } from "../describe-entry.ts";
import type {
  Person,
  ResponseSection,
  RoleTermRow,
  SeverityLedgerRow,
  ShiftRow,
  WorkstreamRow,
} from "../document.ts";
import { byName, compareText, type Facts, iso, isoOrNull } from "../facts.ts";
import type { PostmortemRoleTerm } from "../input.ts";
import { readInvite } from "../invites.ts";
import { cadencePeriods } from "./cadence.ts";
import type { MergedHandoff } from "./handoffs.ts";
import { pageRows } from "./pages.ts";

const ROLE_ORDER = ["commander", "comms", "scribe", "ops", "lead"];
const roleRank = (role: string) => {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
};

function responders(facts: Facts): ResponseSection["responders"] {
  const acted = new Set<string>();
  const held = new Set<string>();
  const invited = new Set<string>();
  const joined = new Set<string>();
  const viaGroups = new Set<string>();
  const groups = new Map<string, boolean>();
  for (const entry of facts.entries) {
    const isInvite = entry.kind === KINDS.invited || entry.kind === KINDS.declared;
    const invite = isInvite ? readInvite(entry) : null;
    // Pressing Join is being present, not acting; inviting others is acting.
    if (isUserId(entry.actorId) && !invite?.selfJoin) acted.add(entry.actorId);
    if (entry.kind === KINDS.pinned) {
      const author = asData(entry.data).authorId;
      if (isUserId(author)) acted.add(author);
    }
    if (!invite) continue;
    if (invite.selfJoin) for (const id of invite.userIds) joined.add(id);
    else for (const id of invite.userIds) invited.add(id);
    for (const group of invite.groups) {
      groups.set(group.id, (groups.get(group.id) ?? false) || group.memberIds !== null);
      for (const id of group.memberIds ?? []) viaGroups.add(id);
    }
    const commander = asData(entry.data).commanderId;
    if (entry.kind === KINDS.declared && isUserId(commander)) held.add(commander);
  }
  for (const term of facts.input.roles) if (isUserId(term.userId)) held.add(term.userId);
  const present = new Set([...invited, ...joined, ...viaGroups]);
  const everyone = new Set([...acted, ...held, ...present]);
  return {
    count: everyone.size,
    acted: acted.size,
    heldRoles: held.size,
    present: present.size,
    invited: new Set([...invited, ...viaGroups]).size,
    joined: joined.size,
    viaGroups: viaGroups.size,
    groupsInvited: groups.size,
    groupsNotCounted: [...groups].filter(([, counted]) => !counted).map(([id]) => facts.person(id)),
    people: [...everyone].map((id) => facts.person(id)).sort(byName),
  };
}

const termEnd = (facts: Facts, term: PostmortemRoleTerm): Date => term.endedAt ?? facts.activeEnd;
const termMs = (facts: Facts, term: PostmortemRoleTerm): number =>
  Math.max(0, termEnd(facts, term).getTime() - term.startedAt.getTime());

function roleRows(facts: Facts): RoleTermRow[] {
  const withNames = facts.input.roles.map((term) => ({
    term,
    workstream: facts.workstreamName(term.workstreamId),
  }));
  withNames.sort(
    (a, b) =>
      Number(a.workstream !== null) - Number(b.workstream !== null) ||
      compareText(a.workstream ?? "", b.workstream ?? "") ||
      roleRank(a.term.role) - roleRank(b.term.role) ||
      a.term.startedAt.getTime() - b.term.startedAt.getTime(),
  );
  return withNames.map(({ term, workstream }) => ({
    role: term.role,
    roleTitle: richToPlain(toRich(roleWords(term.role, workstream, facts.t), facts)),
    workstream,
    person: facts.person(term.userId),
    from: iso(term.startedAt),
    to: isoOrNull(term.endedAt),
    durationMs: termMs(facts, term),
    viaHandoff: term.handoffId !== null,
  }));
}

function workstreamRows(facts: Facts): WorkstreamRow[] {
  const resolvedAt = new Map<number, string>();
  for (const entry of facts.byKind(KINDS.workstreamStatus)) {
    const d = asData(entry.data);
    const id = num(d, "workstreamId");
    if (id === null) continue;
    if (str(d, "to") === "resolved") resolvedAt.set(id, iso(entry.occurredAt));
    else resolvedAt.delete(id);
  }
  return [...facts.input.workstreams]
    .sort((a, b) => compareText(a.name, b.name))
    .map((w) => ({
      name: w.name,
      status: w.status,
      createdAt: iso(w.createdAt),
      resolvedAt: w.status === "resolved" ? (resolvedAt.get(w.id) ?? null) : null,
      leads: facts.input.roles
        .filter((r) => r.workstreamId === w.id && r.role === "lead")
        .map((r) => ({ person: facts.person(r.userId), from: iso(r.startedAt), to: isoOrNull(r.endedAt) })),
    }));
}

/** Incident commander terms, in order: the shifts of the incident. */
export function commanderTerms(facts: Facts): PostmortemRoleTerm[] {
  return facts.input.roles
    .filter((r) => r.role === "commander" && r.workstreamId === null)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

function shiftRows(facts: Facts): ShiftRow[] {
  return commanderTerms(facts).map((term, i) => ({
    number: i + 1,
    commander: facts.person(term.userId),
    from: iso(term.startedAt),
    to: isoOrNull(term.endedAt),
    durationMs: termMs(facts, term),
  }));
}

function statusUpdates(facts: Facts, cadence: UpdateCadence): ResponseSection["statusUpdates"] {
  const updates = facts.byKind(KINDS.update);
  let longestGap: { from: string; to: string; ms: number } | null = null;
  for (let i = 1; i < updates.length; i++) {
    const from = (updates[i - 1] as (typeof updates)[number]).occurredAt;
    const to = (updates[i] as (typeof updates)[number]).occurredAt;
    const ms = to.getTime() - from.getTime();
    if (!longestGap || ms > longestGap.ms) longestGap = { from: iso(from), to: iso(to), ms };
  }
  const first = updates[0];
  const declared = facts.milestone("declared")?.occurredAt ?? facts.input.incident.createdAt;
  return {
    count: updates.length,
    first: isoOrNull(first?.occurredAt),
    last: isoOrNull(updates.at(-1)?.occurredAt),
    declaredToFirstMs: first ? first.occurredAt.getTime() - declared.getTime() : null,
    longestGap,
    cadence: cadencePeriods(facts, cadence),
  };
}

function severityLedger(facts: Facts): SeverityLedgerRow[] {
  const rows: SeverityLedgerRow[] = [];
  const declared = facts.byKind(KINDS.declared)[0];
  const changes = facts.byKind(KINDS.severity);
  const initial = declared
    ? num(asData(declared.data), "severity")
    : changes[0]
      ? num(asData(changes[0].data), "from")
      : facts.input.incident.severity;
  if (initial !== null) {
    rows.push({
      at: iso(declared?.occurredAt ?? facts.input.incident.createdAt),
      from: null,
      to: initial,
      by: facts.personOrNull(declared?.actorId ?? facts.input.incident.declaredById),
      reason: "declared",
    });
  }
  for (const entry of changes) {
    const d = asData(entry.data);
    rows.push({
      at: iso(entry.occurredAt),
      from: num(d, "from"),
      to: num(d, "to") ?? 0,
      by: facts.personOrNull(entry.actorId),
      reason: str(d, "reason") || entry.text,
    });
  }
  return rows;
}

/** Hours on duty per person: the union of their role terms (overlapping roles count once). */
function timeOnDuty(facts: Facts): { person: Person; ms: number }[] {
  const intervals = new Map<string, [number, number][]>();
  for (const term of facts.input.roles) {
    const end = Math.min(termEnd(facts, term).getTime(), facts.activeEnd.getTime());
    const start = term.startedAt.getTime();
    if (end <= start) continue;
    const list = intervals.get(term.userId) ?? [];
    list.push([start, end]);
    intervals.set(term.userId, list);
  }
  const totals: { person: Person; ms: number }[] = [];
  for (const [userId, list] of intervals) {
    list.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [start, end] = list[0] as [number, number];
    for (const [s, e] of list.slice(1)) {
      if (s > end) {
        total += end - start;
        [start, end] = [s, e];
      } else end = Math.max(end, e);
    }
    total += end - start;
    totals.push({ person: facts.person(userId), ms: total });
  }
  return totals.sort((a, b) => b.ms - a.ms || byName(a.person, b.person));
}

export function responseSection(
  facts: Facts,
  handoffs: MergedHandoff[],
  cadence: UpdateCadence,
): ResponseSection {
  // Only when someone was paged: drafts of incidents without pages read as before.
  const pages = pageRows(facts);
  return {
    responders: responders(facts),
    roles: roleRows(facts),
    workstreams: workstreamRows(facts),
    shifts: shiftRows(facts),
    handoffs: handoffs.map((h) => h.row),
    ...(pages.length ? { pages } : {}),
    statusUpdates: statusUpdates(facts, cadence),
    severityLedger: severityLedger(facts),
    timeOnDuty: timeOnDuty(facts),
  };
}
