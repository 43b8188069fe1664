// `/incident shifts`: who is on now and next in each rotation, times in UTC and in the
// viewer's own time zone.
import { describeShift } from "../../../domain/rotation/describe-shift.ts";
import type { Team } from "../../../domain/rotation/duty.ts";
import { escapeMrkdwn, mentionGroup, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { formatInZone, formatUtc } from "../../../domain/time/format.ts";
import type { RotationOnDuty } from "../../../services/rotations/shifts-overview.ts";
import { type Block, context, divider, header, messageText, section } from "../blocks.ts";

export type ShiftsViewRotation = RotationOnDuty;

export const MAX_ROTATIONS_SHOWN = 10;

const member = (id: string) => (id.startsWith("S") ? mentionGroup(id) : mentionUser(id));

function when(date: Date, zone: string): string {
  const utc = formatUtc(date, true);
  return zone === "UTC" || zone === "Etc/UTC" ? utc : `${utc} (${formatInZone(date, zone, true)} your time)`;
}

function people(team: Team): string {
  const parts = [`commander ${team.commanders.map(mentionUser).join(", ") || "_none_"}`];
  if (team.deputies.length) parts.push(`deputies ${team.deputies.map(mentionUser).join(", ")}`);
  const leads = Object.entries(team.leads);
  if (leads.length)
    parts.push(`leads ${leads.map(([ws, id]) => `\`${escapeMrkdwn(ws)}\` ${mentionUser(id)}`).join(", ")}`);
  if (team.members.length) {
    const shown = team.members.slice(0, 10).map(member).join(", ");
    parts.push(`members ${shown}${team.members.length > 10 ? ` and ${team.members.length - 10} more` : ""}`);
  }
  return parts.join(" · ");
}

function teamLines(label: string, team: Team, zone: string, upcoming: boolean): string {
  if (!team.shifts.length) return `*${label}:* nobody — a gap in coverage`;
  const shifts = team.shifts
    .map((o) =>
      upcoming
        ? `\`${escapeMrkdwn(describeShift(o.shift))}\` from ${when(o.start, zone)}`
        : `\`${escapeMrkdwn(describeShift(o.shift))}\` until ${when(o.end, zone)}`,
    )
    .join("\n");
  return `*${label}:* ${shifts}\n${people(team)}`;
}

export function shiftsView(
  rotations: ShiftsViewRotation[],
  viewerZone: string,
): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  for (const [i, item] of rotations.slice(0, MAX_ROTATIONS_SHOWN).entries()) {
    if (i) blocks.push(divider());
    blocks.push(header(`Shifts · ${item.rotation.name}`));
    blocks.push(section(teamLines("On now", item.now, viewerZone, false)));
    blocks.push(section(teamLines("Next", item.next, viewerZone, true)));
    const notes = [
      item.attachedTo.length ? `Follows this rotation here: ${item.attachedTo.join(", ")}` : "",
      item.warnings
        ? `:warning: ${item.warnings} coverage warning(s) this week — \`/incident rotations\``
        : "",
    ].filter(Boolean);
    if (notes.length) blocks.push(context(notes));
  }
  if (rotations.length > MAX_ROTATIONS_SHOWN) {
    blocks.push(
      context([`…and ${rotations.length - MAX_ROTATIONS_SHOWN} more rotations: \`/incident shifts <name>\``]),
    );
  }
  return { text: messageText(`Shifts: ${rotations.map((r) => r.rotation.name).join(", ")}`), blocks };
}
