// Who can be paged: teams (a PagerDuty routing key and/or an Opsgenie team) and people (an
// email, from their Slack profile or the targets file). Resolving a name to a target is pure:
// the caller reads Slack (the profile email) before asking.
import { escapeMrkdwn } from "../text/mrkdwn.ts";
import type { PagerKind, PageTargetKind } from "./page.ts";

export interface PagerTeam {
  /** Lower-case name, as typed after `/incident page`. */
  name: string;
  /** PagerDuty Events v2 routing (integration) key; the default key when absent. */
  pagerduty?: string;
  /** Opsgenie team name (responder). */
  opsgenie?: string;
  /** A Slack user group that stands for this team (`/incident page @group`). */
  slackGroup?: string;
}

export interface PagerPerson {
  slackId: string;
  email?: string;
  /** PagerDuty routing key for this person's service; the default key when absent. */
  pagerduty?: string;
}

export interface PagerTargets {
  teams: PagerTeam[];
  people: PagerPerson[];
  /** Paged on SEV1/SEV2 when PAGE_ON_SEV says so: a team name or a Slack user ID. */
  leadership?: string;
}

export const NO_TARGETS: PagerTargets = { teams: [], people: [] };

/** A target resolved enough to page: what each pager needs, no secrets. */
export interface ResolvedTarget {
  kind: PageTargetKind;
  /** Team name or Slack user ID. */
  id: string;
  email: string | null;
}

export type TargetLookup = { ok: true; target: ResolvedTarget } | { ok: false; problem: string };

export function teamNamed(targets: PagerTargets, name: string): PagerTeam | undefined {
  const wanted = name.trim().toLowerCase();
  return targets.teams.find((t) => t.name === wanted);
}

export function teamForGroup(targets: PagerTargets, groupId: string): PagerTeam | undefined {
  return targets.teams.find((t) => t.slackGroup === groupId);
}

const HOW_TO_MAP =
  "Add it to the pager targets file (PAGER_TARGETS_FILE; see pager-targets.example.yml) and restart the bot.";

export function resolveTeam(targets: PagerTargets, name: string): TargetLookup {
  const team = teamNamed(targets, name);
  if (team) return { ok: true, target: { kind: "team", id: team.name, email: null } };
  const known = targets.teams.map((t) => `\`${t.name}\``).join(", ");
  return {
    ok: false,
    problem: `No pager team is called \`${escapeMrkdwn(name)}\`${known ? ` (known teams: ${known})` : " (no teams are configured)"}. ${HOW_TO_MAP}`,
  };
}

/** A person: the targets file's email first, then their Slack profile's. */
export function resolvePerson(
  targets: PagerTargets,
  slackId: string,
  profileEmail: string | undefined,
): TargetLookup {
  const mapped = targets.people.find((p) => p.slackId === slackId);
  const email = mapped?.email ?? profileEmail ?? null;
  if (!email && !mapped)
    return {
      ok: false,
      problem: `<@${slackId}> cannot be paged: their Slack profile shows no email and the pager targets file does not list them. Add \`- slack: ${slackId}\` with their \`email:\` under \`people:\` in PAGER_TARGETS_FILE (see pager-targets.example.yml), or give the bot the users:read.email scope.`,
    };
  return { ok: true, target: { kind: "person", id: slackId, email } };
}

/** Whether a pager can address the target at all (the webhook takes anything). */
export function reaches(
  targets: PagerTargets,
  pager: PagerKind,
  target: ResolvedTarget,
  defaults: { pagerdutyKey: boolean },
): boolean {
  if (pager === "webhook") return true;
  if (target.kind === "team") {
    const team = teamNamed(targets, target.id);
    if (pager === "pagerduty") return Boolean(team?.pagerduty) || defaults.pagerdutyKey;
    return Boolean(team?.opsgenie);
  }
  if (pager === "pagerduty")
    return Boolean(targets.people.find((p) => p.slackId === target.id)?.pagerduty) || defaults.pagerdutyKey;
  return target.email !== null;
}
