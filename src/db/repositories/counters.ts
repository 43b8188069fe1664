// Named monotonic counters. `value = value + 1` inside the caller's transaction keeps incident
// numbers unique and sequential across replicas.
import { Prisma, type Tx } from "../client.ts";
import { plainRows } from "../plain-statements.ts";

export function countersRepository(db: Tx) {
  return {
    /**
     * The counter's value, 0 before the first `next`. Plain SQL: two scheduler jobs ask at every
     * tick whether another replica reloaded the rotations (about 1 ms of the event loop each as
     * a model query).
     */
    async current(name: string): Promise<number> {
      const [row] = await plainRows<{ value: number | bigint }>(
        db,
        Prisma.sql`SELECT "value" FROM "Counter" WHERE "name" = ${name}`,
      );
      return row ? Number(row.value) : 0;
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
