// Events API callbacks. Slack retries an event whose ack was late (X-Slack-Retry-Num); every
// handler here is idempotent on the envelope's event_id.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { welcomeJoiner } from "../../../services/welcome-joiner.ts";
import { publishHome } from "../actions/register.ts";
import { registerPinEvents } from "./pins.ts";

export function registerEvents(app: App, deps: Deps): void {
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user).catch((error) =>
      deps.logger.warn({ err: error }, "could not publish App Home"),
    );
  });
  app.event("member_joined_channel", async ({ event, body, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return;
    await welcomeJoiner(deps, {
      channelId: event.channel,
      userId: event.user,
      eventId,
      botUserId: context.botUserId,
    }).catch((error) => deps.logger.warn({ err: error }, "could not welcome someone who joined"));
  });
  registerPinEvents(app, deps);
}
