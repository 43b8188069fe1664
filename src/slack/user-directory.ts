// Names and time zones of Slack users, cached: topics, timeline views and postmortems show
// people by name and time in their zone without calling users.info every time.
import type { Gateway, SlackUser } from "./gateway.ts";

const TTL_MS = 60 * 60_000;
/** A failed users.info (rate limit, Slack down) shows the raw mention only briefly, then asks again. */
const FAILURE_TTL_MS = 30_000;

export interface UserDirectory {
  get(userId: string): Promise<SlackUser>;
  nameOf(userId: string): Promise<string>;
  /** Names of many users at once (for renders that need a synchronous lookup). */
  names(userIds: Iterable<string>): Promise<Map<string, string>>;
  /**
   * Members of a user group, remembered for a few minutes: one escalation or a burst of invites
   * naming the same group asks Slack once. A failed lookup is not remembered.
   */
  groupMembers(groupId: string): Promise<string[]>;
}

const GROUP_TTL_MS = 5 * 60_000;

export function createUserDirectory(gateway: Gateway): UserDirectory {
  const cache = new Map<string, { user: Promise<SlackUser>; expiresAt: number }>();
  async function get(userId: string): Promise<SlackUser> {
    const hit = cache.get(userId);
    if (hit && Date.now() < hit.expiresAt) return hit.user;
    const entry = {
      expiresAt: Date.now() + TTL_MS,
      user: gateway.userInfo(userId).catch((): SlackUser => {
        // Only successes are remembered for the hour; a failure is retried soon.
        entry.expiresAt = Date.now() + FAILURE_TTL_MS;
        return { id: userId, name: userId, tz: "UTC", isBot: false };
      }),
    };
    cache.set(userId, entry);
    return entry.user;
  }
  const groups = new Map<string, { members: Promise<string[]>; at: number }>();
  function groupMembers(groupId: string): Promise<string[]> {
    const hit = groups.get(groupId);
    if (hit && Date.now() - hit.at < GROUP_TTL_MS) return hit.members;
    const members = gateway.userGroupMembers(groupId);
    groups.set(groupId, { members, at: Date.now() });
    members.catch(() => groups.delete(groupId));
    return members;
  }
  return {
    groupMembers,
    get,
    nameOf: async (userId) => (await get(userId)).name,
    async names(userIds) {
      const ids = [...new Set(userIds)];
      const users = await Promise.all(ids.map(get));
      return new Map(users.map((u, i) => [ids[i] as string, u.name]));
    },
  };
}
