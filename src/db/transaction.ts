// Interactive transactions with limits that suit a bot under burst load: on SQLite every
// write transaction queues behind the previous one, so waiting a few seconds is normal.
// Every transaction runs marked in an AsyncLocalStorage context, so code that must not run
// while one is open (a Slack call holding the single SQLite write connection) can tell.
import type { Database, Tx } from "./client.ts";
import { sendPutOff } from "./direct.ts";
import { runMarkedAsTransaction } from "./transaction-scope.ts";

export { insideTransaction } from "./transaction-scope.ts";

const TIMEOUT_MS = 30_000;

export async function transact<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const start = () =>
    database.db.$transaction(
      async (tx) => {
        // Trusted for less than the timeout: writes sent straight to the connection must never
        // land after Prisma gave up on this transaction (src/db/direct.ts).
        const unbind = database.bindTransaction?.(tx, TIMEOUT_MS - 5_000);
        try {
          const result = await runMarkedAsTransaction(() => work(tx));
          // Writes still put off for the next statement (src/db/direct.ts) go now, and COMMIT
          // right behind them (one round trip on PostgreSQL); if they fail, the commit does and
          // the transaction reports their failure as the work's (src/db/pg-direct.ts).
          sendPutOff(tx);
          return result;
        } finally {
          unbind?.();
        }
      },
      { maxWait: 15_000, timeout: TIMEOUT_MS },
    );
  return database.openTransaction ? database.openTransaction(start) : start();
}
