// Who may do what. Anyone can declare, update and note; the actions configured in
// COMMANDER_ONLY_ACTIONS are for the current commander and incident admins.
import type { RestrictableAction } from "../config.ts";
import type { Tx } from "../db/client.ts";
import type { Incident } from "../db/models.ts";
import type { Deps } from "../deps.ts";
import { forbidden } from "../domain/errors.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";

const GROUP_TTL_MS = 5 * 60_000;
const groupCache = new WeakMap<Deps, Map<string, { members: Promise<Set<string>>; at: number }>>();

async function groupMembers(deps: Deps, groupId: string): Promise<Set<string>> {
  let cache = groupCache.get(deps);
  if (!cache) {
    cache = new Map();
    groupCache.set(deps, cache);
  }
  const hit = cache.get(groupId);
  if (hit && Date.now() - hit.at < GROUP_TTL_MS) return hit.members;
  const members = deps.gateway.userGroupMembers(groupId).then(
    (users) => new Set(users),
    (error) => {
      deps.logger.warn(
        { err: error, groupId },
        "could not read an admin user group; treating its members as non-admins",
      );
      cache.delete(groupId);
      return new Set<string>();
    },
  );
  cache.set(groupId, { members, at: Date.now() });
  return members;
}

export async function isIncidentAdmin(deps: Deps, userId: string): Promise<boolean> {
  const admins = deps.config.incidents.admins;
  if (admins.includes(userId)) return true;
  for (const group of admins.filter((id) => id.startsWith("S"))) {
    if ((await groupMembers(deps, group)).has(userId)) return true;
  }
  return false;
}

export async function currentCommander(tx: Tx, incidentId: number): Promise<string | null> {
  const row = await tx.roleAssignment.findFirst({
    where: { incidentId, workstreamId: null, role: "commander", endedAt: null },
    orderBy: { startedAt: "desc" },
  });
  return row?.userId ?? null;
}

const ACTION_WORDS: Record<RestrictableAction, string> = {
  deescalate: "lower the severity",
  resolve: "resolve the incident",
  close: "close the incident",
  reopen: "reopen the incident",
  commander: "hand over command",
};

/** Throws a refusal naming who can do it, unless `userId` may do `action` on `incident`. */
export async function assertMay(
  deps: Deps,
  tx: Tx,
  incident: Incident,
  userId: string,
  action: RestrictableAction,
): Promise<void> {
  if (!deps.config.incidents.commanderOnly.includes(action)) return;
  const commander = await currentCommander(tx, incident.id);
  if (commander === userId || (await isIncidentAdmin(deps, userId))) return;
  const who = commander ? `the incident commander (${mentionUser(commander)})` : "the incident commander";
  throw forbidden(
    `Only ${who} or an incident admin can ${ACTION_WORDS[action]}. Ask them to do it, or to hand command to you.`,
  );
}
