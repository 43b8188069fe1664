// Events API callbacks, behind one Bolt listener (one-listener.ts says why). Slack retries an
// event whose ack was late (X-Slack-Retry-Num); every handler here is idempotent on the
// envelope's event_id.
import type { App, KnownEventFromType } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { welcomeJoiner } from "../../../services/welcome-joiner.ts";
import { publishHome } from "../actions/register.ts";
import { eventEdge } from "../edge.ts";
import { type EventArgs, type EventHandlers, exactlyOneOf, handlerFor } from "../one-listener.ts";
import { messageEventHandlers } from "./messages.ts";
import { pinEventHandlers } from "./pins.ts";

function membershipEventHandlers(deps: Deps): EventHandlers {
  return {
    app_home_opened: async ({ event }) => {
      const opened = event as KnownEventFromType<"app_home_opened">;
      if (opened.tab !== "home") return;
      await eventEdge(deps, "app_home_opened", () => publishHome(deps, opened.user));
    },
    member_joined_channel: async ({ event, body, context }) => {
      const joined = event as KnownEventFromType<"member_joined_channel">;
      // Kept current for lists of private incidents (channel-membership.ts).
      deps.membership.joined(joined.channel, [joined.user]);
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId !== "string") return;
      await eventEdge(deps, "member_joined_channel", () =>
        welcomeJoiner(deps, {
          channelId: joined.channel,
          userId: joined.user,
          eventId,
          botUserId: context.botUserId,
          inviter: (joined as { inviter?: string }).inviter ?? null,
        }),
      );
    },
    member_left_channel: async ({ event }) => {
      const left = event as KnownEventFromType<"member_left_channel">;
      deps.membership.left(left.channel, left.user);
    },
  };
}

export function registerEvents(app: App, deps: Deps): void {
  const handlers: EventHandlers = {
    ...membershipEventHandlers(deps),
    ...pinEventHandlers(deps),
    ...messageEventHandlers(deps),
  };
  app.event(exactlyOneOf(Object.keys(handlers)), async ({ event, body, context }) => {
    const handler = handlerFor(handlers, event.type);
    if (handler) await handler({ event, body, context } as EventArgs);
  });
}
