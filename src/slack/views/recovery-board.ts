// The recovery board: which services are back, where, for live data and for the backfill.
// One message in the incident channel, updated in place. The counting lives in
// src/domain/incident/board-tally.ts (the status page counts the same way).

import {
  type BoardRow,
  boardRows,
  RECOVERED_STATES,
  recoveryTally,
  regionTally,
} from "../../domain/incident/board-tally.ts";
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import type { ServiceStatus } from "../../domain/incident/service-status.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { type Block, context, header, messageText, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";
import { LIMITS } from "./limits.ts";

export { type BoardRow, boardRows, RECOVERED_STATES, recoveryTally, regionTally };

const STATE_EMOJI: Record<string, string> = {
  outage: ":red_circle:",
  degraded: ":large_orange_circle:",
  recovering: ":large_blue_circle:",
  recovered: ":large_green_circle:",
  operational: ":large_green_circle:",
};

function state(status: ServiceStatus | undefined): string {
  if (!status) return "—";
  return `${STATE_EMOJI[status.state] ?? ""} ${status.state}`;
}

const FOOTER_HELP = "`/incident service <name> <state> [--region r] [--phase live|backfill]`";

function footer(view: IncidentView, extra = ""): string {
  const latest = view.services.reduce<Date | null>((m, s) => (!m || s.updatedAt > m ? s.updatedAt : m), null);
  return `${recoveryTally(view.services) || "No services tracked yet"}${latest ? ` · updated ${formatUtc(latest, true)}` : ""}${extra} · ${FOOTER_HELP}`;
}

function boardMessage(view: IncidentView, blocks: Block[]): { text: string; blocks: Block[] } {
  return {
    text: messageText(`Recovery board for INC-${view.incident.number}: ${recoveryTally(view.services)}`),
    blocks,
  };
}

/** What fits one message: Slack refuses blocks past ~13k characters of JSON (limits.ts). */
function fits(blocks: Block[]): boolean {
  return (
    blocks.length <= LIMITS.blocksPerMessage && JSON.stringify(blocks).length <= LIMITS.messageBlocksJson
  );
}

/**
 * The board: one line per service and region with both phases and the latest note, while that
 * fits one message; past that (an outage the size of 20 services in 5 regions) the compact
 * layout, one line per service with a cell per region, and the newest notes below it.
 */
export function recoveryBoard(view: IncidentView): { text: string; blocks: Block[] } {
  const rows = boardRows(view.services);
  const lines = rows.map((row) => {
    const where = row.region ? ` \`${escapeMrkdwn(row.region)}\`` : " _all regions_";
    // The note of whichever phase changed last (a finished backfill's note, not the old live one).
    const latest = [row.live, row.backfill]
      .filter((status): status is ServiceStatus => Boolean(status?.note))
      // On a tie the backfill's: it comes after live data is back.
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.phase === "backfill" ? -1 : 1))[0];
    const note = latest?.note;
    return `*${escapeMrkdwn(row.service)}*${where} — live: ${state(row.live)} · backfill: ${state(row.backfill)}${note ? ` — _${escapeMrkdwn(note)}_` : ""}`;
  });
  const detailed: Block[] = [
    header(`Recovery board · INC-${view.incident.number}`),
    ...chunkLines(lines, "", LIMITS.blocksPerMessage).map((chunk) => section(chunk)),
    context([footer(view)]),
  ];
  if (fits(detailed)) return boardMessage(view, detailed);
  return boardMessage(view, compactBoard(view, rows));
}

// ── The compact layout ─────────────────────────────────────────────────────

/** One character per state, so a cell is "region live backfill" in a few characters. */
const STATE_GLYPH: Record<string, string> = {
  outage: "🔴",
  degraded: "🟠",
  recovering: "🔵",
  recovered: "🟢",
  operational: "🟢",
};
const UNTRACKED = "⚪";
const NOTE_MAX = 120;

const glyph = (status: ServiceStatus | undefined) =>
  status ? (STATE_GLYPH[status.state] ?? "❔") : UNTRACKED;

function compactBoard(view: IncidentView, rows: BoardRow[]): Block[] {
  const byService = new Map<string, BoardRow[]>();
  for (const row of rows) byService.set(row.service, [...(byService.get(row.service) ?? []), row]);
  const serviceLines = [...byService].map(([service, cells]) => {
    const shown = cells
      .sort((a, b) => a.region.localeCompare(b.region))
      .map((c) => `\`${escapeMrkdwn(c.region || "all")}\` ${glyph(c.live)}${glyph(c.backfill)}`);
    return `*${escapeMrkdwn(service)}*  ${shown.join("  ")}`;
  });
  const legend = context([
    `Each region: live data, then backfill · 🔴 outage 🟠 degraded 🔵 recovering 🟢 recovered ${UNTRACKED} not tracked`,
  ]);
  const head = header(`Recovery board · INC-${view.incident.number}`);

  // Services first: they are what the board is for. Cut only when even they cannot fit, saying so.
  let shownServices = serviceLines.length;
  let serviceBlocks = chunkLines(serviceLines, "", 40).map((c) => section(c));
  while (shownServices > 0 && !fits([head, ...serviceBlocks, legend, context([footer(view)])])) {
    shownServices = Math.floor(shownServices * 0.9);
    serviceBlocks = chunkLines(serviceLines.slice(0, shownServices), "", 40).map((c) => section(c));
  }
  const hiddenServices = serviceLines.length - shownServices;
  const hiddenNote = hiddenServices
    ? ` · ${hiddenServices} more service${hiddenServices === 1 ? "" : "s"} not shown: \`/incident timeline\` has every change`
    : "";

  // Then the newest notes, as many as the rest of the message allows.
  const notes = view.services
    .filter((s) => s.note)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .map(
      (s) =>
        `• *${escapeMrkdwn(s.service)}* \`${escapeMrkdwn(s.region || "all")}\` ${s.phase === "backfill" ? "backfill" : "live"} ${formatUtc(s.updatedAt)}: _${escapeMrkdwn(truncate(s.note, NOTE_MAX))}_`,
    );
  const fixed = [head, ...serviceBlocks, legend];
  let shownNotes = notes.length;
  const build = (n: number) => {
    const hiddenNotes = notes.length - n;
    const extra = `${hiddenNote}${hiddenNotes ? ` · ${hiddenNotes} older note${hiddenNotes === 1 ? "" : "s"} not shown` : ""}`;
    const noteBlocks = n ? chunkLines(notes.slice(0, n), "*Latest notes*", 6).map((c) => section(c)) : [];
    return [...fixed, ...noteBlocks, context([footer(view, extra)])];
  };
  let blocks = build(shownNotes);
  while (shownNotes > 0 && !fits(blocks)) {
    shownNotes = Math.floor(shownNotes * 0.8);
    blocks = build(shownNotes);
  }
  return blocks;
}
