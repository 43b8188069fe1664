// The declarer's confirmation, through the command's response_url, once the channel exists.
import { mentionChannel } from "../../domain/text/mrkdwn.ts";

export function incidentReady(incident: { number: number; channelId: string }): { text: string } {
  return {
    text: `:white_check_mark: *INC-${incident.number}* declared: ${mentionChannel(incident.channelId)} — you're in it. Type \`/incident help\` there for commands.`,
  };
}
