// Who may do what. Anyone can declare, update and note; the actions configured in
// COMMANDER_ONLY_ACTIONS are for the current commander and incident admins.
import type { RestrictableAction } from "../config.ts";
import type { Tx } from "../db/client.ts";
import type { Incident } from "../db/models.ts";
import type { Deps } from "../deps.ts";
import { forbidden } from "../domain/errors.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";

async function groupMembers(deps: Deps, groupId: string): Promise<Set<string>> {
  try {
    return new Set(await deps.users.groupMembers(groupId));
  } catch (error) {
    deps.logger.warn(
      { err: error, groupId },
      "could not read an admin user group; treating its members as non-admins",
    );
    return new Set();
  }
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
