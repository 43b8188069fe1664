// Events API callbacks. Slack retries an event whose ack was late (X-Slack-Retry-Num); every
// handler here is idempotent on the envelope's event_id.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { welcomeJoiner } from "../../../services/welcome-joiner.ts";
import { publishHome } from "../actions/register.ts";
import { eventEdge } from "../edge.ts";
import { registerMessageEvents } from "./messages.ts";
import { registerPinEvents } from "./pins.ts";

export function registerEvents(app: App, deps: Deps): void {
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await eventEdge(deps, "app_home_opened", () => publishHome(deps, event.user));
  });
  app.event("member_joined_channel", async ({ event, body, context }) => {
    // Kept current for lists of private incidents (channel-membership.ts).
    deps.membership.joined(event.channel, [event.user]);
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return;
    await eventEdge(deps, "member_joined_channel", () =>
      welcomeJoiner(deps, {
        channelId: event.channel,
        userId: event.user,
        eventId,
        botUserId: context.botUserId,
        inviter: (event as { inviter?: string }).inviter ?? null,
      }),
    );
  });
  app.event("member_left_channel", async ({ event }) => {
    deps.membership.left(event.channel, event.user);
  });
  registerPinEvents(app, deps);
  registerMessageEvents(app, deps);
}
