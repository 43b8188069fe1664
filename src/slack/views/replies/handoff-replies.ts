// Answers to handoffs (started, briefed, accepted) and to attaching a rotation.
import { roleWords } from "../../../domain/handoff/role-words.ts";
import { escapeMrkdwn, mentionGroup, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../../domain/time/duration.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import type {
  BriefPosted,
  BriefUnchanged,
  HandoffAccepted,
  HandoffStarted,
  RotationAttached,
  RotationPreview,
} from "../../../services/results.ts";
import type { Reply } from "./reply.ts";

export function handoffStartedReply(r: HandoffStarted): Reply {
  const role = roleWords(r.workstream === null ? "commander" : "lead", r.workstream);
  const brief = r.holderId ? `${mentionUser(r.holderId)} writes the brief; ` : "";
  return {
    text: `:arrows_counterclockwise: Handoff of ${role} to ${mentionUser(r.toUserId)} started. ${brief}${mentionUser(r.toUserId)} accepts by ${formatUtc(new Date(r.acceptBy))}.`,
  };
}

export const briefPostedReply = (r: BriefPosted): Reply => ({
  text: `:white_check_mark: Handoff brief posted and sent to ${mentionUser(r.toUserId)}.`,
});

export const briefUnchangedReply = (_: BriefUnchanged): Reply => ({ text: "This brief was already posted." });

export function handoffAcceptedReply(r: HandoffAccepted): Reply {
  const who = r.acceptedById === r.toUserId ? "You hold" : `${mentionUser(r.toUserId)} holds`;
  const timing =
    r.latencyMs >= 0
      ? `${formatDuration(r.latencyMs)} after the ${r.atShiftChange ? "shift change" : "request"}`
      : `${formatDuration(-r.latencyMs)} before the shift change`;
  return {
    text: `:white_check_mark: ${who} ${roleWords(r.role, r.workstream)} of INC-${r.incidentNumber} now (accepted ${timing}).`,
  };
}

export function rotationAttachedReply(r: RotationAttached): Reply {
  const lines = [
    `:white_check_mark: ${r.workstream ? `Workstream \`${escapeMrkdwn(r.workstream)}\`` : "This incident"} follows rotation \`${r.rotation}\` now.`,
  ];
  if (r.duty?.tookRole) {
    lines.push(`${mentionUser(r.duty.userId)} (shift \`${r.duty.shift}\`) takes the role now.`);
  } else if (r.duty) {
    const kept = r.keptBy
      ? ` ${mentionUser(r.keptBy)} keeps the role; hand it over with \`/incident handoff\` if you want the shift to take it now.`
      : "";
    lines.push(
      `On duty now: ${mentionUser(r.duty.userId)} (shift \`${r.duty.shift}\`, until ${formatUtc(new Date(r.duty.until), true)}).${kept}`,
    );
  } else {
    lines.push("Nobody in this rotation is on duty right now.");
  }
  if (r.invited) lines.push(`Inviting ${r.invited} people and groups from the shift.`);
  if (r.groupsLeftOut?.length)
    lines.push(
      `This incident is private, so the shift's ${r.groupsLeftOut.map(mentionGroup).join(", ")} ${r.groupsLeftOut.length === 1 ? "was" : "were"} not invited; \`/incident invite\` brings in a group if it should be.`,
    );
  if (r.next) {
    lines.push(
      `Next handoff: ${formatUtc(new Date(r.next.at), true)} to ${mentionUser(r.next.toUserId)} (prompted at ${formatUtc(new Date(r.next.promptAt))}).`,
    );
  }
  return { text: lines.join("\n") };
}

/** A private incident: who attaching would add, and the two ways to go on. */
export function rotationPreviewReply(r: RotationPreview): Reply {
  const where = r.workstream ? ` --workstream ${escapeMrkdwn(r.workstream)}` : "";
  const command = `/incident rotation ${r.rotation}${where}`;
  const people = r.users.length ? r.users.map(mentionUser).join(", ") : "nobody by name";
  const lines = [
    `:lock: This incident is private. Attaching rotation \`${r.rotation}\` now would add ${people}${r.groups.length ? `, and the user group${r.groups.length === 1 ? "" : "s"} ${r.groups.map(mentionGroup).join(", ")}` : ""}. Nothing has changed yet.`,
    `\`${command} --confirm\` attaches it and adds the people named above${r.groups.length ? ` only; \`${command} --confirm --with-groups\` adds the groups too (commander or admin)` : ""}.`,
  ];
  return { text: lines.join("\n") };
}
