// Pages sent outside Slack: each step creates or moves the page row, queues the call to every
// pager that carries it (one outbox lane per pager and incident, so trigger, acknowledge and
// resolve arrive in order) and refreshes the channel's one page message.
import type { EventKind } from "../../domain/timeline/events.ts";
import { pagerIntent } from "../../outbox/intents.ts";
import type { Effect, EventHandler, EventHandlers } from "../types.ts";
import { toIncident } from "../types.ts";
import { announceInChannel } from "./common.ts";

const refreshPages = (incidentId: number): Effect => toIncident({ kind: "pages.refresh", incidentId });

function pageIdOf(event: { pageId: number | null }): number {
  if (event.pageId === null) throw new Error("a page event needs the page's id");
  return event.pageId;
}

export const pageSent: EventHandler<"page_sent"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("page_sent needs an incident");
    const page = await repos.pages.create({
      incidentId: incident.id,
      dedupKey: event.dedupKey,
      targetKind: event.targetKind,
      targetId: event.targetId,
      email: event.email,
      reason: event.reason,
      source: event.source,
      handoffId: event.handoffId,
      requestedById: meta.actorId,
      triggeredAt: meta.occurredAt,
    });
    return { incident, event: { ...event, pageId: page.id } };
  },
  effects: (event, incident) => [
    ...event.pagers.map((pager) => toIncident(pagerIntent(pager, incident.id, pageIdOf(event), "trigger"))),
    refreshPages(incident.id),
  ],
};

export const pageAcknowledged: EventHandler<"page_acknowledged"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("page_acknowledged needs an incident");
    await repos.pages.acknowledge(pageIdOf(event), meta.occurredAt, event.byUserId);
    return { incident };
  },
  effects: (event, incident, _meta, context) => [
    ...(context.pagers ?? []).map((pager) =>
      toIncident(pagerIntent(pager, incident.id, pageIdOf(event), "acknowledge")),
    ),
    refreshPages(incident.id),
  ],
};

export const pageResolved: EventHandler<"page_resolved"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("page_resolved needs an incident");
    await repos.pages.resolve(pageIdOf(event), meta.occurredAt);
    return { incident };
  },
  effects: (event, incident, _meta, context) => [
    ...(context.pagers ?? []).map((pager) =>
      toIncident(pagerIntent(pager, incident.id, pageIdOf(event), "resolve")),
    ),
    refreshPages(incident.id),
  ],
};

export const pageFailed: EventHandler<"page_failed"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("page_failed needs an incident");
    const page = await repos.pages.byId(pageIdOf(event));
    if (page) await repos.pages.fail(page, `${event.pager}: ${event.error}`, event.allRefused === true);
    return { incident };
  },
  // Said in the channel too: the page message is edited in place and notifies nobody.
  effects: (event, incident, meta) => [refreshPages(incident.id), announceInChannel(incident, event, meta)],
};

export const PAGE_EVENT_HANDLERS: Pick<EventHandlers, Extract<EventKind, `page_${string}`>> = {
  page_sent: pageSent,
  page_acknowledged: pageAcknowledged,
  page_resolved: pageResolved,
  page_failed: pageFailed,
};
