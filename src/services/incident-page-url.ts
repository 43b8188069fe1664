// Where an incident's internal web page is (issue 13 item 3), for the links in the pinned
// summary and the postmortem draft: only when the bot knows its public URL (APP_BASE_URL) and
// Sign in with Slack is configured, since the page is useless to anyone who cannot sign in.
import type { Config } from "../config.ts";

export function incidentPageUrl(
  config: Pick<Config, "appBaseUrl" | "signIn">,
  number: number,
): string | null {
  if (!config.appBaseUrl || !config.signIn) return null;
  return `${config.appBaseUrl}/incidents/${number}`;
}
