// The access record of a private incident: who was added to its channels, by whom, when and
// how, one line per action ("added 12 people (2 groups) by @x"), read from the timeline
// entries that bring people in: the declaration, invites (and Join, and a rotation's shift),
// role assignments, handoff prompts, escalation contacts and workstream channels. A person is
// counted the first time an action adds them to a channel; later actions that name them again
// (a handoff accepted after its prompt invited them) add no line of their own.
import type { Phrase } from "./phrase.ts";

type Data = Record<string, unknown>;
const asData = (value: unknown): Data =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Data) : {};
const str = (d: Data, key: string): string | null => (typeof d[key] === "string" ? (d[key] as string) : null);
const strings = (d: Data, key: string): string[] =>
  Array.isArray(d[key]) ? (d[key] as unknown[]).filter((v): v is string => typeof v === "string") : [];
const isUser = (id: string | null): id is string => Boolean(id && /^[UW][A-Z0-9]+$/.test(id));
const isGroup = (id: string) => /^S[A-Z0-9]+$/.test(id);

/** What the record reads of a timeline entry (a stored row or a postmortem entry). */
export interface AccessSource {
  id: number;
  kind: string;
  occurredAt: Date;
  actorId: string | null;
  workstreamId: number | null;
  data: unknown;
}

export type AccessHow =
  | "declared"
  | "invited"
  | "rotation"
  | "joined"
  | "role"
  | "handoff"
  | "escalation"
  | "workstream";

export interface AccessGroup {
  id: string;
  handle: string | null;
  /** Members when invited; null when Slack could not say. */
  members: number | null;
}

export interface AccessLine {
  entryId: number;
  at: Date;
  actorId: string | null;
  how: AccessHow;
  /** The rotation or role it came with, the workstream channel it was for. */
  detail: string | null;
  workstreamId: number | null;
  /** People added by name (first time in that channel). */
  userIds: string[];
  groups: AccessGroup[];
  /** Everyone added: the people named and the groups' known members not added before. */
  people: number;
}

/** The kinds of entries that can bring people into a channel. */
export const ACCESS_KINDS = [
  "incident_declared",
  "people_invited",
  "rotation_attached",
  "role_assigned",
  "handoff_prompted",
  "handoff_escalated",
  "workstream_added",
] as const;

function readGroups(d: Data): AccessGroup[] {
  const listed = Array.isArray(d.groups) ? (d.groups as unknown[]).map(asData) : [];
  const ids = [...new Set([...strings(d, "groupIds"), ...strings(d, "invitees").filter(isGroup)])];
  return ids.map((id) => {
    const known = listed.find((g) => g.id === id);
    return {
      id,
      handle: known ? str(known, "handle") : null,
      members: known && Array.isArray(known.memberIds) ? strings(known, "memberIds").length : null,
    };
  });
}

function groupMembers(d: Data): string[] {
  const listed = Array.isArray(d.groups) ? (d.groups as unknown[]).map(asData) : [];
  return listed.flatMap((g) => strings(g, "memberIds"));
}

interface Added {
  how: AccessHow;
  detail: string | null;
  /** The channel: the workstream's own when it has one, else the incident's (null). */
  channel: number | null;
  users: string[];
  groups: AccessGroup[];
  groupMembers: string[];
}

function addedBy(entry: AccessSource, rotation: string | null): Added | null {
  const d = asData(entry.data);
  const channel = entry.workstreamId;
  const base = { detail: null, channel, groups: [], groupMembers: [] };
  switch (entry.kind) {
    case "incident_declared":
      return {
        ...base,
        channel: null,
        how: "declared",
        users: [entry.actorId, str(d, "commanderId"), ...strings(d, "invitees")].filter(isUser),
        groups: readGroups(d),
      };
    case "people_invited": {
      const how: AccessHow = d.joined === true ? "joined" : rotation ? "rotation" : "invited";
      return {
        ...base,
        how,
        detail: how === "rotation" ? rotation : null,
        users: strings(d, "userIds").filter(isUser),
        groups: readGroups(d),
        groupMembers: groupMembers(d),
      };
    }
    case "role_assigned":
      return { ...base, how: "role", detail: str(d, "role"), users: [str(d, "userId")].filter(isUser) };
    case "handoff_prompted":
      return { ...base, how: "handoff", detail: str(d, "role"), users: [str(d, "toUserId")].filter(isUser) };
    case "handoff_escalated":
      return { ...base, how: "escalation", users: [str(d, "contactId")].filter(isUser) };
    case "workstream_added": {
      const id = typeof d.workstreamId === "number" ? d.workstreamId : null;
      if (d.withChannel !== true || id === null) return null;
      return {
        ...base,
        how: "workstream",
        detail: str(d, "name"),
        channel: id,
        users: [entry.actorId, str(d, "leadId")].filter(isUser),
      };
    }
    default:
      return null;
  }
}

