// Answers to the message shortcuts (shown only to the person who used them).
import { mentionChannel } from "../../../domain/text/mrkdwn.ts";
import type { AddMessageResult } from "../../../services/timeline/add-message.ts";
import type { Reply } from "./reply.ts";

export function messageAddedReply(r: Extract<AddMessageResult, { kind: "message_added" }>): Reply {
  const where = r.channelId ? ` (${mentionChannel(r.channelId)})` : "";
  return {
    text: r.already
      ? `:pushpin: That message is already in the timeline of INC-${r.incidentNumber}${where}; nothing was added twice.`
      : `:white_check_mark: Added to the timeline of INC-${r.incidentNumber}${where}, at the message's own time, with a link back to it.`,
  };
}

export const noIncidentToAddToReply = (unchecked: number): Reply => ({
  text:
    unchecked > 0
      ? ":warning: Slack did not answer when I checked which private incidents you are in, and there is no other open incident. Try again in a moment."
      : "There is no open incident you can see to add this message to. Declare one with the *Declare from message* shortcut.",
});
