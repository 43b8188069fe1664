// Who may do what. Anyone can declare, update and note; the actions configured in
// COMMANDER_ONLY_ACTIONS are for the current commander and incident admins; what reaches the
// public status page is for the commander, the communications lead and incident admins. Whether someone is
// an admin may need Slack (user groups), so it is found out before the transaction opens and
// passed in: a Slack call must never hold the database's write connection.
import type { RestrictableAction } from "../config.ts";
import type { Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { DomainError, forbidden } from "../domain/errors.ts";
import type { Incident } from "../domain/incident/incident.ts";
import type { Workstream } from "../domain/incident/workstream.ts";
import { escapeMrkdwn, mentionUser } from "../domain/text/mrkdwn.ts";

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

export interface Actor {
  id: string;
  isAdmin: boolean;
}

/**
 * Throws a refusal naming who can do it, unless `actor` may do `action` on `incident`.
 * `doing` words the refusal when the action is reached another way (a milestone moved).
 */
export async function assertMay(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actor: Actor,
  action: RestrictableAction,
  doing: string = ACTION_WORDS[action],
): Promise<void> {
  if (!deps.config.incidents.commanderOnly.includes(action)) return;
  const commander = await repos.roles.holder(incident.id, "commander");
  if (commander === actor.id || actor.isAdmin) return;
  const who = commander ? `the incident commander (${mentionUser(commander)})` : "the incident commander";
  throw forbidden(
    `Only ${who} or an incident admin can ${doing}. Ask them to do it, or to hand command to you.`,
  );
}

/**
 * The one rule for changing who leads, whichever way it is asked (`handoff`, `role commander`,
 * `workstream <ws> lead`): command changes hands as COMMANDER_ONLY_ACTIONS "commander" says; a
 * workstream's lead is handed on by that lead, the incident commander or an admin. Nobody
 * holding it yet: anyone may name a first one. (Accepting a handoff needs no check here: the
 * handoff itself was allowed when it was started.)
 */
export async function assertMayChangeLeader(
  deps: ServiceDeps,
  repos: Repositories,
  scope: { incident: Incident; workstream: Workstream | null },
  holder: string | null,
  actor: Actor,
): Promise<void> {
  if (!holder) return;
  const { incident, workstream } = scope;
  if (!workstream) return assertMay(deps, repos, incident, actor, "commander");
  if (holder === actor.id || actor.isAdmin) return;
  if ((await repos.roles.holder(incident.id, "commander")) === actor.id) return;
  throw forbidden(
    `Only the lead of \`${escapeMrkdwn(workstream.name)}\` (${mentionUser(holder)}), the incident commander or an incident admin can hand it over.`,
  );
}

/**
 * The one rule for speaking on the public status page, whichever way it is asked
 * (`/incident publish`, `update --public`, the Public box of the Post update form): customers
 * read it, so it is for the incident commander, the communications lead (the `comms` role) or
 * an incident admin. Always on: not one of COMMANDER_ONLY_ACTIONS. `doing` words the refusal.
 */
export async function assertMaySpeakPublicly(
  repos: Repositories,
  incident: Incident,
  actor: Actor,
  doing: string,
): Promise<void> {
  if (actor.isAdmin) return;
  const [commander, comms] = await Promise.all([
    repos.roles.holder(incident.id, "commander"),
    repos.roles.holder(incident.id, "comms"),
  ]);
  if (actor.id === commander || actor.id === comms) return;
  const named = (title: string, holder: string | null) =>
    holder ? `${title} (${mentionUser(holder)})` : title;
  throw forbidden(
    `Only ${named("the incident commander", commander)}, ${named("the communications lead", comms)} or an incident admin can ${doing}: it is what customers read. Ask one of them to post it.`,
  );
}

/**
 * Milestones that say when the incident ended: moving one rewrites time-to-resolve, so it is
 * for whoever may end the incident that way.
 */
const ENDING_MILESTONES: Record<string, { action: RestrictableAction; doing: string }> = {
  resolved: { action: "resolve", doing: "move the `resolved` milestone (when the incident ended)" },
  closed: { action: "close", doing: "move the `closed` milestone (when the incident was closed)" },
};

/** The action a milestone's change counts as, when it is restricted at all. */
export function milestoneAction(name: string): RestrictableAction | null {
  return Object.hasOwn(ENDING_MILESTONES, name) ? (ENDING_MILESTONES[name]?.action ?? null) : null;
}

export async function assertMayMoveMilestone(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actor: Actor,
  name: string,
): Promise<void> {
  const ending = Object.hasOwn(ENDING_MILESTONES, name) ? ENDING_MILESTONES[name] : undefined;
  if (ending) await assertMay(deps, repos, incident, actor, ending.action, ending.doing);
}

/**
 * What `assertMay` would answer, as words (null: allowed), for a form that shows beforehand
 * who may do its restricted part (lowering the severity, resolving). Same rule, not a copy.
 */
export async function refusalOf(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actor: Actor,
  action: RestrictableAction,
): Promise<string | null> {
  try {
    await assertMay(deps, repos, incident, actor, action);
    return null;
  } catch (error) {
    if (error instanceof DomainError && error.code === "forbidden") return error.userMessage;
    throw error;
  }
}