/** The access record, oldest first, from entries in timeline order. */
export function accessRecord(entries: AccessSource[]): AccessLine[] {
  const inChannel = new Map<number | null, Set<string>>();
  const lines: AccessLine[] = [];
  let rotation: { name: string; at: number; actorId: string | null } | null = null;
  for (const entry of entries) {
    if (entry.kind === "rotation_attached") {
      const name = str(asData(entry.data), "rotation");
      rotation = name ? { name, at: entry.occurredAt.getTime(), actorId: entry.actorId } : null;
      continue;
    }
    // A rotation's shift is invited in the same change as the attachment, by the same person.
    const fromRotation =
      rotation && rotation.at === entry.occurredAt.getTime() && rotation.actorId === entry.actorId
        ? rotation.name
        : null;
    const added = addedBy(entry, fromRotation);
    if (!added) continue;
    const seen = inChannel.get(added.channel) ?? new Set<string>();
    inChannel.set(added.channel, seen);
    const fresh = [...new Set(added.users)].filter((id) => !seen.has(id));
    const freshMembers = [...new Set(added.groupMembers)].filter(
      (id) => !seen.has(id) && !fresh.includes(id),
    );
    for (const id of [...fresh, ...freshMembers]) seen.add(id);
    if (!fresh.length && !added.groups.length) continue;
    lines.push({
      entryId: entry.id,
      at: entry.occurredAt,
      actorId: entry.actorId,
      how: added.how,
      detail: added.detail,
      workstreamId: added.channel,
      userIds: fresh,
      groups: added.groups,
      people: fresh.length + freshMembers.length,
    });
  }
  return lines;
}

/** The words of an access line, per language (the draft's Korean catalogue has its own). */
export interface AccessWords {
  added: string;
  joined: string;
  people: (n: number) => string;
  groups: (n: number) => string;
  /** Joins named people and groups: "@a and 2 groups". */
  and: string;
  membersUnknown: (groups: number) => string;
  to: string;
  declared: string;
  rotation: string;
  role: (role: string | null) => string;
  handoff: (role: string | null) => string;
  escalation: string;
  workstream: string;
}

const ROLE_WORDS: Record<string, string> = {
  commander: "incident commander",
  comms: "communications lead",
  scribe: "scribe",
  ops: "operations lead",
  lead: "workstream lead",
};

export const ACCESS_WORDS_EN: AccessWords = {
  added: "Added ",
  joined: "Joined: ",
  people: (n) => `${n} ${n === 1 ? "person" : "people"}`,
  groups: (n) => `${n} group${n > 1 ? "s" : ""}`,
  and: " and ",
  membersUnknown: (n) => ` (members of ${n} group${n > 1 ? "s" : ""} not known)`,
  to: " to ",
  declared: " at the declaration",
  rotation: " from rotation ",
  role: (role) => ` as ${ROLE_WORDS[role ?? ""] ?? role ?? "role holder"}`,
  handoff: (role) => ` for a handoff of ${ROLE_WORDS[role ?? ""] ?? "a role"}`,
  escalation: " as an escalation contact",
  workstream: " with the workstream's channel",
};

/** Up to this many people are named; more are counted. */
const NAMED_MAX = 3;

/** "Added @a, @b as communications lead" / "Added 12 people (2 groups) from rotation x". */
export function describeAccess(
  line: AccessLine,
  workstreamName: (id: number) => string | null,
  w: AccessWords = ACCESS_WORDS_EN,
): Phrase {
  const groups = line.groups.length;
  // "2 groups: @sre, @dba" (the handles a group invite recorded; Slack's words, escaped).
  const handles = line.groups.map((g) => g.handle).filter((h): h is string => Boolean(h));
  const groupWords: Phrase = groups
    ? [
        w.groups(groups),
        ...(handles.length
          ? [": ", { typed: handles.map((h) => `@${h.replace(/^@/, "")}`).join(", ") }]
          : []),
      ]
    : [];
  const parts: Phrase = [line.how === "joined" ? w.joined : w.added];
  if (line.userIds.length <= NAMED_MAX && line.people === line.userIds.length) {
    for (const [i, user] of line.userIds.entries()) parts.push(...(i ? [", "] : []), { user });
    if (groups) parts.push(...(line.userIds.length ? [w.and] : []), ...groupWords);
  } else {
    parts.push(w.people(line.people), ...(groups ? [" (", ...groupWords, ")"] : []));
  }
  const unknown = line.groups.filter((g) => g.members === null).length;
  if (unknown) parts.push(w.membersUnknown(unknown));
  const where = line.workstreamId !== null ? workstreamName(line.workstreamId) : null;
  if (where) parts.push(w.to, { code: where });
  switch (line.how) {
    case "declared":
      parts.push(w.declared);
      break;
    case "rotation":
      if (line.detail) parts.push(w.rotation, { code: line.detail });
      break;
    case "role":
      parts.push(w.role(line.detail));
      break;
    case "handoff":
      parts.push(w.handoff(line.detail));
      break;
    case "escalation":
      parts.push(w.escalation);
      break;
    case "workstream":
      parts.push(w.workstream);
      break;
  }
  return parts;
}
