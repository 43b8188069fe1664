// /status as HTML: the page model through the eta template, auto-escaped.
import { Eta } from "eta";
import { RESOLVED_SHOWN_DAYS, type StatusPageModel } from "../../domain/status-page/page-model.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { STATUS_TEMPLATE } from "./status-template.ts";

/** Heading of the page and title of the feed. */
export const STATUS_HEADING = "Service status";

// autoEscape is eta's default; said out loud because the page's safety rests on it.
const eta = new Eta({ autoEscape: true, autoTrim: false });
eta.loadTemplate("@status", STATUS_TEMPLATE);

const STATE_LABELS: Record<string, string> = {
  outage: "Outage",
  degraded: "Degraded",
  recovering: "Recovering",
  recovered: "Recovered",
  operational: "Operational",
};

const STATUS_LABELS: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring a fix",
};

export function renderStatusHtml(page: StatusPageModel): string {
  return eta.render("@status", {
    page,
    heading: STATUS_HEADING,
    resolvedDays: RESOLVED_SHOWN_DAYS,
    utc: (iso: string) => formatUtc(new Date(iso), true),
    stateLabel: (state: string) => STATE_LABELS[state] ?? state,
    statusLabel: (status: string) => STATUS_LABELS[status] ?? status,
  });
}

/** Text as escaped HTML, for feed fields that readers parse as HTML. Same escaping as the page. */
export function escapedHtml(text: string): string {
  return eta.renderString("<%= it.text %>", { text });
}
