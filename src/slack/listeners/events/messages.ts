// `message` events (message.channels / message.groups) in incident and workstream channels,
// kept in deps.recentMessages so a 📌 on one is captured without conversations.history/replies
// (src/slack/recent-messages.ts). Messages elsewhere are dropped after one lookup; a channel
// found to be an incident's is remembered (it stays one), so the common case costs no query.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { scopeOfChannel } from "../../../services/incident-scope.ts";
import { type RawMessage, toMessage } from "../../message-lookup.ts";
import { eventEdge } from "../edge.ts";

interface MessageEvent extends RawMessage {
  channel?: string;
  subtype?: string;
  message?: RawMessage;
  deleted_ts?: string;
}

/** Subtypes that are someone's message (the rest are joins, topics, renames…). */
const KEPT_SUBTYPES = new Set([undefined, "bot_message", "thread_broadcast", "file_share", "me_message"]);

/** At most this many channels remembered as incident channels (a replica's lifetime's worth). */
const KNOWN_INCIDENT_CHANNELS = 5000;

export function registerMessageEvents(app: App, deps: Deps): void {
  const incidentChannels = new Set<string>();

  async function isIncidentChannel(channelId: string): Promise<boolean> {
    if (incidentChannels.has(channelId)) return true;
    if (!(await scopeOfChannel(deps.store.read, channelId))) return false;
    if (incidentChannels.size >= KNOWN_INCIDENT_CHANNELS) incidentChannels.clear();
    incidentChannels.add(channelId);
    return true;
  }

  async function keep(channelId: string, heard: MessageEvent): Promise<string> {
    if (!(await isIncidentChannel(channelId))) return "not_incident_channel";
    if (heard.subtype === "message_deleted") {
      if (!heard.deleted_ts) return "skipped";
      deps.recentMessages.deleted(channelId, heard.deleted_ts);
      return "forgotten";
    }
    const message = heard.subtype === "message_changed" ? heard.message : heard;
    if (heard.subtype !== "message_changed" && !KEPT_SUBTYPES.has(heard.subtype)) return "skipped";
    if (!message?.ts) return "skipped";
    deps.recentMessages.heard(channelId, toMessage(message));
    return "kept";
  }

  app.event("message", async ({ event }) => {
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
  });
}
