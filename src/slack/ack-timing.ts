// Times every Slack request from arrival to acknowledgement, by surface and outcome, for the
// ack latency histogram. It wraps App.processEvent, the one entry both receivers (HTTP and
// Socket Mode) hand each request to, so no listener has to remember to time itself.
// Durations use the monotonic performance clock, not the app's clock: they measure this
// process's own latency, and under the simulated clock the app's time stands still.
import { performance } from "node:perf_hooks";
import type { App } from "@slack/bolt";
import type { AckOutcome, AckSurface } from "../metrics/metrics.ts";

export type ObserveAck = (surface: AckSurface, outcome: AckOutcome, seconds: number) => void;

/** Which Slack surface a request body came from (a fixed set: never anything from its content). */
export function surfaceOf(body: Record<string, unknown>): AckSurface {
  if (typeof body.command === "string") return "command";
  switch (body.type) {
    case "block_actions":
    case "interactive_message":
      return "action";
    case "view_submission":
    case "view_closed":
      return "view";
    case "shortcut":
    case "message_action":
      return "shortcut";
    case "block_suggestion":
      return "options";
    case "event_callback":
    case "url_verification":
      return "event";
    default:
      return "other";
  }
}

function outcomeOf(response: unknown): AckOutcome {
  const action = (response as { response_action?: unknown } | undefined)?.response_action;
  return action === "errors" ? "form_errors" : "ok";
}

export function timeAcks(app: App, observe: ObserveAck): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const started = performance.now();
    const surface = surfaceOf(event.body);
    let observed = false;
    const record = (outcome: AckOutcome) => {
      if (observed) return;
      observed = true;
      observe(surface, outcome, (performance.now() - started) / 1000);
    };
    const ack = event.ack;
    try {
      await processEvent({
        ...event,
        ack: async (response?: unknown) => {
          record(outcomeOf(response));
          return ack(response);
        },
      });
      record("unacknowledged");
    } catch (error) {
      record("error");
      throw error;
    }
  };
}
