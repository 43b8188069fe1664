// Whether the caller runs inside a database transaction of this process. Every transaction runs
// marked (src/db/transaction.ts), so code that must not run while one is open — a Slack call
// holding the single SQLite write connection — can tell, without seeing the database.
import { AsyncLocalStorage } from "node:async_hooks";

const openTransaction = new AsyncLocalStorage<true>();

export function insideTransaction(): boolean {
  return openTransaction.getStore() === true;
}

export function runMarkedAsTransaction<T>(work: () => Promise<T>): Promise<T> {
  return openTransaction.run(true, work);
}
