// The incident channel's one message about pages: who was paged, through what, and where each
// page stands (acknowledged by whom and when, resolved, refused by a pager). Posted once and
// edited in place as pages move on, so the channel is not flooded.
import { PAGER_NAMES, type Page, type PagerKind, timeToAcknowledge } from "../../domain/paging/page.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../domain/time/duration.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, messageText, section } from "./blocks.ts";

const MAX_LINES = 40;

function target(page: Page): string {
  return page.targetKind === "team" ? `team \`${escapeMrkdwn(page.targetId)}\`` : mentionUser(page.targetId);
}

function state(page: Page): string {
  const ack = timeToAcknowledge(page);
  const acknowledged =
    page.acknowledgedAt && ack !== null
      ? `acknowledged${page.acknowledgedById ? ` by ${mentionUser(page.acknowledgedById)}` : ""} at ${formatUtc(page.acknowledgedAt)} (${formatDuration(ack)})`
      : null;
  switch (page.status) {
    case "triggered":
      return ":rotating_light: paging";
    case "acknowledged":
      return `:eyes: ${acknowledged}`;
    case "resolved":
      return `:white_check_mark: resolved at ${formatUtc(page.resolvedAt ?? page.triggeredAt)}${acknowledged ? `, ${acknowledged}` : ""}`;
    case "failed":
      return ":x: not delivered";
  }
}

function refusals(page: Page): string {
  if (!page.failure) return "";
  const lines = page.failure.split("\n").map((line) => {
    const [pager, ...rest] = line.split(": ");
    return `${PAGER_NAMES[pager as PagerKind] ?? pager} refused it: ${escapeMrkdwn(rest.join(": "))}`;
  });
  return `\n      :warning: ${lines.join("; ")}`;
}

export function pagesMessage(incidentId: number, pages: Page[]): { text: string; blocks: Block[] } {
  const shown = pages.slice(-MAX_LINES);
  const lines = shown.map(
    (page) =>
      `• ${target(page)} at ${formatUtc(page.triggeredAt)}${page.reason ? `: ${escapeMrkdwn(page.reason)}` : ""} — ${state(page)}${refusals(page)}`,
  );
  const open = pages.filter((p) => p.status === "triggered").length;
  const title = `:pager: *Pages* (${pages.length}${open ? `, ${open} waiting for acknowledgement` : ""})`;
  const text = messageText(`${title}\n${lines.join("\n")}`);
  const blocks: Block[] = [section(text)];
  if (pages.length > shown.length)
    blocks.push(context([`${pages.length - shown.length} earlier pages are in the timeline.`]));
  blocks.push(
    context([
      `Keys seen by the pagers: ${shown
        .map((p) => `\`${p.dedupKey}\``)
        .slice(-5)
        .join(", ")}`,
    ]),
  );
  blocks.push(
    actions(undefined, [
      button({ actionId: ACTIONS.pageSomeone, text: "Page someone", value: String(incidentId) }),
    ]),
  );
  return { text, blocks };
}
