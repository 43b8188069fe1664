// Pin to timeline: reaction_added / reaction_removed with TIMELINE_PIN_EMOJI. Slack retries an
// event whose ack was late (X-Slack-Retry-Num); the use case is idempotent on event_id.
import type { Deps } from "../../../deps.ts";
import { capturePin, type PinReaction, releasePin } from "../../../services/timeline/pins.ts";
import { eventEdge } from "../edge.ts";
import type { EventArgs, EventHandlers } from "../one-listener.ts";

interface ReactionEvent {
  user: string;
  reaction: string;
  item_user?: string;
  item: { type: string; channel?: string; ts?: string };
}

function pinReaction(deps: Deps, event: ReactionEvent, eventId: unknown): PinReaction | null {
  if (event.reaction !== deps.config.incidents.pinEmoji) return null;
  if (event.item.type !== "message" || !event.item.channel || !event.item.ts) return null;
  if (typeof eventId !== "string" || !eventId) return null;
  return {
    eventId,
    userId: event.user,
    channelId: event.item.channel,
    ts: event.item.ts,
    itemUserId: event.item_user ?? null,
  };
}

export function pinEventHandlers(deps: Deps): EventHandlers {
  const handle =
    (what: "reaction_added" | "reaction_removed") =>
    async ({ event, body, context }: EventArgs) => {
      const reaction = pinReaction(
        deps,
        event as unknown as ReactionEvent,
        (body as { event_id?: unknown }).event_id,
      );
      if (!reaction) return;
      await eventEdge(
        deps,
        what,
        async () => {
          const outcome = await (what === "reaction_added" ? capturePin : releasePin)(deps, reaction);
          deps.logger.debug({ outcome, retryNum: context.retryNum, channel: reaction.channelId }, what);
        },
        { channel: reaction.channelId },
      );
    };
  return { reaction_added: handle("reaction_added"), reaction_removed: handle("reaction_removed") };
}
