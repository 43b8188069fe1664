// A Slack call made while a database transaction is open holds that transaction (on SQLite,
// the one write connection) for as long as Slack takes, up to the gateway's timeout. Use cases
// read what they need from Slack first, then open the transaction; this guard catches any code
// that does not. Tests refuse such calls, so the suite fails on one; production logs a warning
// and lets the call through, since refusing would turn a slow path into an outage.
import { insideTransaction } from "../db/transaction-scope.ts";
import type { Logger } from "../log/logger.ts";
import type { Gateway } from "./gateway.ts";

export class SlackCallInTransactionError extends Error {
  constructor(readonly method: string) {
    super(`Slack call ${method} made inside a database transaction; read from Slack before opening it`);
    this.name = "SlackCallInTransactionError";
  }
}

export function guardAgainstTransactions(gateway: Gateway, mode: "warn" | "refuse", logger: Logger): Gateway {
  const warned = new Set<string>();
  function check(method: string): void {
    if (!insideTransaction()) return;
    if (mode === "refuse") throw new SlackCallInTransactionError(method);
    if (warned.has(method)) return;
    warned.add(method);
    logger.warn({ method, stack: new Error().stack }, "Slack call made inside a database transaction");
  }
  return new Proxy(gateway, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        try {
          // `call` names the Web API method; the others are named after it.
          check(property === "call" ? String(args[0]) : String(property));
        } catch (error) {
          // Every gateway method is async: fail the way a Slack error would.
          return Promise.reject(error);
        }
        return value.apply(target, args);
      };
    },
  });
}
