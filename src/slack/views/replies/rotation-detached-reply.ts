// The answer to `/incident rotation detach`.
import { escapeMrkdwn } from "../../../domain/text/mrkdwn.ts";
import type { RotationDetached } from "../../../services/rotations/detach-rotation.ts";
import type { Reply } from "./reply.ts";

export const rotationDetachedReply = (r: RotationDetached): Reply => ({
  text: `:white_check_mark: ${r.workstream ? `Workstream \`${escapeMrkdwn(r.workstream)}\`` : "The incident"} no longer follows rotation \`${escapeMrkdwn(r.rotation)}\`: shift changes stop prompting handoffs here. Whoever holds the role keeps it. Recorded in the timeline; \`/incident rotation ${escapeMrkdwn(r.rotation)}\` attaches it again.`,
});
