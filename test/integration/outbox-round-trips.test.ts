// What one delivery costs the database, counted at the driver (as bench/query-counter.mjs does
// for the whole bot): every statement the outbox worker sends to draining a lane with one due
// message, BEGIN and COMMIT included. On SQLite the worker's statements and transactions go
// straight to the connection while no other transaction is open there
// (src/db/sqlite-direct.ts), and every command waits for the one connection; on PostgreSQL each
// is a round trip. The list is the budget: a statement more shows as a diff.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../src/db/database-url.ts";
import { statementsSentDirect } from "../../src/db/direct.ts";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import { NotReadyError } from "../../src/outbox/delivery.ts";
import { testedProviders } from "../support/databases.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const require = createRequire(import.meta.url);
let recording: string[] | null = null;

/** A statement's kind and the outbox tables it names, e.g. "INSERT Lease". */
function label(sql: unknown): string {
  const text = String(typeof sql === "object" && sql !== null ? (sql as { text: unknown }).text : sql).trim();
  const tables = ["Lease", "OutboxMessage"].filter((table) => new RegExp(`[\`"]${table}[\`"]`).test(text));
  return [text.split(/\s/, 1)[0]?.toUpperCase(), ...tables].join(" ");
}

// Every run of a better-sqlite3 statement (Prisma's adapter prepares and runs), and every query
// a pg client sends. Vitest runs each test file in a process of its own: the patches stay here.
const Sqlite = require("better-sqlite3");
const statementPrototype = Object.getPrototypeOf(new Sqlite(":memory:").prepare("SELECT 1"));
for (const method of ["run", "get", "all", "iterate"]) {
  const original = statementPrototype[method];
  statementPrototype[method] = function counted(this: { source: string }, ...args: unknown[]) {
    recording?.push(label(this.source));
    return original.apply(this, args);
  };
}
const pg = require("pg");
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(config: unknown, ...rest: unknown[]) {
  recording?.push(label(config));
  return query.call(this, config, ...rest);
};

/** Statements of a one-message lane's delivery, in order. */
const expected: Record<Provider, string[]> = {
  postgresql: [
    "SELECT OutboxMessage", // the due lanes' heads
    // The lane's lease and its head marked "being sent" before the call; the lane holds nothing
    // else, so nothing more is read.
    "WITH Lease OutboxMessage",
    "WITH Lease OutboxMessage", // delivered, and the lease released
  ],
  sqlite: [
    "SELECT OutboxMessage", // the due lanes' heads, straight to the connection
    // The lease, the lane's messages, and its head marked "being sent" before the call.
    ...["BEGIN", "INSERT Lease", "SELECT OutboxMessage", "UPDATE OutboxMessage", "COMMIT"],
    ...["BEGIN", "UPDATE OutboxMessage", "DELETE Lease", "COMMIT"],
  ],
};

describe.each(testedProviders())("outbox statements per delivery on %s", (provider) => {
  const outbox = outboxWorkerOnTestDatabase(provider);
  const { queue, workerWith } = outbox;

  it("delivers a lane's one message with the statements of the budget", async () => {
    await queue("channel:C1", { kind: "reaction.add", channelId: "C1", ts: "1.0", name: "eyes" });
    const worker = workerWith(async () => ({ ok: true }));
    recording = [];
    const direct = statementsSentDirect();
    try {
      expect(await worker.drain()).toBe(1);
      expect(recording).toEqual(expected[provider]);
      // Each goes straight to the pool or the connection, none through Prisma's query compiler
      // (src/db/plain-statements.ts); on SQLite the two transactions too, BEGIN and COMMIT
      // included, while no other transaction is open there (src/db/sqlite-direct.ts).
      expect(statementsSentDirect() - direct).toBe(recording.length);
    } finally {
      recording = null;
      await worker.stop();
    }
  });

  it("reads the lanes' heads again after progress only while a lane waits for another's work", async () => {
    // Of one kind (one priority): the message that needs the channel is recorded first, so it is
    // tried first and waits for the other lane.
    const needsChannel = await queue("channel:C2", {
      kind: "reaction.add",
      channelId: "C2",
      ts: "1.0",
      name: "x",
    });
    const createsChannel = await queue("incident:2", {
      kind: "reaction.add",
      channelId: "C3",
      ts: "1.0",
      name: "x",
    });
    const tables = outboxQueue(outbox.database.db, provider);
    let headReads = 0;
    const delivered: number[] = [];
    const worker = workerWith(
      async (_intent, attempt) => {
        if (attempt.message.id === needsChannel && !delivered.includes(createsChannel))
          throw new NotReadyError("no channel yet");
        delivered.push(attempt.message.id);
      },
      {
        concurrency: 1,
        queue: {
          ...tables,
          dueLaneHeads: (...args) => {
            headReads++;
            return tables.dueLaneHeads(...args);
          },
        },
      },
    );
    expect(await worker.drain()).toBe(3);
    expect(delivered).toEqual([createsChannel, needsChannel]);
    // The first pass, and the one after the channel was made; none after that last delivery
    // (it progressed, but no lane waits for another any more).
    expect(headReads).toBe(2);
    await worker.stop();
  });
});
