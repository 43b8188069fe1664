// Events API callbacks. Slack retries an event whose ack was late (X-Slack-Retry-Num); every
// handler here is idempotent on the envelope's event_id.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { publishHome } from "../actions/register.ts";
import { registerPinEvents } from "./pins.ts";

export function registerEvents(app: App, deps: Deps): void {
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user).catch((error) =>
      deps.logger.warn({ err: error }, "could not publish App Home"),
    );
  });
  registerPinEvents(app, deps);
}
