// `/incident page <@user|@group|team> [reason]`: wakes someone outside Slack (PagerDuty,
// Opsgenie, the paging webhook) for this incident.
import { badInput } from "../../errors.ts";
import { escapeMrkdwn } from "../../text/mrkdwn.ts";
import { userGroupIdFrom, userIdFrom } from "../arguments.ts";
import { defineVerb } from "../verb.ts";

export type PageWho =
  | { kind: "person"; userId: string }
  | { kind: "group"; groupId: string }
  | { kind: "team"; name: string };

export const PAGE_REASON_MAX = 300;

export const pageVerb = defineVerb<{ who: PageWho; reason: string }>({
  name: "page",
  aliases: [],
  syntax: "page <@person|@group|team> [reason]",
  summary: "Pages a person or an on-call team through PagerDuty, Opsgenie or the paging webhook.",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: {}, freeText: true },
  parse(parsed) {
    const first = parsed.words[0];
    if (!first)
      throw badInput(
        "Say who to page, e.g. `/incident page @dana database replica lag` or `/incident page database`.",
      );
    const reason = parsed.textFrom(1);
    if (reason.length > PAGE_REASON_MAX)
      throw badInput(`Keep the reason under ${PAGE_REASON_MAX} characters: it is read on a phone.`);
    const userId = userIdFrom(first.value);
    if (userId) return { who: { kind: "person", userId }, reason };
    const groupId = userGroupIdFrom(first.value);
    if (groupId) return { who: { kind: "group", groupId }, reason };
    const name = first.value.replace(/^@/, "");
    if (!/^[a-z0-9][a-z0-9_.-]{0,79}$/i.test(name))
      throw badInput(
        `\`${escapeMrkdwn(first.value.slice(0, 60))}\` is not someone I can page: mention a person or user group with @, or name a pager team.`,
      );
    return { who: { kind: "team", name: name.toLowerCase() }, reason };
  },
});
