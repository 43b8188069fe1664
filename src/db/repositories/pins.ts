// Who pinned which message to the timeline: a message's entry stays while anyone pins it.
import type { Tx } from "../client.ts";

export interface PinKey {
  channelId: string;
  messageTs: string;
  userId: string;
}

export function pinsRepository(db: Tx) {
  return {
    /** Records that `key.userId` pins the message; false when they already did. */
    async add(entryId: number, key: PinKey): Promise<boolean> {
      const existing = await db.timelinePin.findUnique({ where: { channelId_messageTs_userId: key } });
      if (existing) return false;
      await db.timelinePin.create({ data: { entryId, ...key } });
      return true;
    },

    /** How many people pin the entry now. */
    count: (entryId: number): Promise<number> => db.timelinePin.count({ where: { entryId } }),

    /** Takes one person's pin back; the entry it was on, and how many pins remain on it. */
    async remove(key: PinKey): Promise<{ entryId: number; remaining: number } | null> {
      const pin = await db.timelinePin.findUnique({ where: { channelId_messageTs_userId: key } });
      if (!pin) return null;
      await db.timelinePin.delete({ where: { id: pin.id } });
      const remaining = await db.timelinePin.count({ where: { entryId: pin.entryId } });
      return { entryId: pin.entryId, remaining };
    },
  };
}

export type PinsRepository = ReturnType<typeof pinsRepository>;
