// Prometheus metrics (prom-client), one registry per running bot. Counters and histograms are
// fed by the code that does the work (the Slack gateway, the ack timer, the scheduler, the
// outbox) through the narrow functions below; gauges that need the database are read once per
// scrape through `readCounts` (a read model in src/db/queries). Every label has a small, fixed
// set of values: never an incident title, a channel or a user ID.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../clock/clock.ts";
import type { Logger } from "../log/logger.ts";

export const ACK_SURFACES = ["command", "action", "view", "shortcut", "options", "event", "other"] as const;
export type AckSurface = (typeof ACK_SURFACES)[number];
/** ok: acknowledged; form_errors: a form kept open with errors; unacknowledged: never acked. */
export type AckOutcome = "ok" | "form_errors" | "unacknowledged" | "error";
export type SlackErrorKind = "rate_limited" | "transient" | "permanent";
export type DeliveryOutcome = "delivered" | "retried" | "failed";

export interface ScrapeCounts {
  openIncidentsBySeverity: Record<1 | 2 | 3 | 4, number>;
  handoffsPendingAcceptance: number;
  outbox: { kind: string; pending: number; oldestPendingAt: Date | null }[];
}

export interface MetricsOptions {
  clock: Clock;
  logger: Logger;
  readCounts(): Promise<ScrapeCounts>;
}

export interface Metrics {
  observeAck(surface: AckSurface, outcome: AckOutcome, seconds: number): void;
  slackCall(method: string): void;
  slackError(method: string, kind: SlackErrorKind): void;
  schedulerLag(job: string, seconds: number): void;
  /** One database read for the public status page (one serves every view for STATUS_PAGE_CACHE). */
  statusPageRead(): void;
  outboxDelivery(kind: string, outcome: DeliveryOutcome): void;
  /** The exposition text, with the database gauges read now. */
  render(): Promise<{ contentType: string; body: string }>;
}

// Slack method names ("chat.postMessage") and outbox kinds ("message.post") are code constants;
// anything else is folded into "other" so a label can never grow without bound.
const SLACK_METHOD = /^([a-z]+(\.[a-zA-Z0-9]+)+|response_url)$/;
const OUTBOX_KIND = /^[a-z]+(\.[a-z]+)*$/;
const JOB_NAME = /^[a-z][a-z0-9_-]*$/i;
const bounded = (value: string, pattern: RegExp) =>
  pattern.test(value) && value.length <= 64 ? value : "other";

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const ackDuration = new Histogram({
    name: "incident_bot_ack_duration_seconds",
    help: "Time from a Slack request arriving to its acknowledgement (Slack gives up at 3 s)",
    labelNames: ["surface", "outcome"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5],
    registers,
  });
  const slackCalls = new Counter({
    name: "incident_bot_slack_api_calls_total",
    help: "Slack Web API calls sent, by method",
    labelNames: ["method"],
    registers,
  });
  const slackErrors = new Counter({
    name: "incident_bot_slack_api_errors_total",
    help: 'Slack Web API calls that failed, by method and kind (kind="rate_limited" counts 429s)',
    labelNames: ["method", "kind"],
    registers,
  });
  const schedulerLag = new Histogram({
    name: "incident_bot_scheduler_lag_seconds",
    help: "Time from a scheduled job's due time to the tick that ran it, by job",
    labelNames: ["job"],
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600],
    registers,
  });
  const deliveries = new Counter({
    name: "incident_bot_outbox_deliveries_total",
    help: "Outbox delivery attempts by message kind and outcome (delivered, retried, failed)",
    labelNames: ["kind", "outcome"],
    registers,
  });
  const pending = new Gauge({
    name: "incident_bot_outbox_pending_messages",
    help: "Outbox messages waiting to be delivered, by kind",
    labelNames: ["kind"],
    registers,
  });
  const oldestAge = new Gauge({
    name: "incident_bot_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest outbox message still waiting, by kind (0 when none)",
    labelNames: ["kind"],
    registers,
  });
  const openIncidents = new Gauge({
    name: "incident_bot_incidents_open",
    help: "Incidents not yet resolved, by severity",
    labelNames: ["severity"],
    registers,
  });
  const handoffsPending = new Gauge({
    name: "incident_bot_handoffs_pending_acceptance",
    help: "Handoffs prompted or briefed but not yet accepted",
    registers,
  });
  const statusPageReads = new Counter({
    name: "incident_bot_status_page_reads_total",
    help: "Database reads made for the public status page (one serves every view for STATUS_PAGE_CACHE)",
    registers,
  });
  const scrapeErrors = new Counter({
    name: "incident_bot_metrics_database_read_errors_total",
    help: "Scrapes whose database gauges could not be read (they keep their previous values)",
    registers,
  });
  // Kinds seen once keep a series at 0 after they drain, so an alert on age sees it recover.
  const seenKinds = new Set<string>();

  async function readGauges(): Promise<void> {
    let counts: ScrapeCounts;
    try {
      counts = await options.readCounts();
    } catch (error) {
      scrapeErrors.inc();
      options.logger.warn({ err: error }, "metrics: could not read counts from the database");
      return;
    }
    const now = options.clock.now().getTime();
    for (const severity of [1, 2, 3, 4] as const)
      openIncidents.set({ severity: `SEV${severity}` }, counts.openIncidentsBySeverity[severity]);
    handoffsPending.set(counts.handoffsPendingAcceptance);
    const current = new Map(counts.outbox.map((row) => [bounded(row.kind, OUTBOX_KIND), row]));
    for (const kind of current.keys()) seenKinds.add(kind);
    for (const kind of seenKinds) {
      const row = current.get(kind);
      pending.set({ kind }, row?.pending ?? 0);
      const oldest = row?.oldestPendingAt?.getTime();
      oldestAge.set({ kind }, oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000));
    }
  }

  return {
    observeAck: (surface, outcome, seconds) => ackDuration.observe({ surface, outcome }, seconds),
    slackCall: (method) => slackCalls.inc({ method: bounded(method, SLACK_METHOD) }),
    slackError: (method, kind) => slackErrors.inc({ method: bounded(method, SLACK_METHOD), kind }),
    schedulerLag: (job, seconds) =>
      schedulerLag.observe({ job: bounded(job, JOB_NAME) }, Math.max(0, seconds)),
    statusPageRead: () => statusPageReads.inc(),
    outboxDelivery: (kind, outcome) => deliveries.inc({ kind: bounded(kind, OUTBOX_KIND), outcome }),
    async render() {
      await readGauges();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
