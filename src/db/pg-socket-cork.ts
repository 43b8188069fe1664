// Statements a transaction sends without waiting for their answers go out together, in one
// socket write per turn of the event loop. On PostgreSQL each write to the server's socket
// costs the bot a system call that wakes a PostgreSQL backend, on a VM an interrupt to the
// other CPU: `writev` was the largest single function in the bot's profile under a burst of
// updates (7% of its samples, README "What bounds what is left"). A group of changes to one
// incident (src/db/transaction-groups.ts) sends one put-off statement per change and then its
// COMMIT within one turn, since none of them waits for the database; corked for the rest of the
// turn, they leave in one write and PostgreSQL takes them in one wake-up. Six alternating runs
// of bench/profile-commands.ts (PostgreSQL, 4,000 updates at concurrency 16), against the same
// code without the cork: CPU per update bot 0.94×, PostgreSQL 0.88×, lower in every pair;
// updates per second 1.03×.
//
// Nothing waits on the cork: it is lifted by a timer (setImmediate) whatever happens, so a
// statement sent while it holds, awaited or not, goes at the end of the current turn.
import type pg from "pg";

/** What of pg's socket this uses (pg keeps it as `connection.stream`). */
interface Corkable {
  cork?(): void;
  uncork?(): void;
}

/** The socket pg writes `client`'s messages to. */
export function streamOf(client: pg.PoolClient): Corkable | undefined {
  return (client as unknown as { connection?: { stream?: Corkable } }).connection?.stream;
}

/** Connections corked until the end of this turn. */
const corked = new WeakSet<pg.PoolClient>();

/** Holds what is written to `client` until the end of the current turn of the event loop. */
export function corkForThisTurn(client: pg.PoolClient): void {
  if (corked.has(client)) return;
  const stream = streamOf(client);
  if (!stream?.cork || !stream.uncork) return;
  stream.cork();
  corked.add(client);
  setImmediate(() => {
    corked.delete(client);
    stream.uncork?.();
  });
}
