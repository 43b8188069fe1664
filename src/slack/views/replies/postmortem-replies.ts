// Answers to closing an incident, re-rendering its postmortem and recording action items.
import { escapeMrkdwn, mentionUser } from "../../../domain/text/mrkdwn.ts";
import type { ActionItemAdded, IncidentClosed, PostmortemRequested } from "../../../services/results.ts";
import type { Reply } from "./reply.ts";

export const incidentClosedReply = (r: IncidentClosed): Reply => ({
  text: `:lock: INC-${r.incidentNumber} is closed. The postmortem draft is being generated and will be posted in the incident channel.`,
});

export const postmortemRequestedReply = (r: PostmortemRequested): Reply => ({
  text: `:page_facing_up: Rendering the postmortem draft of INC-${r.incidentNumber} from its timeline; it will be posted in the incident channel as a Markdown file in a moment.`,
});

export function actionItemAddedReply(r: ActionItemAdded): Reply {
  const owner = r.ownerId
    ? `, owner ${mentionUser(r.ownerId)}`
    : " (no owner yet: add one with `--owner @person`)";
  return {
    text: `:white_check_mark: Action item ${r.count} of INC-${r.incidentNumber} recorded${owner}: ${escapeMrkdwn(r.text)}`,
  };
}
