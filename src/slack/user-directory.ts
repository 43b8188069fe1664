// Names and time zones of Slack users, cached: topics, timeline views and postmortems show
// people by name and time in their zone without calling users.info every time.
import type { Gateway, SlackUser } from "./gateway.ts";

const TTL_MS = 60 * 60_000;

export interface UserDirectory {
  get(userId: string): Promise<SlackUser>;
  nameOf(userId: string): Promise<string>;
  /** Names of many users at once (for renders that need a synchronous lookup). */
  names(userIds: Iterable<string>): Promise<Map<string, string>>;
}

export function createUserDirectory(gateway: Gateway): UserDirectory {
  const cache = new Map<string, { user: Promise<SlackUser>; at: number }>();
  async function get(userId: string): Promise<SlackUser> {
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.user;
    const user = gateway
      .userInfo(userId)
      .catch(() => ({ id: userId, name: userId, tz: "UTC", isBot: false }));
    cache.set(userId, { user, at: Date.now() });
    return user;
  }
  return {
    get,
    nameOf: async (userId) => (await get(userId)).name,
    async names(userIds) {
      const ids = [...new Set(userIds)];
      const users = await Promise.all(ids.map(get));
      return new Map(users.map((u, i) => [ids[i] as string, u.name]));
    },
  };
}
