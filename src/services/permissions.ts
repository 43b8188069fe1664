// Who may do what. Anyone can declare, update and note; the actions configured in
// COMMANDER_ONLY_ACTIONS are for the current commander and incident admins. Whether someone is
// an admin may need Slack (user groups), so it is found out before the transaction opens and
// passed in: a Slack call must never hold the database's write connection.
import type { RestrictableAction } from "../config.ts";
import type { Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { forbidden } from "../domain/errors.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";

async function groupMembers(deps: ServiceDeps, groupId: string): Promise<Set<string>> {
  try {
    return new Set(await deps.directory.groupMembers(groupId));
  } catch (error) {
    deps.logger.warn(
      { err: error, groupId },
      "could not read an admin user group; treating its members as non-admins",
    );
    return new Set();
  }
}

/** Call outside any transaction: admin user groups are read from Slack (cached). */
export async function isIncidentAdmin(deps: ServiceDeps, userId: string): Promise<boolean> {
  const admins = deps.config.incidents.admins;
  if (admins.includes(userId)) return true;
  for (const group of admins.filter((id) => id.startsWith("S"))) {
    if ((await groupMembers(deps, group)).has(userId)) return true;
  }
  return false;
}

/** Whether `userId` is an admin, found out only when `action` is restricted at all. */
export async function adminFor(
  deps: ServiceDeps,
  userId: string,
  action: RestrictableAction,
): Promise<boolean> {
  return deps.config.incidents.commanderOnly.includes(action) ? isIncidentAdmin(deps, userId) : false;
}

const ACTION_WORDS: Record<RestrictableAction, string> = {
  deescalate: "lower the severity",
  resolve: "resolve the incident",
  close: "close the incident",
  reopen: "reopen the incident",
  commander: "hand over command",
};

/** Throws a refusal naming who can do it, unless `actor` may do `action` on `incident`. */
export async function assertMay(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actor: { id: string; isAdmin: boolean },
  action: RestrictableAction,
): Promise<void> {
  if (!deps.config.incidents.commanderOnly.includes(action)) return;
  const commander = await repos.roles.holder(incident.id, "commander");
  if (commander === actor.id || actor.isAdmin) return;
  const who = commander ? `the incident commander (${mentionUser(commander)})` : "the incident commander";
  throw forbidden(
    `Only ${who} or an incident admin can ${ACTION_WORDS[action]}. Ask them to do it, or to hand command to you.`,
  );
}
