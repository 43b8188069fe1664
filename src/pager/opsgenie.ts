// Opsgenie Alert API: create an alert per page (alias = the page's dedup key, responders = the
// team or the person's email), then acknowledge and close it by alias. Opsgenie keeps one
// open alert per alias, so a repeated create is absorbed there.

import type { PagerTargets } from "../domain/paging/targets.ts";
import { callPager, type PagerHttp } from "./http-call.ts";
import type { PageCall } from "./page-call.ts";
import { pageSummary } from "./page-call.ts";

export interface OpsgenieSettings {
  apiKey: string;
  apiUrl: string;
}

const PRIORITY: Record<number, string> = { 1: "P1", 2: "P2", 3: "P3", 4: "P4" };

export function opsgenieResponders(targets: PagerTargets, page: PageCall["page"]) {
  if (page.targetKind === "team") {
    const team = targets.teams.find((t) => t.name === page.targetId);
    return team?.opsgenie ? [{ type: "team", name: team.opsgenie }] : [];
  }
  return page.email ? [{ type: "user", username: page.email }] : [];
}

export function opsgenieRequest(settings: OpsgenieSettings, targets: PagerTargets, call: PageCall) {
  const alias = encodeURIComponent(call.page.dedupKey);
  if (call.action === "trigger")
    return {
      url: `${settings.apiUrl}/v2/alerts`,
      body: {
        message: pageSummary(call, 130),
        alias: call.page.dedupKey,
        description: [
          `Incident ${call.incident.number} (SEV${call.incident.severity}).`,
          call.page.reason ? `Reason: ${call.page.reason}` : "",
          call.channelUrl ? `Slack: ${call.channelUrl}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
        responders: opsgenieResponders(targets, call.page),
        priority: PRIORITY[call.incident.severity] ?? "P1",
        source: "incident-bot",
        tags: ["incident-bot", `incident-${call.incident.number}`],
        details: { incident: String(call.incident.number), source: call.page.source },
      },
    };
  const verb = call.action === "acknowledge" ? "acknowledge" : "close";
  return {
    url: `${settings.apiUrl}/v2/alerts/${alias}/${verb}?identifierType=alias`,
    body: {
      source: "incident-bot",
      user: call.byName ?? "incident-bot",
      note: call.action === "acknowledge" ? "Acknowledged in Slack" : "Resolved in Slack",
    },
  };
}

/** Sends one step; Opsgenie answers 202 {result, took, requestId}. */
export async function sendToOpsgenie(
  http: PagerHttp,
  settings: OpsgenieSettings,
  targets: PagerTargets,
  call: PageCall,
): Promise<{ requestId: string | null }> {
  const request = opsgenieRequest(settings, targets, call);
  const answer = await callPager(http, "opsgenie", `opsgenie ${call.action}`, request.url, {
    headers: { "content-type": "application/json", authorization: `GenieKey ${settings.apiKey}` },
    body: JSON.stringify(request.body),
  });
  try {
    const parsed = JSON.parse(answer.body) as { requestId?: unknown };
    return { requestId: typeof parsed.requestId === "string" ? parsed.requestId : null };
  } catch {
    return { requestId: null };
  }
}
