// A page: someone woken outside Slack (PagerDuty, Opsgenie, a signed webhook) for an incident.
// Its dedup key is what every pager sees, so delivering it again never pages twice.

export type PageStatus = "triggered" | "acknowledged" | "resolved" | "failed";
export type PageTargetKind = "team" | "person";
export type PageSource = "command" | "severity" | "handoff";
export type PagerKind = "pagerduty" | "opsgenie" | "webhook";
export type PageAction = "trigger" | "acknowledge" | "resolve";

export const PAGER_KINDS: readonly PagerKind[] = ["pagerduty", "opsgenie", "webhook"];

export const PAGER_NAMES: Record<PagerKind, string> = {
  pagerduty: "PagerDuty",
  opsgenie: "Opsgenie",
  webhook: "the paging webhook",
};

export interface Page {
  id: number;
  incidentId: number;
  dedupKey: string;
  targetKind: PageTargetKind;
  /** Team name from the targets file, or a Slack user ID. */
  targetId: string;
  email: string | null;
  reason: string;
  source: PageSource;
  handoffId: number | null;
  status: PageStatus;
  requestedById: string | null;
  triggeredAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  /** "<pager>: <why>" lines of pagers that refused the page. */
  failure: string | null;
}

/** Pages still waking someone: acknowledging or resolving them means something. */
export const OPEN_PAGE_STATUSES: readonly PageStatus[] = ["triggered", "acknowledged"];

/**
 * The key every pager sees for one page (PagerDuty dedup_key, Opsgenie alias, webhook
 * Idempotency-Key): stable across retries, crashes and replicas, and readable by a person
 * looking at the pager ("incident-42-handoff-7-holder").
 */
export function pageDedupKey(incidentNumber: number, what: string): string {
  return `incident-${incidentNumber}-${what}`.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 255);
}

/** Whether this pager already refused the page (its acknowledge/resolve would be refused too). */
export function refusedBy(page: Pick<Page, "failure">, pager: PagerKind): boolean {
  return (page.failure ?? "").split("\n").some((line) => line.startsWith(`${pager}:`));
}

/** Time to acknowledge, in ms (null while not acknowledged). */
export function timeToAcknowledge(page: Pick<Page, "triggeredAt" | "acknowledgedAt">): number | null {
  return page.acknowledgedAt ? page.acknowledgedAt.getTime() - page.triggeredAt.getTime() : null;
}
