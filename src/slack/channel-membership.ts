// Members of the channels the bot is in, remembered: `/incident list` and App Home decide which
// private incidents a person may see by their channel's members, and asking Slack once per
// private incident per view (134 conversations.members calls for one list and one App Home)
// is what rate limiting then punishes.
//
// An answer from conversations.members is kept for TTL_MS and kept current in between by what
// the bot hears: member_joined_channel / member_left_channel events and its own successful
// invites. The TTL bounds how stale another replica's copy can be (events reach one replica):
// someone removed from a private channel stops seeing its incident listed within TTL_MS on
// every replica, at once on the one that got the event. A failure is never remembered, and is
// never read as "not a member" (see services/visibility.ts).
//
// A channel the bot has just created needs no read: its only member is the bot, so its copy
// starts there. The invite delivery asks `known` (never Slack) to leave out a call whose people
// are all members already: a copy older than the TTL answers nothing, so a stale copy never
// costs someone who left and is invited again their invite.

export const MEMBERSHIP_TTL_MS = 2 * 60_000;

export interface ChannelMembership {
  /** The channel's members, from the cache when fresh, else from Slack (one call in flight per channel). */
  members(channelId: string): Promise<string[]>;
  /**
   * The channel's members from Slack now, never from the copy nor from a read that started
   * earlier (a "no" that decides something); the copy starts again from the answer.
   */
  refresh(channelId: string): Promise<string[]>;
  /** The channel's members when the copy is fresh and no read is under way, without asking Slack. */
  known(channelId: string): ReadonlySet<string> | undefined;
  /** A channel the bot just created: its members are known without asking. */
  created(channelId: string, members: readonly string[]): void;
  joined(channelId: string, userIds: readonly string[]): void;
  left(channelId: string, userId: string): void;
}

interface Entry {
  members: Set<string>;
  at: number;
  /** Which read (in the order they started) this copy comes from: an older answer never replaces it. */
  read: number;
}

type Change = (members: Set<string>) => void;

export function createChannelMembership(
  fetchMembers: (channelId: string) => Promise<string[]>,
  now: () => number = Date.now,
): ChannelMembership {
  const known = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string[]>>();
  // A change heard while a read is under way would be overwritten by its older answer: each
  // read under way notes the changes heard meanwhile, and applies them to its answer.
  const underWay = new Map<string, Set<Change[]>>();
  let reads = 0;

  function change(channelId: string, apply: Change): void {
    const entry = known.get(channelId);
    if (entry) apply(entry.members);
    for (const heard of underWay.get(channelId) ?? []) heard.push(apply);
  }

  function fresh(channelId: string): Entry | undefined {
    const entry = known.get(channelId);
    return entry && now() - entry.at < MEMBERSHIP_TTL_MS ? entry : undefined;
  }

  function read(channelId: string): Promise<string[]> {
    const number = ++reads;
    const heard: Change[] = [];
    let listening = underWay.get(channelId);
    if (!listening) {
      listening = new Set();
      underWay.set(channelId, listening);
    }
    listening.add(heard);
    return fetchMembers(channelId)
      .then((list) => {
        const members = new Set(list);
        for (const apply of heard) apply(members);
        const current = known.get(channelId);
        if (!current || current.read < number) known.set(channelId, { members, at: now(), read: number });
        return [...members];
      })
      .finally(() => {
        listening.delete(heard);
        if (listening.size === 0 && underWay.get(channelId) === listening) underWay.delete(channelId);
      });
  }

  return {
    members(channelId) {
      const entry = fresh(channelId);
      if (entry) return Promise.resolve([...entry.members]);
      const pending = inFlight.get(channelId);
      if (pending) return pending;
      const reading = read(channelId).finally(() => inFlight.delete(channelId));
      inFlight.set(channelId, reading);
      return reading;
    },
    refresh(channelId) {
      return read(channelId);
    },
    known(channelId) {
      // A read under way may answer differently (someone left since the copy was made).
      if (underWay.has(channelId)) return undefined;
      const entry = fresh(channelId);
      return entry ? new Set(entry.members) : undefined;
    },
    created(channelId, members) {
      known.set(channelId, { members: new Set(members), at: now(), read: ++reads });
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

interface MembershipChanging {
  invite(channel: string, users: string[]): Promise<{ refused: string[] }>;
  createChannel(name: string, isPrivate: boolean): Promise<{ id: string; name: string; creator?: string }>;
}

/** The gateway, with every channel the bot creates and every successful invite noted in `membership`. */
export function notingInvites<G extends MembershipChanging>(gateway: G, membership: ChannelMembership): G {
  return {
    ...gateway,
    async createChannel(name: string, isPrivate: boolean) {
      const channel = await gateway.createChannel(name, isPrivate);
      if (channel.id) membership.created(channel.id, channel.creator ? [channel.creator] : []);
      return channel;
    },
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
