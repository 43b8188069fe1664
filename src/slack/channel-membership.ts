// Members of the channels the bot is in, remembered: `/incident list` and App Home decide which
// private incidents a person may see by their channel's members, and asking Slack once per
// private incident per view (134 conversations.members calls for one list and one App Home)
// is what rate limiting then punishes.
//
// An answer from conversations.members is kept for TTL_MS and kept current in between by what
// the bot hears: member_joined_channel / member_left_channel events and its own successful
// invites. The TTL bounds how stale another replica's copy can be (events reach one replica):
// someone removed from a private channel stops seeing its incident listed within TTL_MS on
// every replica, at once on the one that got the event. Only lists use this; a failure is never
// remembered, and is never read as "not a member" (see services/visibility.ts).

export const MEMBERSHIP_TTL_MS = 2 * 60_000;

export interface ChannelMembership {
  /** The channel's members, from the cache when fresh, else from Slack (one call in flight per channel). */
  members(channelId: string): Promise<string[]>;
  joined(channelId: string, userIds: readonly string[]): void;
  left(channelId: string, userId: string): void;
}

interface Entry {
  members: Set<string>;
  at: number;
}

export function createChannelMembership(
  fetchMembers: (channelId: string) => Promise<string[]>,
  now: () => number = Date.now,
): ChannelMembership {
  const known = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string[]>>();
  // A change heard while a read is in flight would be overwritten by the older answer: noted.
  const changedDuring = new Map<string, ((members: Set<string>) => void)[]>();

  function change(channelId: string, apply: (members: Set<string>) => void): void {
    const entry = known.get(channelId);
    if (entry) apply(entry.members);
    changedDuring.get(channelId)?.push(apply);
  }

  return {
    members(channelId) {
      const entry = known.get(channelId);
      if (entry && now() - entry.at < MEMBERSHIP_TTL_MS) return Promise.resolve([...entry.members]);
      const pending = inFlight.get(channelId);
      if (pending) return pending;
      changedDuring.set(channelId, []);
      const read = fetchMembers(channelId)
        .then((list) => {
          const members = new Set(list);
          for (const apply of changedDuring.get(channelId) ?? []) apply(members);
          known.set(channelId, { members, at: now() });
          return [...members];
        })
        .finally(() => {
          inFlight.delete(channelId);
          changedDuring.delete(channelId);
        });
      inFlight.set(channelId, read);
      return read;
    },
    joined(channelId, userIds) {
      change(channelId, (members) => {
        for (const id of userIds) members.add(id);
      });
    },
    left(channelId, userId) {
      change(channelId, (members) => members.delete(userId));
    },
  };
}

/** The gateway, with every successful invite the bot makes noted in `membership`. */
export function notingInvites<
  G extends { invite(channel: string, users: string[]): Promise<{ refused: string[] }> },
>(gateway: G, membership: ChannelMembership): G {
  return {
    ...gateway,
    async invite(channel: string, users: string[]) {
      const answer = await gateway.invite(channel, users);
      const refused = new Set(answer.refused);
      membership.joined(
        channel,
        users.filter((u) => !refused.has(u)),
      );
      return answer;
    },
  };
}
