// The public status page's audience against the acknowledgements. During a large outage
// thousands of customers keep the page open and it reloads itself every minute: tens of views a
// second, served by the bot's own HTTP server, on the event loop its acknowledgements need.
// Measured on the busy bot (its incident published, with public updates among 20,000 entries):
// update latency at concurrency 16 while the page is viewed at a steady rate, against the same
// bot without the views, in alternating rounds.

import { metricValue } from "../test/support/metrics-text.ts";
import {
  type LatencyPoint,
  type LoadTurn,
  measure,
  point,
  ROUNDS,
  requestsPerRound,
  turnOrder,
} from "./load-rounds.ts";
import { round } from "./stats.ts";

export interface StatusTrafficResult {
  /** Views asked for per second while measured. */
  viewsPerSecond: number;
  /** Views answered 200 per second, over the measured turns. */
  answeredPerSecond: number;
  /** Views not answered 200 (an error, or a 503). */
  failedViews: number;
  /** Database reads the page made during the measured turns (its /metrics counter; null when absent). */
  reads: number | null;
  quiet: LatencyPoint;
  viewed: LatencyPoint;
  p50Ratio: number;
  p99Ratio: number;
}

/** At most this many views in flight: a bot that stops answering is not also buried. */
const MAX_IN_FLIGHT = 64;

/** Views `url` at `perSecond` until stopped. */
function viewSteadily(url: string, perSecond: number) {
  let answered = 0;
  let failed = 0;
  let inFlight = 0;
  const inFlightViews = new Set<Promise<void>>();
  const started = performance.now();
  const view = () => {
    if (inFlight >= MAX_IN_FLIGHT) return;
    inFlight++;
    const request: Promise<void> = fetch(url)
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 200) answered++;
        else failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => {
        inFlight--;
        inFlightViews.delete(request);
      });
    inFlightViews.add(request);
  };
  // The first at once: a short turn (the quick run's) still sees views.
  view();
  const timer = setInterval(view, 1000 / perSecond);
  return {
    async stop(): Promise<{ answered: number; failed: number; seconds: number }> {
      clearInterval(timer);
      await Promise.all(inFlightViews);
      return { answered, failed, seconds: (performance.now() - started) / 1000 };
    },
  };
}

/** The bot's count of status page reads from /metrics (null when it has none). */
async function statusPageReads(botUrl: string): Promise<number | null> {
  const text = await (await fetch(`${botUrl}/metrics`)).text();
  return metricValue(text, "incident_bot_status_page_reads_total") ?? null;
}

export async function measureUnderStatusTraffic(
  turn: LoadTurn,
  botUrl: string,
  user: string,
  options: { concurrency: number; requests: number; viewsPerSecond: number },
): Promise<StatusTrafficResult> {
  const { concurrency, viewsPerSecond } = options;
  const perRound = requestsPerRound(concurrency, options.requests);
  const quiet: number[] = [];
  const viewed: number[] = [];
  let answered = 0;
  let failed = 0;
  let seconds = 0;
  let reads: number | null = 0;
  const measureOnce = () =>
    measure(turn.target, user, turn.channel, concurrency, perRound, turn.unacknowledged);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [, withViews] of turnOrder([false, true], r)) {
      if (!withViews) {
        quiet.push(...(await measureOnce()));
        continue;
      }
      const readsBefore = await statusPageReads(botUrl);
      const views = viewSteadily(`${botUrl}/status`, viewsPerSecond);
      viewed.push(...(await measureOnce()));
      const done = await views.stop();
      const readsAfter = await statusPageReads(botUrl);
      answered += done.answered;
      failed += done.failed;
      seconds += done.seconds;
      reads =
        reads === null || readsBefore === null || readsAfter === null
          ? null
          : reads + readsAfter - readsBefore;
    }
  }
  const quietPoint = point(concurrency, quiet);
  const viewedPoint = point(concurrency, viewed);
  return {
    viewsPerSecond,
    answeredPerSecond: round(answered / (seconds || 1), 1),
    failedViews: failed,
    reads,
    quiet: quietPoint,
    viewed: viewedPoint,
    p50Ratio: round(viewedPoint.p50 / (quietPoint.p50 || 1)),
    p99Ratio: round(viewedPoint.p99 / (quietPoint.p99 || 1)),
  };
}
