// How values cross between Prisma's shapes and a statement sent straight to PostgreSQL with
// `pg` (src/db/pg-direct.ts, src/db/pg-statements.ts): parameters bound as Prisma's pg adapter
// binds them (instants as UTC text), rows read as Prisma's raw queries read them (instants as
// Dates, 64-bit integers as bigints), and errors in the shape Prisma gives raw-query errors, so
// unique violations and transient failures are recognised the same way (client.ts,
// transient-errors.ts).
import pg from "pg";
import { rawQueryError } from "./raw-query-error.ts";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** An instant as Prisma's pg adapter binds it to a timestamp(3) column: UTC, no zone. */
function utcText(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : "")
  );
}

/** The parameter as bound, or undefined when it is not one this path binds like Prisma. */
export function boundValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return utcText(value);
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean" || type === "bigint") return value;
  return undefined;
}

// PostgreSQL type OIDs read differently from pg's defaults, the way Prisma's raw queries read them.
const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const PARSERS: Record<number, (text: string) => unknown> = {
  [INT8]: (text) => BigInt(text),
  // `timestamp` holds UTC (written as utcText); pg would read it in the process's time zone.
  [TIMESTAMP]: (text) => new Date(`${text.replace(" ", "T")}Z`),
  [TIMESTAMPTZ]: (text) => new Date(text),
};

export const typeParser = ((oid: number) =>
  PARSERS[oid] ?? pg.types.getTypeParser(oid, "text")) as pg.CustomTypesConfig["getTypeParser"];

/** A pg error as Prisma reports a raw query's (P2010 with the adapter's cause). */
export function asPrismaError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown; severity?: unknown; detail?: string } | null;
  // Socket and pool errors carry no severity; they are recognised as they are (transient-errors.ts).
  if (typeof e?.code !== "string" || typeof e.message !== "string" || typeof e.severity !== "string")
    return error;
  const fields = e.detail
    ?.match(/Key \(([^)]+)\)/)
    ?.at(1)
    ?.split(", ");
  const cause =
    e.code === "23505"
      ? { kind: "UniqueConstraintViolation", ...(fields ? { constraint: { fields } } : {}) }
      : e.code === "40001"
        ? { kind: "TransactionWriteConflict" }
        : e.code === "53300"
          ? { kind: "TooManyConnections", cause: e.message }
          : { kind: "postgres", code: e.code, severity: e.severity, message: e.message, detail: e.detail };
  return rawQueryError(error, e.code, e.message, cause);
}

export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}
