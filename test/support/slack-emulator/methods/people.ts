// Identity and people: auth.test, users.*, usergroups.users.list.
import { str } from "../args.ts";
import { fail } from "../errors.ts";
import { userJson } from "../serialize.ts";
import type { Args } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { knownUser, type MethodTable } from "./access.ts";

function authTest(ws: Workspace) {
  const { teamDomain, teamName, teamId, botName, botUserId, botId } = ws.identity;
  return {
    url: `https://${teamDomain}.slack.com/`,
    team: teamName,
    user: botName,
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  };
}

function usersInfo(ws: Workspace, args: Args) {
  return { user: userJson(ws, knownUser(ws, str(args, "user"))) };
}

function lookupByEmail(ws: Workspace, args: Args) {
  const email = (str(args, "email") ?? "").toLowerCase();
  for (const user of ws.users.values()) {
    if (user.email?.toLowerCase() === email) return { user: userJson(ws, user) };
  }
  fail("users_not_found");
}

function usergroupUsers(ws: Workspace, args: Args) {
  const group = ws.userGroups.get(str(args, "usergroup") ?? "");
  if (!group) fail("no_such_subteam");
  return { users: [...group.users] };
}

export const peopleMethods: MethodTable = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "users.lookupByEmail": lookupByEmail,
  "usergroups.users.list": usergroupUsers,
};
