// Invitations as the postmortem reads them. `people_invited` records the people and user
// groups one action brought in. A later version of the invite flow may also record, per
// group, its handle, name and the members it had when invited:
//   groups: [{ id: "S0…", handle: "sre-us1", name: "SRE us1", memberIds: ["U0…", …] }]
// When present, members are counted as people present; when absent the draft says the
// group's members were not recorded. A Join from the announcement is an invite of oneself
// (or carries `joined: true`): one line per run of joins, never one per person.
import { asData, type Data, isUserId, strings, strOrNull } from "./contract.ts";
import type { PostmortemEntry } from "./input.ts";

export interface InvitedGroup {
  id: string;
  handle: string | null;
  name: string | null;
  /** Members when invited, or null when the invite did not record them. */
  memberIds: string[] | null;
}

export interface Invite {
  userIds: string[];
  groups: InvitedGroup[];
  /** Everyone the action brought in: the people named and the known members of the groups. */
  people: string[];
  selfJoin: boolean;
}

const isGroupId = (id: string) => /^S[A-Z0-9]+$/.test(id);

function readGroups(d: Data): InvitedGroup[] {
  const groups = new Map<string, InvitedGroup>();
  const listed = Array.isArray(d.groups) ? (d.groups as unknown[]) : [];
  for (const value of listed) {
    const g = asData(value);
    const id = strOrNull(g, "id");
    if (!id) continue;
    groups.set(id, {
      id,
      handle: strOrNull(g, "handle"),
      name: strOrNull(g, "name"),
      memberIds: Array.isArray(g.memberIds) ? strings(g, "memberIds").filter(isUserId) : null,
    });
  }
  const ids = [
    ...strings(d, "groupIds"),
    ...[...strings(d, "userIds"), ...strings(d, "invitees")].filter(isGroupId),
  ];
  for (const id of ids)
    if (!groups.has(id)) groups.set(id, { id, handle: null, name: null, memberIds: null });
  return [...groups.values()];
}

export function readInvite(entry: Pick<PostmortemEntry, "data" | "actorId">): Invite {
  const d = asData(entry.data);
  const userIds = [...new Set([...strings(d, "userIds"), ...strings(d, "invitees")].filter(isUserId))];
  const groups = readGroups(d);
  const people = new Set(userIds);
  for (const g of groups) for (const id of g.memberIds ?? []) people.add(id);
  const selfJoin =
    d.joined === true ||
    (groups.length === 0 && userIds.length === 1 && userIds[0] === entry.actorId && entry.actorId !== null);
  return { userIds, groups, people: [...people], selfJoin };
}

/** "@sre-us1", the group's name, or null when the invite recorded neither. */
export function groupLabel(group: Pick<InvitedGroup, "handle" | "name">): string | null {
  return group.handle ? `@${group.handle.replace(/^@/, "")}` : group.name;
}
