// Which pagers are on, from the configuration: PagerDuty with a default routing key or any
// per-team/person key, Opsgenie with an API key, the webhook with a URL and secret.
import type { PagerKind } from "./page.ts";
import type { PagerTargets } from "./targets.ts";

export interface PagingSettings {
  pagerduty: { routingKey: string | undefined };
  opsgenie: unknown;
  webhook: unknown;
  targets: PagerTargets;
}

export function configuredPagers(settings: PagingSettings): PagerKind[] {
  const pagers: PagerKind[] = [];
  const { targets } = settings;
  if (
    settings.pagerduty.routingKey ||
    targets.teams.some((t) => t.pagerduty) ||
    targets.people.some((p) => p.pagerduty)
  )
    pagers.push("pagerduty");
  if (settings.opsgenie) pagers.push("opsgenie");
  if (settings.webhook) pagers.push("webhook");
  return pagers;
}
