// `message` events (message.channels / message.groups) in incident and workstream channels,
// kept in deps.recentMessages so a 📌 on one is captured without conversations.history/replies
// (src/slack/recent-messages.ts). The subtype is checked first (joins, topics, renames… cost
// nothing); then whether the channel is an incident's, remembered per replica both ways
// (incident-channel-memory.ts), so a busy ordinary channel costs no query per message.
import type { Deps } from "../../../deps.ts";
import { scopeOfChannel } from "../../../services/incident-scope.ts";
import { type RawMessage, toMessage } from "../../message-lookup.ts";
import { eventEdge } from "../edge.ts";
import type { EventHandlers } from "../one-listener.ts";
import { createIncidentChannelMemory } from "./incident-channel-memory.ts";

interface MessageEvent extends RawMessage {
  channel?: string;
  subtype?: string;
  message?: RawMessage;
  deleted_ts?: string;
}

/** Subtypes that are someone's message (the rest are joins, topics, renames…). */
const KEPT_SUBTYPES = new Set([undefined, "bot_message", "thread_broadcast", "file_share", "me_message"]);

export function messageEventHandlers(deps: Deps): EventHandlers {
  const channels = createIncidentChannelMemory({
    lookup: async (channelId) => (await scopeOfChannel(deps.store.read, channelId)) !== null,
    now: () => deps.clock.now(),
  });

  async function keep(channelId: string, heard: MessageEvent): Promise<string> {
    if (heard.subtype === "message_deleted") {
      if (!heard.deleted_ts) return "skipped";
      if (!(await channels.isIncidentChannel(channelId))) return "not_incident_channel";
      deps.recentMessages.deleted(channelId, heard.deleted_ts);
      return "forgotten";
    }
    const message = heard.subtype === "message_changed" ? heard.message : heard;
    if (heard.subtype !== "message_changed" && !KEPT_SUBTYPES.has(heard.subtype)) return "skipped";
    if (!message?.ts) return "skipped";
    if (!(await channels.isIncidentChannel(channelId))) return "not_incident_channel";
    deps.recentMessages.heard(channelId, toMessage(message));
    return "kept";
  }

  return {
    message: async ({ event }) => {
      const heard = event as unknown as MessageEvent;
      const channelId = heard.channel;
      if (!channelId) return;
      await eventEdge(
        deps,
        "message",
        async () => {
          const outcome = await keep(channelId, heard);
          deps.logger.debug({ outcome, channel: channelId, subtype: heard.subtype }, "message heard");
        },
        { channel: channelId },
      );
    },
  };
}
