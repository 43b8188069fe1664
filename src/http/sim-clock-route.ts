// POST /_sim/clock: moves the simulated clock and runs every job that falls due on the way.
// Only in simulated-clock mode and only from loopback; anything else gets 404, as if the
// route did not exist.
import type { IncomingMessage } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { z } from "zod";
import { ClockMovedBackwardsError, type SimulatedClock } from "../clock/clock.ts";
import { parseDuration } from "../domain/time/duration.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import { isLoopback, readBody, sendJson } from "./read-body.ts";

const USAGE = 'body must be JSON: {"set": "<ISO 8601>"} or {"advance": "90s|15m|2h|1d"}';

const clockRequestSchema = z.union([
  z.object({ set: z.iso.datetime({ offset: true }) }).strict(),
  z
    .object({ advance: z.string().refine((v) => parseDuration(v) !== undefined, "like 90s, 15m, 2h or 1d") })
    .strict(),
]);

export function simClockRoute(clock: SimulatedClock, scheduler: Scheduler): CustomRoute {
  async function moveClock(req: IncomingMessage): Promise<[number, unknown]> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return [400, { error: USAGE }];
    }
    const parsed = clockRequestSchema.safeParse(body);
    if (!parsed.success) return [400, { error: USAGE }];
    const target =
      "set" in parsed.data
        ? new Date(parsed.data.set)
        : new Date(clock.now().getTime() + (parseDuration(parsed.data.advance) ?? 0));
    if (target < clock.now()) {
      return [
        409,
        { error: new ClockMovedBackwardsError(clock.now(), target).message, now: clock.now().toISOString() },
      ];
    }
    const jobsRun = await scheduler.advanceTo(clock, target);
    return [200, { now: clock.now().toISOString(), jobsRun }];
  }

  // Moves are serialised: two overlapping requests would otherwise interleave due times.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    path: "/_sim/clock",
    method: ["POST", "GET"],
    handler: (req, res) => {
      if (!isLoopback(req)) return sendJson(res, 404, { error: "not_found" });
      if (req.method === "GET") return sendJson(res, 200, { now: clock.now().toISOString() });
      queue = queue.then(() =>
        moveClock(req).then(
          ([status, body]) => sendJson(res, status, body),
          (error) => sendJson(res, 500, { error: String(error) }),
        ),
      );
    },
  };
}
