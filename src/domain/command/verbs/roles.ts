import { badInput } from "../../errors.ts";
import { INCIDENT_ROLES, type IncidentRole, parseIncidentRole } from "../../incident/roles.ts";
import { pageOption, requireUser, userGroupHandleFrom, userGroupIdFrom, userIdFrom } from "../arguments.ts";
import { AT_OPTION, atOption } from "../at-option.ts";
import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

export const roleVerb = defineVerb<{ role: IncidentRole; userId: string; at: string | null }>({
  name: "role",
  aliases: ["assign"],
  syntax: `role <${INCIDENT_ROLES.join("|")}> @user [--at <time>]`,
  summary: "Gives someone a role; the previous holder's term ends (the history is kept).",
  group: "People and roles",
  needsIncident: true,
  arguments: { options: AT_OPTION, freeText: false },
  parse(parsed) {
    const [role, user, extra] = parsed.words;
    if (!role) throw badInput("Name the role and the person, e.g. `/incident role comms @alex`.");
    if (extra) throw badInput("Give one role and one person.");
    return {
      role: parseIncidentRole(role.value),
      userId: requireUser(user, "the person taking the role"),
      at: atOption(parsed),
    };
  },
});

export const rolesVerb = defineVerb<{ page: number }>({
  name: "roles",
  syntax: "roles [--page <n>]",
  summary: "Who holds which role, and since when; earlier terms newest first, a page at a time.",
  group: "People and roles",
  needsIncident: true,
  arguments: { options: { page: { value: true } }, freeText: false },
  parse(parsed) {
    if (parsed.words.length) throw badInput("`roles` takes only `--page <n>`.");
    return { page: pageOption(parsed.options.get("page"), "/incident roles --page 2") ?? 1 };
  },
});

export interface InviteArgs {
  userIds: string[];
  groupIds: string[];
  /** The handles the mentions carried, by group ID: the draft names groups by them. */
  groupHandles: Record<string, string>;
}

export const inviteVerb = defineVerb<InviteArgs>({
  name: "invite",
  aliases: ["add"],
  syntax: "invite @user… | @usergroup…",
  summary: "Invites people and user groups into the channel.",
  group: "People and roles",
  needsIncident: true,
  arguments: NO_ARGUMENTS,
  parse(parsed) {
    const userIds: string[] = [];
    const groupIds: string[] = [];
    const groupHandles: Record<string, string> = {};
    for (const word of parsed.words) {
      const user = userIdFrom(word.value);
      const group = userGroupIdFrom(word.value);
      if (user) userIds.push(user);
      else if (group) {
        groupIds.push(group);
        const handle = userGroupHandleFrom(word.value);
        if (handle) groupHandles[group] = handle;
      } else requireUser(word, "each person or user group");
    }
    if (!userIds.length && !groupIds.length)
      throw badInput("Name who to invite: `/incident invite @alex @sre-oncall`.");
    return { userIds: [...new Set(userIds)], groupIds: [...new Set(groupIds)], groupHandles };
  },
});
