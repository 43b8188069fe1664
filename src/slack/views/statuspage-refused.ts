// Said in the incident's channel when Statuspage refuses a change for good (a 4xx such as a
// revoked key): the people writing public updates learn that customers are not seeing them.
// The error is Statuspage's own answer (never the key), escaped as any outside text.
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { type Block, messageText, section } from "./blocks.ts";

export function statuspageRefused(
  what: "incident" | "components",
  error: string,
): { text: string; blocks: Block[] } {
  const subject = what === "incident" ? "this incident's change" : "the service statuses";
  // 401/403/404: the key or the page id is wrong; anything else: the request itself.
  const hint = /^HTTP (401|403|404)\b/.test(error)
    ? "check STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID"
    : "the bot's operators should look at the logs";
  const text = messageText(
    `:warning: Statuspage refused ${subject} (${escapeMrkdwn(error)}). It is not retried: ${hint}; /healthz shows the state.`,
  );
  return { text, blocks: [section(text)] };
}
