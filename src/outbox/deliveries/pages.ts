// Deliveries of pages: each step (trigger, acknowledge, resolve) to one pager, and the
// channel's one page message. A pager call is safe to repeat (the dedup key / alias makes
// PagerDuty and Opsgenie absorb it; the webhook carries an Idempotency-Key), so a retry after a
// crash mid-call never pages twice. A refusal (4xx) is recorded for people, then the row fails.
import { loadPageBoard, storePagesTs } from "../../db/repositories/pages.ts";
import type { Deps } from "../../deps.ts";
import type { PagerKind } from "../../domain/paging/page.ts";
import { refusedBy } from "../../domain/paging/page.ts";
import { PagerHealth } from "../../pager/health.ts";
import { opsgenieResponders, sendToOpsgenie } from "../../pager/opsgenie.ts";
import type { PageCall } from "../../pager/page-call.ts";
import { PagerCallError } from "../../pager/pager-error.ts";
import { pagerDutyRoutingKey, sendToPagerDuty } from "../../pager/pagerduty.ts";
import { sendToWebhook } from "../../pager/webhook.ts";
import { pagersFor } from "../../services/paging/page-steps.ts";
import { recordPageFailure } from "../../services/paging/record-page-failure.ts";
import { pagesMessage } from "../../slack/views/pages-message.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf, PagerIntent } from "../intents.ts";
import { channelOfScope } from "./channels.ts";
import { postOrUpdate } from "./post-or-update.ts";

/** For deps assembled without one (tests of other features): health is then not reported. */
const unreported = new PagerHealth();

async function pageCall(deps: Deps, intent: PagerIntent): Promise<PageCall | null> {
  const page = await deps.store.read.pages.byId(intent.pageId);
  const incident = await deps.store.read.incidents.byId(intent.incidentId);
  if (!page || !incident) return null;
  const byId = intent.action === "trigger" ? null : page.acknowledgedById;
  return {
    action: intent.action,
    page,
    incident: {
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      channelId: incident.channelId,
      isPrivate: incident.isPrivate,
    },
    channelUrl: incident.channelId ? `https://slack.com/app_redirect?channel=${incident.channelId}` : null,
    byName: byId ? await deps.users.nameOf(byId) : null,
  };
}

async function send(deps: Deps, pager: PagerKind, call: PageCall): Promise<unknown> {
  const http = { health: deps.pagerHealth ?? unreported, now: () => deps.clock.now() };
  const { paging } = deps.config;
  switch (pager) {
    case "pagerduty": {
      const key = pagerDutyRoutingKey(paging.pagerduty, paging.targets, call.page);
      if (!key) return { skipped: "no PagerDuty routing key for this target" };
      return sendToPagerDuty(http, paging.pagerduty, key, call);
    }
    case "opsgenie": {
      if (!paging.opsgenie) return { skipped: "Opsgenie is not configured" };
      if (call.action === "trigger" && !opsgenieResponders(paging.targets, call.page).length)
        return { skipped: "no Opsgenie responder for this target" };
      return sendToOpsgenie(http, paging.opsgenie, paging.targets, call);
    }
    case "webhook":
      if (!paging.webhook) return { skipped: "the paging webhook is not configured" };
      return sendToWebhook(http, paging.webhook, call);
  }
}

export function deliverToPager(pager: PagerKind) {
  return async (intent: PagerIntent, _attempt: DeliveryAttempt, deps: Deps): Promise<unknown> => {
    const call = await pageCall(deps, intent);
    if (!call) return { skipped: "no such page" };
    // A pager that refused the trigger has nothing to acknowledge or resolve; one that cannot
    // reach the target never had it (acknowledge/resolve are queued for every configured pager).
    if (intent.action !== "trigger" && refusedBy(call.page, pager)) return { skipped: "refused earlier" };
    const target = { kind: call.page.targetKind, id: call.page.targetId, email: call.page.email };
    if (!pagersFor(deps, target).includes(pager)) return { skipped: "this pager does not reach the target" };
    try {
      return await send(deps, pager, call);
    } catch (error) {
      if (error instanceof PagerCallError && error.failure.kind === "permanent")
        await recordPageFailure(deps, {
          pageId: intent.pageId,
          pager,
          action: intent.action,
          error: error.failure.error,
        });
      throw error;
    }
  };
}

export async function deliverPagesMessage(
  intent: IntentOf<"pages.refresh">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const { db } = deps.database;
  const board = await loadPageBoard(db, intent.incidentId);
  if (!board.pages.length) return { skipped: "no pages" };
  return postOrUpdate(deps.gateway, attempt, {
    channel: await channelOfScope(db, { incidentId: intent.incidentId }),
    ts: board.incident.pagesTs,
    content: pagesMessage(intent.incidentId, board.pages),
    rememberTs: (ts) => storePagesTs(db, intent.incidentId, ts),
  });
}
