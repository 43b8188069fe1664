// Topics and invites go in lanes of their own (intents.ts, laneOf), so one recorded after the
// channel's archive (a late change; the archive itself waits for a pending topic) or an invite
// still waiting when the incident is closed with archive-on-close may come after it. Slack
// would refuse it (is_archived) and the message would be marked failed, an operator alert for
// nothing: it is skipped instead, with a log line, whether the archive is known here (delivered
// by this outbox) or only to Slack (archived by hand, or by another replica meanwhile).
import { channelArchived } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { SlackCallError } from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";

type ChannelWork = IntentOf<"channel.topic" | "channel.invite">;
type Handler<I> = (intent: I, attempt: DeliveryAttempt, deps: Deps) => Promise<unknown>;

export function unlessArchived<I extends ChannelWork>(deliver: Handler<I>): Handler<I> {
  return async (intent, attempt, deps) => {
    const skip = () => {
      deps.logger.info(
        { kind: intent.kind, scope: intent.scope },
        "outbox message skipped: its channel is archived",
      );
      return { skipped: "channel archived" };
    };
    if (await channelArchived(deps.database.db, intent.scope)) return skip();
    try {
      return await deliver(intent, attempt, deps);
    } catch (error) {
      if (error instanceof SlackCallError && error.slackError === "is_archived") return skip();
      throw error;
    }
  };
}
