// "Anyone in the incident channel may post an update or snooze its reminders": checked
// against the person who clicked, by Slack's own membership of the channel.

import type { ServiceDeps } from "../../deps.ts";
import { DomainError, forbidden } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { mentionChannel } from "../../domain/text/mrkdwn.ts";

export async function assertInIncidentChannel(
  deps: ServiceDeps,
  incident: Incident,
  userId: string,
  what: string,
): Promise<void> {
  if (!incident.channelId) return;
  let members: string[];
  try {
    members = await deps.directory.channelMembers(incident.channelId);
  } catch (error) {
    deps.logger.warn({ err: error, incident: incident.number }, "could not read incident channel members");
    // Fail closed, and say what to do instead.
    throw new DomainError(
      "unavailable",
      `I could not check that you are in the incident channel; try again, or use \`/incident update\` there.`,
    );
  }
  if (!members.includes(userId))
    throw forbidden(
      `Only people in ${mentionChannel(incident.channelId)} can ${what}. Join the channel first.`,
    );
}
