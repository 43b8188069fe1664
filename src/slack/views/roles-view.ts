// `/incident roles`: who holds which role now, and who held it before.
import { ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import type { RoleHolding } from "../../services/incident-overviews.ts";
import { type Block, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";

function title(holding: RoleHolding): string {
  const role = ROLE_TITLES[holding.role as Role] ?? holding.role;
  return `${role}${holding.workstream !== null ? ` \`${escapeMrkdwn(holding.workstream)}\`` : ""}`;
}

export function rolesView(
  incidentNumber: number,
  holdings: RoleHolding[],
): { text: string; blocks: Block[] } {
  const current = holdings
    .filter((h) => !h.endedAt)
    .map((h) => `• *${title(h)}:* ${mentionUser(h.userId)} since ${formatUtc(h.startedAt, true)}`);
  const past = holdings.flatMap((h) =>
    h.endedAt
      ? [
          `• ${title(h)}: ${mentionUser(h.userId)} ${formatUtc(h.startedAt, true)} → ${formatUtc(h.endedAt, true)}`,
        ]
      : [],
  );
  const blocks = [
    header(`Roles · INC-${incidentNumber}`),
    ...chunkLines(current, "*Now*", 2).map((c) => section(c)),
    ...(past.length ? chunkLines(past, "*Before*", 3).map((c) => section(c)) : []),
  ];
  return { text: `Roles of INC-${incidentNumber}`, blocks };
}
