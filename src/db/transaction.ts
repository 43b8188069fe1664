// Interactive transactions with limits that suit a bot under burst load: on SQLite every
// write transaction queues behind the previous one, so waiting a few seconds is normal.
// Every transaction runs marked in an AsyncLocalStorage context, so code that must not run
// while one is open (a Slack call holding the single SQLite write connection) can tell.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database, Tx } from "./client.ts";

const openTransaction = new AsyncLocalStorage<true>();

/** True while the caller runs inside a database transaction (of this process). */
export function insideTransaction(): boolean {
  return openTransaction.getStore() === true;
}

export async function transact<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.$transaction((tx) => openTransaction.run(true, () => work(tx)), {
    maxWait: 15_000,
    timeout: 30_000,
  });
}
