// What every pager is told about one step of a page: built at delivery from the page row and
// the incident as they are then. No keys here: each pager module adds its own credentials.
import type { Page, PageAction } from "../domain/paging/page.ts";

export interface PageCall {
  action: PageAction;
  page: Page;
  incident: { number: number; title: string; severity: number; channelId: string | null; isPrivate: boolean };
  /** Where people can follow the incident (the channel's link), when known. */
  channelUrl: string | null;
  /** Who acknowledged or resolved it, by name, for the pager's log. */
  byName: string | null;
}

/** One line a phone can show: "SEV1 incident 42: checkout is down — handoff not accepted". */
export function pageSummary(call: PageCall, limit: number): string {
  const { incident, page } = call;
  // A private incident's title stays in Slack: pagers get the number and severity only.
  const title = incident.isPrivate ? "(private incident)" : incident.title;
  const text = `SEV${incident.severity} incident ${incident.number}: ${title}${page.reason ? ` — ${page.reason}` : ""}`;
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
