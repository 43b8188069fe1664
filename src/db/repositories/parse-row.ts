// Turning stored strings and JSON back into domain values, once, at the repository edge. A
// value the domain does not know is corruption: the error names the table, row and column
// rather than letting a cast carry it into the use cases.
import type { ZodType } from "zod";
import { isSeverity, type Severity } from "../../domain/incident/severity.ts";
import { STATUSES, type Status } from "../../domain/incident/status.ts";

export class CorruptRowError extends Error {
  constructor(table: string, id: number | string, column: string, detail: string) {
    super(`${table} ${id}: column ${column} ${detail}`);
    this.name = "CorruptRowError";
  }
}

export function oneOf<T extends string>(
  values: readonly T[],
  value: string,
  where: { table: string; id: number | string; column: string },
): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new CorruptRowError(
    where.table,
    where.id,
    where.column,
    `holds unknown value ${JSON.stringify(value)}`,
  );
}

export function severityOf(value: number, table: string, id: number, column: string): Severity {
  if (isSeverity(value)) return value;
  throw new CorruptRowError(table, id, column, `holds ${value}, not a severity 1-4`);
}

export function statusOf(value: string, table: string, id: number, column = "status"): Status {
  return oneOf(STATUSES, value, { table, id, column });
}

export function stringsOf(value: unknown, table: string, id: number, column: string): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw new CorruptRowError(table, id, column, "is not a list of strings");
}

export function jsonOf<T>(schema: ZodType<T>, value: unknown, table: string, id: number, column: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CorruptRowError(table, id, column, `does not parse: ${parsed.error.message}`);
}
