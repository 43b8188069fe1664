// "Anyone in the incident channel may post an update or snooze its reminders": checked
// against the person who clicked, by Slack's own membership of the channel.
//
// The remembered members (kept current by member_joined/left events, see
// src/slack/channel-membership.ts) answer "yes" without a call: during a big outage every form a
// button opens would otherwise cost a conversations.members call (60 of them in the demo). Only
// a "no" is asked again of Slack, fresh, because someone who has just joined may not be in this
// replica's copy yet; so nobody in the channel is refused, and someone removed keeps the buttons
// for at most the copy's TTL on a replica that did not hear the removal.

import type { ServiceDeps } from "../../deps.ts";
import { DomainError, forbidden } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { mentionChannel } from "../../domain/text/mrkdwn.ts";

/** Whether the person is in the channel: remembered members first, Slack itself before a "no". */
export async function isChannelMember(
  deps: Pick<ServiceDeps, "directory">,
  channelId: string,
  userId: string,
): Promise<boolean> {
  const remembered = await deps.directory.knownChannelMembers(channelId).catch(() => null);
  if (remembered?.includes(userId)) return true;
  return (await deps.directory.channelMembers(channelId)).includes(userId);
}

export async function assertInIncidentChannel(
  deps: ServiceDeps,
  incident: Incident,
  userId: string,
  what: string,
): Promise<void> {
  if (!incident.channelId) return;
  let member: boolean;
  try {
    member = await isChannelMember(deps, incident.channelId, userId);
  } catch (error) {
    deps.logger.warn({ err: error, incident: incident.number }, "could not read incident channel members");
    // Fail closed, and say what to do instead.
    throw new DomainError(
      "unavailable",
      `I could not check that you are in the incident channel; try again, or use \`/incident update\` there.`,
    );
  }
  if (!member)
    throw forbidden(
      `Only people in ${mentionChannel(incident.channelId)} can ${what}. Join the channel first.`,
    );
}
