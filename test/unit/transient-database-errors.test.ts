// Which database errors the outbox retries (the shapes Prisma 6 gives through its SQLite and
// PostgreSQL driver adapters) and which it does not.
import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "../../src/db/transient-errors.ts";

const prismaError = (code: string, meta?: unknown) =>
  Object.assign(new Error(`prisma ${code}`), { name: "PrismaClientKnownRequestError", code, meta });
const adapterError = (cause: Record<string, unknown>) => ({ name: "DriverAdapterError", cause });

describe("isTransientDatabaseError", () => {
  it.each([
    ["SQLite busy beyond its timeout", prismaError("P1008")],
    ["connection closed", prismaError("P1017")],
    ["pool exhausted", prismaError("P2024")],
    ["write conflict", prismaError("P2034")],
    [
      "PostgreSQL shut down the connection (raw query)",
      prismaError("P2010", { driverAdapterError: adapterError({ kind: "postgres", code: "57P01" }) }),
    ],
    [
      "PostgreSQL deadlock (raw query)",
      prismaError("P2010", { driverAdapterError: adapterError({ kind: "postgres", code: "40P01" }) }),
    ],
    ["adapter: database not reachable", adapterError({ kind: "DatabaseNotReachable" })],
    ["pg: connection terminated", new Error("Connection terminated unexpectedly")],
    ["socket reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    [
      "client could not start",
      Object.assign(new Error("cannot connect"), { name: "PrismaClientInitializationError" }),
    ],
    ["wrapped in a cause", new Error("delivery failed", { cause: prismaError("P1001") })],
  ])("retries: %s", (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ["unique violation", prismaError("P2002")],
    ["record not found", prismaError("P2025")],
    [
      "PostgreSQL syntax error (raw query)",
      prismaError("P2010", { driverAdapterError: adapterError({ kind: "postgres", code: "42601" }) }),
    ],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "boom"],
    ["nothing", undefined],
  ])("does not retry: %s", (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
