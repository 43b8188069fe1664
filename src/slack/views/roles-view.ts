// `/incident roles`: who holds which role now, then earlier terms newest first, a page at a time
// (a two-day incident with four shifts of regional leads has hundreds of terms; the most recent
// ones are what a commander looks for, so they must never be the ones cut).
import { ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import type { RoleHolding } from "../../services/incident-overviews.ts";
import { type Block, context, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";

/** Earlier terms per page: ~110 characters a line keeps a page well inside a message's limits. */
export const ROLE_TERMS_PER_PAGE = 40;

function title(holding: RoleHolding): string {
  const role = ROLE_TITLES[holding.role as Role] ?? holding.role;
  return `${role}${holding.workstream !== null ? ` \`${escapeMrkdwn(holding.workstream)}\`` : ""}`;
}

export function rolesView(
  incidentNumber: number,
  holdings: RoleHolding[],
  page = 1,
): { text: string; blocks: Block[] } {
  const current = holdings
    .filter((h) => !h.endedAt)
    .map((h) => `• *${title(h)}:* ${mentionUser(h.userId)} since ${formatUtc(h.startedAt, true)}`);
  const ended = holdings
    .filter((h): h is RoleHolding & { endedAt: Date } => h.endedAt !== null)
    .sort(
      (a, b) => b.endedAt.getTime() - a.endedAt.getTime() || b.startedAt.getTime() - a.startedAt.getTime(),
    );
  const pages = Math.max(1, Math.ceil(ended.length / ROLE_TERMS_PER_PAGE));
  const shown = Math.min(page, pages);
  const past = ended
    .slice((shown - 1) * ROLE_TERMS_PER_PAGE, shown * ROLE_TERMS_PER_PAGE)
    .map(
      (h) =>
        `• ${title(h)}: ${mentionUser(h.userId)} ${formatUtc(h.startedAt, true)} → ${formatUtc(h.endedAt, true)}`,
    );
  const heading =
    pages > 1 ? `*Before* (newest first, page ${shown} of ${pages})` : "*Before* (newest first)";
  const notes: string[] = [];
  if (page > pages)
    notes.push(`There are ${pages} page${pages === 1 ? "" : "s"} of earlier terms; showing page ${pages}.`);
  if (shown < pages) notes.push(`Older terms: \`/incident roles --page ${shown + 1}\``);
  const blocks = [
    header(`Roles · INC-${incidentNumber}`),
    ...chunkLines(current.length ? current : ["_Nobody holds a role._"], "*Now*", 4).map((c) => section(c)),
    ...(past.length ? chunkLines(past, heading, 3).map((c) => section(c)) : []),
    ...(notes.length ? [context([notes.join("  ·  ")])] : []),
  ];
  return { text: `Roles of INC-${incidentNumber}`, blocks };
}
