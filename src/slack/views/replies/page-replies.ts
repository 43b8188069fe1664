// What the person who paged someone sees.
import { escapeMrkdwn, mentionUser } from "../../../domain/text/mrkdwn.ts";
import type { PageSent } from "../../../services/results.ts";
import type { Reply } from "./reply.ts";

export const pageSentReply = (r: PageSent): Reply => {
  const who = r.targetKind === "team" ? `team \`${escapeMrkdwn(r.targetId)}\`` : mentionUser(r.targetId);
  const through = r.pagers.length ? ` through ${r.pagers.join(", ")}` : "";
  return {
    text: `:pager: Paging ${who}${through} for INC-${r.incidentNumber}. The channel's *Pages* message shows when it is acknowledged (key \`${escapeMrkdwn(r.dedupKey)}\`).`,
  };
};
