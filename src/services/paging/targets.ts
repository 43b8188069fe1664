// Turning who someone asked to page into a target, before any transaction: a person's email
// comes from their Slack profile (users.info) unless the targets file gives one.
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import {
  type ResolvedTarget,
  resolvePerson,
  resolveTeam,
  type TargetLookup,
  teamForGroup,
} from "../../domain/paging/targets.ts";

/** A Slack user ID as a page target (email from the targets file or their profile). */
export async function personTarget(deps: ServiceDeps, userId: string): Promise<TargetLookup> {
  const mapped = deps.config.paging.targets.people.find((p) => p.slackId === userId);
  // Read only when the file has no email: users.info is a Slack call, made outside transactions.
  const profileEmail = mapped?.email ? undefined : (await deps.directory.user(userId)).email;
  return resolvePerson(deps.config.paging.targets, userId, profileEmail);
}

/** A user group: the pager team that stands for it (`slackGroup:` in the targets file). */
export function groupTarget(deps: ServiceDeps, groupId: string): TargetLookup {
  const team = teamForGroup(deps.config.paging.targets, groupId);
  if (team) return { ok: true, target: { kind: "team", id: team.name, email: null } };
  return {
    ok: false,
    problem: `The user group <!subteam^${groupId}> is not a pager team. Give a team in PAGER_TARGETS_FILE \`slackGroup: ${groupId}\` (see pager-targets.example.yml), or page the team by name.`,
  };
}

/** A team name, user ID (U…/W…) or user-group ID (S…) from the configuration. */
export async function configuredTarget(deps: ServiceDeps, id: string): Promise<TargetLookup> {
  if (/^[UW][A-Z0-9]{2,}$/.test(id)) return personTarget(deps, id);
  if (/^S[A-Z0-9]{2,}$/.test(id)) return groupTarget(deps, id);
  return resolveTeam(deps.config.paging.targets, id);
}

export function targetOrThrow(lookup: TargetLookup): ResolvedTarget {
  if (!lookup.ok) throw badInput(lookup.problem);
  return lookup.target;
}
