// Named monotonic counters. `value = value + 1` inside the caller's transaction keeps incident
// numbers unique and sequential across replicas.
import type { Tx } from "../client.ts";

export function countersRepository(db: Tx) {
  return {
    /** The counter's value, 0 before the first `next`. */
    async current(name: string): Promise<number> {
      return (await db.counter.findUnique({ where: { name } }))?.value ?? 0;
    },

    async next(name: string): Promise<number> {
      const counter = await db.counter.upsert({
        where: { name },
        create: { name, value: 1 },
        update: { value: { increment: 1 } },
      });
      return counter.value;
    },
  };
}

export type CountersRepository = ReturnType<typeof countersRepository>;
