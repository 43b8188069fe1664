// Which channels are incident (or workstream) channels, remembered per replica so a `message`
// event does not cost two database lookups (incidents.byChannel, then workstreams.byChannel)
// each time someone talks in #general.
//
// A channel found to be an incident's is remembered for good (it stays one). A channel found
// not to be one is remembered only for NOT_INCIDENT_TTL_MS, because it may become one: only the
// channel.create delivery makes a channel an incident's, and it may run on another replica than
// the one that hears the messages, so telling this replica would not be enough; the short TTL
// bounds what could be missed on every replica alike. In practice the window is empty: the
// bot creates the channel and stores it before anyone is invited, so no person's message can be
// heard (and a "no" remembered) before it is an incident channel; the TTL covers the rest
// (a restore, a channel adopted after a crash).
//
// Both memories are bounded: at most `max` channels each, the oldest dropped first.

/** How long "not an incident channel" is believed (milliseconds). */
export const NOT_INCIDENT_TTL_MS = 30_000;
/** At most this many channels remembered either way (a replica's lifetime's worth). */
export const REMEMBERED_CHANNELS = 5000;

export interface IncidentChannelMemory {
  isIncidentChannel(channelId: string): Promise<boolean>;
}

export function createIncidentChannelMemory(options: {
  /** Asks the database: is this an incident's or a workstream's channel? */
  lookup: (channelId: string) => Promise<boolean>;
  /** The one clock (deps.clock.now). */
  now: () => Date;
  ttlMs?: number;
  max?: number;
}): IncidentChannelMemory {
  const { lookup, now, ttlMs = NOT_INCIDENT_TTL_MS, max = REMEMBERED_CHANNELS } = options;
  const incidentChannels = new Set<string>();
  // Map iteration order is insertion order: the first key is the oldest entry.
  const notIncidentUntil = new Map<string, number>();

  function remember<K>(memory: Set<K> | Map<K, number>, key: K, value?: number): void {
    memory.delete(key);
    while (memory.size >= max) {
      const oldest = memory.keys().next().value;
      if (oldest === undefined) break;
      memory.delete(oldest);
    }
    if (memory instanceof Set) memory.add(key);
    else memory.set(key, value ?? 0);
  }

  return {
    async isIncidentChannel(channelId) {
      if (incidentChannels.has(channelId)) return true;
      const until = notIncidentUntil.get(channelId);
      const at = now().getTime();
      if (until !== undefined && at < until) return false;
      const found = await lookup(channelId);
      if (found) {
        notIncidentUntil.delete(channelId);
        remember(incidentChannels, channelId);
      } else {
        remember(notIncidentUntil, channelId, at + ttlMs);
      }
      return found;
    },
  };
}
