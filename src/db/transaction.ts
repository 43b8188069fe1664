// Interactive transactions with limits that suit a bot under burst load: on SQLite every
// write transaction queues behind the previous one, so waiting a few seconds is normal.
// Every transaction runs marked in an AsyncLocalStorage context, so code that must not run
// while one is open (a Slack call holding the single SQLite write connection) can tell.
import type { Database, Tx } from "./client.ts";
import { runMarkedAsTransaction } from "./transaction-scope.ts";

export { insideTransaction } from "./transaction-scope.ts";

export async function transact<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.$transaction((tx) => runMarkedAsTransaction(() => work(tx)), {
    maxWait: 15_000,
    timeout: 30_000,
  });
}
