// Answers to the verbs that change an incident: severity, status, roles, people, workstreams,
// milestones and the recovery board.
import { ROLE_TITLES } from "../../../domain/incident/roles.ts";
import { isEscalation, type Severity, severityLabel } from "../../../domain/incident/severity.ts";
import { mentionUser } from "../../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import type {
  IncidentReopened,
  JoiningIncident,
  MilestoneRecorded,
  PeopleInvited,
  RoleAssigned,
  ServiceStatusSet,
  SeverityChanged,
  StatusChanged,
  WorkstreamAdded,
  WorkstreamStatusChanged,
} from "../../../services/results.ts";
import { utcAndYours } from "../slack-date.ts";
import type { Reply } from "./reply.ts";

/** `/incident declare <title>`: the channel is being created; its link follows. */
export const declaredReply = (d: {
  number: number;
  channelName: string;
  severity: Severity;
  rotation: string | null;
}): Reply => ({
  text: `:rotating_light: Declared *INC-${d.number}* (SEV${d.severity}). Creating #${d.channelName} and inviting you${d.rotation ? ` and the \`${d.rotation}\` shift on duty` : ""} — a link follows here in a moment.`,
});

/** " (as of 06:03 UTC — 15:03 in your zone)": a change recorded now for an earlier time (`--at`). */
const asOf = (at: string | null | undefined): string =>
  at ? ` (as of ${utcAndYours(new Date(at), true)})` : "";

export const severityChangedReply = (r: SeverityChanged): Reply => ({
  text: `:white_check_mark: ${isEscalation(r.from, r.to) ? "Escalated" : "De-escalated"} to ${severityLabel(r.to)}${asOf(r.asOf)}.`,
});

export const statusChangedReply = (r: StatusChanged): Reply => ({
  text: `:white_check_mark: Status is now *${r.to}*${asOf(r.asOf)}.`,
});

export const workstreamStatusChangedReply = (r: WorkstreamStatusChanged): Reply => ({
  text: `:white_check_mark: Workstream \`${r.workstream}\` is now *${r.to}*${asOf(r.asOf)}.`,
});

export const incidentReopenedReply = (_: IncidentReopened): Reply => ({
  text: ":white_check_mark: Reopened: the incident is *investigating* again.",
});

export const roleAssignedReply = (r: RoleAssigned): Reply => ({
  text: `:white_check_mark: ${mentionUser(r.userId)} is now ${ROLE_TITLES[r.role].toLowerCase()}${r.workstream ? ` of \`${r.workstream}\`` : ""}${asOf(r.asOf)}.`,
});

export const peopleInvitedReply = (r: PeopleInvited): Reply => {
  if (r.people === undefined || !r.groups)
    return {
      text: `:white_check_mark: Inviting ${r.count === 1 ? "1 person or group" : `${r.count} people and groups`}.`,
    };
  const groups = `${r.groups} user group${r.groups === 1 ? "" : "s"}`;
  const uncounted = r.groupsUncounted
    ? `; Slack would not list the members of ${r.groupsUncounted}, so they are not counted`
    : "";
  return {
    text: `:white_check_mark: Inviting ${r.people === 1 ? "1 person" : `${r.people} people`} (${groups}${uncounted}).`,
  };
};

export const joiningIncidentReply = (r: JoiningIncident): Reply => ({
  text: `:white_check_mark: Adding you to INC-${r.incidentNumber}'s channel.`,
});

export const workstreamAddedReply = (r: WorkstreamAdded): Reply => ({
  text: `:white_check_mark: Workstream \`${r.name}\` added${r.parent ? ` under \`${r.parent}\`` : ""}${r.withChannel ? "; its channel is being created" : ""}.`,
});

export const milestoneRecordedReply = (r: MilestoneRecorded): Reply => ({
  text: `:white_check_mark: Milestone \`${r.name}\` at ${utcAndYours(new Date(r.at), true)}${r.previousAt ? ` (corrected from ${formatUtc(new Date(r.previousAt), true)})` : ""}.`,
});

export const serviceStatusSetReply = (r: ServiceStatusSet): Reply => ({
  text: `:white_check_mark: \`${r.service}\`${r.region ? ` in \`${r.region}\`` : ""} (${r.phase}) is now *${r.state}*${asOf(r.asOf)}.`,
});
