// `/incident rotations` (the list, with this week's coverage warnings), its reload answer, and
// `/incident shifts` with its hint.
import { describeShift, describeTimings } from "../../domain/rotation/describe-shift.ts";
import { escapeMrkdwn, mentionGroup, mentionUser } from "../../domain/text/mrkdwn.ts";
import type { RotationsList, RotationsReload } from "../../services/rotations/rotation-queries.ts";
import type { ShiftsOverview } from "../../services/rotations/shifts-overview.ts";
import { type Block, context, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";
import { shiftsView } from "./handoffs/shifts-view.ts";
import type { Reply } from "./replies/reply.ts";

function problemList(title: string, problems: readonly string[]): Block[] {
  const lines = problems.map((p) => `• \`${escapeMrkdwn(p).replace(/`/g, "'")}\``);
  return chunkLines(lines, title, 8).map((chunk) => section(chunk));
}

export function rotationsListView(list: RotationsList): Reply {
  if (!list.rotations.length) {
    return {
      text: list.configured
        ? "The rotations file lists no rotations."
        : "No rotations are configured: set ROTATIONS_FILE (see README, Rotations and handoffs).",
    };
  }
  const lines = list.rotations.map((r) => {
    const contact = r.escalateTo.startsWith("S") ? mentionGroup(r.escalateTo) : mentionUser(r.escalateTo);
    return `• *\`${r.name}\`* — ${r.shifts.map((s) => `\`${escapeMrkdwn(describeShift(s))}\``).join(", ")}\n   ${describeTimings(r)} · escalates to ${contact}`;
  });
  return {
    text: `${list.rotations.length} rotations`,
    blocks: [
      header("Rotations"),
      ...chunkLines(lines, "", 4).map((chunk) => section(chunk)),
      ...(list.warnings.length ? problemList("*Coverage warnings this week*", list.warnings) : []),
      context([
        "`/incident rotation <name>` attaches one here · `/incident shifts` shows who is on · `/incident rotations reload` re-reads the file (admins)",
      ]),
    ],
  };
}

export function rotationsReloadView(reload: RotationsReload): Reply {
  if (reload.kind === "rotations_reload_refused") {
    const count = reload.problems.length;
    return {
      text: `:x: The rotations file has ${count} problem(s); nothing changed — the ${reload.kept} rotations already loaded stay in use.`,
      blocks: [
        section(
          `:x: *The rotations file has ${count} problem(s); nothing changed.* The ${reload.kept} rotations already loaded stay in use.`,
        ),
        ...problemList("*Problems*", reload.problems),
      ],
    };
  }
  return {
    text: `:white_check_mark: Reloaded ${reload.rotations.length} rotations.`,
    blocks: [
      section(
        `:white_check_mark: Reloaded ${reload.rotations.length} rotation(s): ${reload.rotations.map((n) => `\`${n}\``).join(", ")}. Every replica picks the new file up at its next scheduler tick.`,
      ),
      ...(reload.warnings.length ? problemList("*Coverage warnings this week*", reload.warnings) : []),
    ],
  };
}

export function shiftsReply(overview: ShiftsOverview & { viewerZone: string }): Reply {
  if (!overview.rotations.length) return { text: `:information_source: ${overview.hint ?? "No rotations."}` };
  const view = shiftsView(overview.rotations, overview.viewerZone);
  const blocks: Block[] = overview.hint
    ? [section(`:information_source: ${overview.hint}`), ...view.blocks]
    : view.blocks;
  return { text: view.text, blocks: blocks.slice(0, 50) };
}
