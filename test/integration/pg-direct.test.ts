// The hot-path statements that go straight to PostgreSQL inside a transaction
// (src/db/pg-direct.ts) must behave exactly like the same SQL sent through Prisma: in the same
// transaction (same connection, committed with it), values stored and read the same way, and
// conflicts reported the same way. What both stores promise (rolled back with the transaction,
// a duplicate key as Prisma reports it, never sent to the connection once the transaction is
// over) is tested for both in direct-statements.test.ts.
import net from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Database, openDatabase, Prisma, type Tx } from "../../src/db/client.ts";
import { executeLater, executeRaw, queryRawPlain, queryRawRows } from "../../src/db/direct.ts";
import { drawId, isBoundToPostgres, putOffCount } from "../../src/db/pg-direct.ts";
import { pgStatementsSentDirect } from "../../src/db/pg-statements.ts";
import { incidentsRepository } from "../../src/db/repositories/incidents.ts";
import { isConflict } from "../../src/db/repositories/store.ts";
import { timelineRepository } from "../../src/db/repositories/timeline.ts";
import { transact } from "../../src/db/transaction.ts";
import { isTransientDatabaseError } from "../../src/db/transient-errors.ts";
import { testedProviders } from "../support/databases.ts";
import { deferred } from "../support/deferred.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const AT = new Date("2026-03-08T06:00:00.123Z");
const incidentData = (number: number, title: string) => bareIncidentRow(number, title, AT);
const insert = (key: string, at = AT) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${at}, ${JSON.stringify({ n: 1 })})`;

describe.each(testedProviders().filter((p) => p === "postgresql"))(
  "%s statements sent straight to the connection",
  () => {
    const deps = useTestDeps("postgresql");

    it("runs in the transaction Prisma opened, on its connection", async () => {
      const [viaPrisma, direct, bound] = await transact(deps().database, async (tx) => {
        const a = await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`;
        const b = await queryRawPlain<{ id: string }>(tx, Prisma.sql`SELECT txid_current()::text AS id`);
        return [a[0]?.id, b[0]?.id, isBoundToPostgres(tx)];
      });
      expect(bound).toBe(true);
      expect(direct).toBe(viaPrisma);
    });

    it("binds each of several transactions at once to its own connection", async () => {
      const ids = await Promise.all(
        Array.from({ length: 6 }, () =>
          transact(deps().database, async (tx) => {
            const a = await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`;
            const b = await queryRawPlain<{ id: string }>(tx, Prisma.sql`SELECT txid_current()::text AS id`);
            return { prisma: a[0]?.id, direct: b[0]?.id };
          }),
        ),
      );
      for (const { prisma, direct } of ids) expect(direct).toBe(prisma);
      expect(new Set(ids.map((i) => i.direct)).size).toBe(6);
    });

    it("stores instants as Prisma does and commits with the transaction", async () => {
      const late = new Date("2026-03-08T23:59:59Z");
      await transact(deps().database, async (tx) => {
        expect(await executeRaw(tx, insert("direct", late))).toBe(1);
        await tx.$executeRaw(insert("through-prisma", late));
      });
      const stored = await deps().database.db.processedRequest.findMany({
        where: { key: { in: ["direct", "through-prisma"] } },
        orderBy: { key: "asc" },
      });
      expect(stored.map((r) => r.receivedAt)).toEqual([late, late]);
      expect(stored.map((r) => r.response)).toEqual([{ n: 1 }, { n: 1 }]);
    });

    it("reads rows as Prisma's raw queries do (instants as Dates, JSON parsed, bigints)", async () => {
      const select = Prisma.sql`SELECT "key", "receivedAt", "response", count(*) OVER () AS total
      FROM "ProcessedRequest" WHERE "key" = ${"direct"}`;
      const [direct, viaPrisma] = await transact(deps().database, async (tx) => [
        await queryRawRows(tx, select),
        await tx.$queryRaw(select),
      ]);
      expect(direct).toEqual(viaPrisma);
    });

    it("reports a lost lock race as transient, as Prisma does", async () => {
      // 55P03: lock not available (NOWAIT) — a PostgreSQL error the adapter reports by SQLSTATE.
      const taken = deferred();
      const released = deferred();
      const holder = transact(deps().database, async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "ProcessedRequest" WHERE "key" = ${"direct"} FOR UPDATE`;
        taken.resolve();
        await released.promise;
      });
      await taken.promise;
      const lost = await transact(deps().database, (tx) =>
        executeRaw(
          tx,
          Prisma.sql`SELECT 1 FROM "ProcessedRequest" WHERE "key" = ${"direct"} FOR UPDATE NOWAIT`,
        ),
      ).catch((e) => e);
      released.resolve();
      await holder;
      expect(lost).toBeInstanceOf(Error);
      expect(isTransientDatabaseError(lost)).toBe(true);
    });

    describe("writes put off to go with the next statement", () => {
      const count = (key: string) => deps().database.db.processedRequest.count({ where: { key } });
      const later = (tx: Tx, key: string) => executeLater(tx, "ProcessedRequest", insert(key));

      it("go with the next statement that names none of their tables, and commit with it", async () => {
        await transact(deps().database, async (tx) => {
          await later(tx, "carried");
          expect(putOffCount(tx)).toBe(1);
          await queryRawPlain(tx, Prisma.sql`SELECT txid_current()`);
          expect(putOffCount(tx)).toBe(0);
        });
        expect(await count("carried")).toBe(1);
      });

      it("are seen by a later statement that names their table, direct or through Prisma", async () => {
        await transact(deps().database, async (tx) => {
          await later(tx, "seen-direct");
          const direct = await queryRawRows(
            tx,
            Prisma.sql`SELECT "key" FROM "ProcessedRequest" WHERE "key" = ${"seen-direct"}`,
          );
          expect(direct).toEqual([{ key: "seen-direct" }]);
          await later(tx, "seen-by-prisma");
          expect(await tx.processedRequest.count({ where: { key: "seen-by-prisma" } })).toBe(1);
        });
      });

      it("keep their order: a second write to the same table sends the first before it", async () => {
        await transact(deps().database, async (tx) => {
          await later(tx, "first");
          await later(tx, "second");
          // The second names the first's table: the first is written now (its answer awaited
          // with the next statement's), the second is put off behind it.
          expect(putOffCount(tx)).toBe(1);
          const keys = await tx.$queryRaw<{ key: string }[]>`
            SELECT "key" FROM "ProcessedRequest" WHERE "key" IN ('first', 'second') ORDER BY "key"`;
          expect(keys.map((k) => k.key)).toEqual(["first", "second"]);
        });
        expect((await count("first")) + (await count("second"))).toBe(2);
      });

      it("are sent when the work ends, and their failure is the work's (everything rolls back)", async () => {
        await transact(deps().database, async (tx) => {
          await later(tx, "at-the-end");
        });
        expect(await count("at-the-end")).toBe(1);

        const failed = await transact(deps().database, async (tx) => {
          await executeRaw(tx, insert("beside-a-duplicate"));
          await later(tx, "at-the-end");
        }).catch((e) => e);
        expect(isConflict(failed, "key")).toBe(true);
        expect(await count("beside-a-duplicate")).toBe(0);
      });

      it("give their connection back when they fail with the COMMIT, and report their own error", async () => {
        // One connection: had the failed commit kept it, the next transaction would wait forever.
        const single = await openDatabase(deps().config.databaseUrl, { poolSize: 1 });
        try {
          for (let attempt = 0; attempt < 3; attempt++) {
            const failed = await transact(single, async (tx) => {
              await executeRaw(tx, insert(`committed-with-a-duplicate-${attempt}`));
              await later(tx, "at-the-end");
            }).catch((e) => e);
            expect(isConflict(failed, "key")).toBe(true);
          }
          // Failing before a later statement of the work: that statement reports the write's
          // error, not PostgreSQL's "current transaction is aborted" that followed from it.
          const midway = await transact(single, async (tx) => {
            await later(tx, "at-the-end");
            await later(tx, "after-the-duplicate"); // writes the first now, unawaited
            await tx.processedRequest.count();
          }).catch((e) => e);
          expect(isConflict(midway, "key"), String(midway)).toBe(true);
          expect(
            await transact(single, (tx) => tx.processedRequest.count({ where: { key: "at-the-end" } })),
          ).toBe(1);
          expect(await count("after-the-duplicate")).toBe(0);
          expect(await count("committed-with-a-duplicate-0")).toBe(0);
        } finally {
          await single.close();
        }
      });

      /**
       * Runs `work` on a one-connection pool (where a connection not given back makes the next
       * transaction wait forever) with `table`, whose unique id (`constraint`) is checked only
       * at COMMIT.
       */
      const onOneConnectionWithDeferredUnique = async (
        table: string,
        constraint: string,
        work: (single: Database) => Promise<void>,
      ) => {
        const single = await openDatabase(deps().config.databaseUrl, { poolSize: 1 });
        await single.db.$executeRawUnsafe(
          `CREATE TABLE "${table}" ("id" int, CONSTRAINT "${constraint}" UNIQUE ("id") DEFERRABLE INITIALLY DEFERRED)`,
        );
        try {
          await work(single);
        } finally {
          await single.db.$executeRawUnsafe(`DROP TABLE "${table}"`);
          await single.close();
        }
      };

      it("give the connection back when the COMMIT itself fails (a deferred constraint)", () =>
        onOneConnectionWithDeferredUnique("DeferredCheck", "deferred_unique", async (single) => {
          for (let attempt = 0; attempt < 3; attempt++) {
            const failed = await transact(single, async (tx) => {
              await executeRaw(tx, Prisma.sql`INSERT INTO "DeferredCheck" ("id") VALUES (1), (1)`);
            }).catch((e) => e);
            // Checked at COMMIT, which fails; on a one-connection pool the next attempt would
            // wait forever had the connection not come back.
            expect(String(failed)).toMatch(/UniqueConstraintViolation/);
          }
          expect(
            await transact(single, (tx) => tx.$queryRaw`SELECT count(*)::int AS n FROM "DeferredCheck"`),
          ).toEqual([{ n: 0 }]);
        }));

      it("give the connection back when the COMMIT of a transaction opened straight through Prisma fails", () =>
        // The outbox's lane and settle transactions call $transaction themselves (not transact).
        onOneConnectionWithDeferredUnique("DeferredCheckPlain", "deferred_unique_plain", async (single) => {
          for (let attempt = 0; attempt < 3; attempt++) {
            const failed = await single.db
              .$transaction(async (tx) => {
                await tx.$executeRaw`INSERT INTO "DeferredCheckPlain" ("id") VALUES (1), (1)`;
              })
              .catch((e) => e);
            // On a one-connection pool the next attempt would wait forever had it not come back.
            expect(String(failed)).toMatch(/deferred_unique_plain|UniqueConstraintViolation|23505/);
          }
          expect(
            await single.db.$transaction(
              (tx) => tx.$queryRaw`SELECT count(*)::int AS n FROM "DeferredCheckPlain"`,
            ),
          ).toEqual([{ n: 0 }]);
        }));

      it("go with the COMMIT at the end of the work, written before the first is answered", async () => {
        // Counts, per connection, the statements written and not answered yet when COMMIT is
        // written. Patched before the connection exists: the held BEGIN binds query on connect.
        const unansweredAtCommit: number[] = [];
        const due = new WeakMap<object, number>();
        const query = pg.Client.prototype.query;
        const counting = function (this: pg.Client, ...args: unknown[]) {
          const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | null)?.text;
          if (/^\s*COMMIT/i.test(text ?? "")) unansweredAtCommit.push(due.get(this) ?? 0);
          const result = (query as (...a: unknown[]) => unknown).apply(this, args);
          if (result instanceof Promise) {
            due.set(this, (due.get(this) ?? 0) + 1);
            result.then(
              () => due.set(this, (due.get(this) ?? 1) - 1),
              () => due.set(this, (due.get(this) ?? 1) - 1),
            );
          }
          return result;
        };
        pg.Client.prototype.query = counting as typeof query;
        try {
          const single = await openDatabase(deps().config.databaseUrl, { poolSize: 1 });
          try {
            await transact(single, async (tx) => {
              await queryRawPlain(tx, Prisma.sql`SELECT txid_current()`); // BEGIN answered with it
              await later(tx, "with-the-commit");
            });
          } finally {
            await single.close();
          }
        } finally {
          pg.Client.prototype.query = query;
        }
        expect(unansweredAtCommit).toEqual([1]);
        expect(await count("with-the-commit")).toBe(1);
      });

      it("go out in one socket write with the COMMIT when sent in one turn of the event loop", async () => {
        // Socket writes (system calls) to PostgreSQL once the transaction's first statement is
        // answered: three put-off writes, each sent when the next one names its table, then the
        // COMMIT, as a group of changes sends them (src/db/pg-socket-cork.ts).
        const socket = net.Socket.prototype as unknown as Record<
          "_write" | "_writev",
          (...a: unknown[]) => unknown
        >;
        const { _write: write, _writev: writev } = socket;
        const port = Number(new URL(deps().config.databaseUrl).port || 5432);
        let counting = false;
        let writes = 0;
        const counted = (original: (...a: unknown[]) => unknown) =>
          function (this: net.Socket, ...args: unknown[]) {
            if (counting && this.remotePort === port) writes++;
            return original.apply(this, args);
          };
        socket._write = counted(write);
        socket._writev = counted(writev);
        try {
          const single = await openDatabase(deps().config.databaseUrl, { poolSize: 1 });
          try {
            await transact(single, async (tx) => {
              await queryRawPlain(tx, Prisma.sql`SELECT txid_current()`);
              counting = true;
              for (const key of ["one-write-a", "one-write-b", "one-write-c"]) await later(tx, key);
              expect(putOffCount(tx)).toBe(1);
            });
          } finally {
            counting = false;
            await single.close();
          }
        } finally {
          socket._write = write;
          socket._writev = writev;
        }
        expect(writes).toBe(1);
        for (const key of ["one-write-a", "one-write-b", "one-write-c"]) expect(await count(key)).toBe(1);
      });

      it("are dropped when the work fails", async () => {
        await expect(
          transact(deps().database, async (tx) => {
            await later(tx, "dropped");
            throw new Error("the change failed");
          }),
        ).rejects.toThrow("the change failed");
        expect(await count("dropped")).toBe(0);
      });
    });

    it("reads a lock from the put-off UPDATE of the same row, in the statement carrying the writes", async () => {
      const { db } = deps().database;
      const incident = await db.incident.create({ data: incidentData(7, "Locked from the update") });
      const later = new Date("2026-03-08T07:00:00.000Z");
      await transact(deps().database, async (tx) => {
        const incidents = incidentsRepository(tx, "postgresql");
        // No lock held yet: the UPDATE takes it, and the lock is read from its RETURNING.
        await incidents.countUpdate(incident.id, later);
        await executeLater(tx, "ProcessedRequest", insert("beside-the-count"));
        expect(putOffCount(tx)).toBe(2);
        const before = pgStatementsSentDirect();
        const locked = await incidents.lock(incident.id);
        // One statement: the two writes and the row as the UPDATE left it.
        expect(pgStatementsSentDirect() - before).toBe(1);
        expect(putOffCount(tx)).toBe(0);
        expect(locked).toMatchObject({
          id: incident.id,
          updateCount: 1,
          lastUpdateAt: later,
          title: "Locked from the update",
        });
      });
      const stored = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
      expect(stored.updateCount).toBe(1);
      expect(await db.processedRequest.count({ where: { key: "beside-the-count" } })).toBe(1);
    });

    it("reads a row it holds locked again without a statement, as its put-off UPDATEs leave it", async () => {
      const { db } = deps().database;
      const incident = await db.incident.create({ data: incidentData(9, "Held and counted") });
      const times = [1, 2, 3].map((hour) => new Date(`2026-03-08T0${hour}:00:00.000Z`));
      const { seen, statements, pending } = await transact(deps().database, async (tx) => {
        const incidents = incidentsRepository(tx, "postgresql");
        await incidents.lock(incident.id);
        const before = pgStatementsSentDirect();
        const seen = [];
        // A group's changes: each locks the incident, then counts its update (put off).
        for (const at of times) {
          seen.push(await incidents.lock(incident.id));
          await incidents.countUpdate(incident.id, at);
          await executeLater(tx, "ProcessedRequest", insert(`counted-${at.getUTCHours()}`));
        }
        seen.push(await incidents.lock(incident.id));
        // No change waited for the database: every write still goes, in order, with the COMMIT.
        return { seen, statements: pgStatementsSentDirect() - before, pending: putOffCount(tx) };
      });
      // Each countUpdate after the first names the table of the one before it, so writes those
      // now, unawaited.
      expect(statements).toBe(2);
      expect(pending).toBeGreaterThan(0);
      expect(seen.map((row) => row?.updateCount)).toEqual([0, 1, 2, 3]);
      expect(seen.at(-1)?.lastUpdateAt).toEqual(times.at(-1));
      // What the transaction read is exactly the row it committed.
      const stored = await incidentsRepository(db, "postgresql").byId(incident.id);
      expect(seen.at(-1)).toEqual(stored);
      expect(await db.processedRequest.count({ where: { key: { startsWith: "counted-" } } })).toBe(3);
    });

    it("forgets a held row when a statement may write its table, and reads it again", async () => {
      const { db } = deps().database;
      const incident = await db.incident.create({ data: incidentData(10, "Written around") });
      await transact(deps().database, async (tx) => {
        const incidents = incidentsRepository(tx, "postgresql");
        await incidents.lock(incident.id);
        await incidents.countUpdate(incident.id, AT);
        // A put-off write reading the table sees the UPDATE put off before it (that one is
        // written first), and does not stop the lock from being read as held.
        await executeLater(
          tx,
          "ProcessedRequest",
          Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response")
            SELECT ${"reads-the-incident"}, ${AT}, to_jsonb("updateCount") FROM "Incident" WHERE "id" = ${incident.id}`,
        );
        expect((await incidents.lock(incident.id))?.updateCount).toBe(1);
        // A write of the table the lock cannot follow: the row is read from the database again.
        await executeRaw(
          tx,
          Prisma.sql`UPDATE "Incident" SET "updateCount" = 40 WHERE "id" = ${incident.id}`,
        );
        expect((await incidents.lock(incident.id))?.updateCount).toBe(40);
        await tx.incident.update({ where: { id: incident.id }, data: { updateCount: 50 } });
        expect((await incidents.lock(incident.id))?.updateCount).toBe(50);
      });
      const read = await db.processedRequest.findUniqueOrThrow({ where: { key: "reads-the-incident" } });
      expect(read.response).toBe(1);
      expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).updateCount).toBe(50);
    });

    it("a lock read from a put-off UPDATE holds the row against other transactions", async () => {
      const { db } = deps().database;
      const incident = await db.incident.create({ data: incidentData(8, "Held") });
      await transact(deps().database, async (tx) => {
        const incidents = incidentsRepository(tx, "postgresql");
        // No earlier lock in this transaction: the row lock is the UPDATE's own.
        await incidents.countUpdate(incident.id, AT);
        expect((await incidents.lock(incident.id))?.updateCount).toBe(1);
        const other = await transact(
          deps().database,
          (other) =>
            other.$queryRaw`SELECT "id" FROM "Incident" WHERE "id" = ${incident.id} FOR UPDATE NOWAIT`,
        ).catch((e: unknown) => e);
        expect(other).toBeInstanceOf(Error);
        expect((other as Error).message).toMatch(/could not obtain lock/i);
      });
    });

    it("draws ids ahead, so a timeline entry's INSERT goes with the next statement and keeps its id", async () => {
      const incident = await deps().database.db.incident.create({ data: incidentData(1, "Drawn ids") });
      const entry = (text: string) => ({
        incidentId: incident.id,
        workstreamId: null,
        kind: "note_added",
        occurredAt: AT,
        recordedAt: AT,
        actorId: "U1",
        text,
        data: { kind: "note_added", text },
        tag: null,
        sourceChannelId: null,
        sourceTs: null,
        permalink: null,
        dedupeKey: null,
      });
      const ids = await transact(deps().database, async (tx) => {
        const timeline = timelineRepository(tx, "postgresql");
        const first = await timeline.insert(entry("first"));
        expect(putOffCount(tx)).toBe(1);
        const second = await timeline.insert(entry("second")); // names the same table: the first goes now
        expect(putOffCount(tx)).toBe(1);
        // Seen by what the transaction reads next (Prisma sends what is put off first).
        expect(await tx.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(2);
        return [first, second];
      });
      expect(ids[1]).toBeGreaterThan(ids[0] ?? Number.POSITIVE_INFINITY);
      const stored = await deps().database.db.timelineEntry.findMany({
        where: { incidentId: incident.id },
        orderBy: { id: "asc" },
      });
      expect(stored.map((e) => [e.id, e.text])).toEqual([
        [ids[0], "first"],
        [ids[1], "second"],
      ]);
      // Drawn ids are never given twice, even by transactions drawing at the same time.
      const drawn = await Promise.all(
        Array.from({ length: 8 }, () =>
          transact(deps().database, async (tx) =>
            Promise.all([drawId(tx, "OutboxMessage"), drawId(tx, "OutboxMessage")]),
          ),
        ),
      );
      const flat = drawn.flat();
      expect(flat.every((id) => typeof id === "number")).toBe(true);
      expect(new Set(flat).size).toBe(flat.length);
      expect(await drawId(deps().database.db, "OutboxMessage")).toBeNull();
    });
  },
);
