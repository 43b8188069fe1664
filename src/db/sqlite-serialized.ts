// One SQLite connection serves the whole process, and Prisma's better-sqlite3 adapter only
// takes its lock for interactive transactions: a plain query issued while some transaction is
// open runs *inside* it, and is rolled back with it (seen: an outbox "delivered" mark vanished
// with a command that failed validation). This wrapper makes every query made outside a
// transaction a transaction of its own, so it waits its turn for the connection and commits
// on its own. Transactions themselves are untouched.
import type { PrismaClient as Db } from "./generated/sqlite/client.ts";

const RAW_METHODS = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]);
/** How long a transaction of this process waits for the one connection, and may then run. */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

type AnyFn = (...args: unknown[]) => unknown;

export function serializeOutsideTransactions(base: Db): Db {
  const delegates = new Map<string, unknown>();
  const inTransaction = <T>(run: (tx: Record<string, unknown>) => Promise<T>) =>
    base.$transaction((tx) => run(tx as unknown as Record<string, unknown>), TRANSACTION_OPTIONS);

  return new Proxy(base, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      if (RAW_METHODS.has(prop)) {
        return (...args: unknown[]) =>
          inTransaction((tx) => (tx[prop] as AnyFn)(...args) as Promise<unknown>);
      }
      if (prop.startsWith("$") || typeof value !== "object" || value === null) {
        return typeof value === "function" ? (value as AnyFn).bind(target) : value;
      }
      // A model delegate (db.incident, db.outboxMessage…): each operation in its own transaction.
      let delegate = delegates.get(prop);
      if (!delegate) {
        delegate = new Proxy(value as object, {
          get(model, operation) {
            const method = Reflect.get(model, operation);
            if (typeof method !== "function" || typeof operation !== "string") return method;
            return (...args: unknown[]) =>
              inTransaction(
                (tx) =>
                  ((tx[prop] as Record<string, AnyFn>)[operation] as AnyFn)(...args) as Promise<unknown>,
              );
          },
        });
        delegates.set(prop, delegate);
      }
      return delegate;
    },
  });
}
