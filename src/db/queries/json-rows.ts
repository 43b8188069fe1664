// Reading whole model rows in one statement on either store: each row as a JSON object of the
// model's columns, a table's rows as a JSON array, then decoded to what Prisma's model reads
// (instants as Dates; on SQLite, booleans from 0/1 and Json columns embedded, not as text). A
// read of several tables is one statement and, on PostgreSQL, one prepared text, instead of a
// model query per table, each of which costs the event loop Prisma's compile (1–2 ms). Every
// column is named, not `*`: a column a later migration adds changes neither the text nor its
// result's type, so a replica of the previous release keeps its prepared statement
// (src/db/pg-statements.ts).
import { Prisma } from "../client.ts";
import type { Provider } from "../database-url.ts";

/** A table's columns as the model lists them, and those the stores write differently in JSON. */
export interface TableShape<Row> {
  table: string;
  columns: readonly (keyof Row & string)[];
  /** DateTime columns. */
  instants: readonly (keyof Row & string)[];
  /** Boolean columns (SQLite stores 0/1). */
  booleans?: readonly (keyof Row & string)[];
  /** Json columns (SQLite stores their text). */
  json?: readonly (keyof Row & string)[];
}

/**
 * How a store writes a row, and a table's rows, as JSON. `where` names the table as `t`;
 * `order` names bare columns, which resolve to the table's in either store's form.
 */
export interface JsonDialect {
  /** The first row `where` finds (by `order`), or NULL. */
  row<Row>(shape: TableShape<Row>, where: string, order?: string): string;
  /** Every row `where` finds, in `order`; `[]` when none. */
  rows<Row>(shape: TableShape<Row>, where: string, order: string): string;
}

const POSTGRES: JsonDialect = {
  row: (shape, where, order) =>
    `(SELECT row_to_json(r) FROM (SELECT ${listed(shape)} FROM "${shape.table}" t WHERE ${where}${order ? ` ORDER BY ${order} LIMIT 1` : ""}) r)`,
  rows: (shape, where, order) =>
    `(SELECT COALESCE(json_agg(r ORDER BY ${order}), '[]') FROM (SELECT ${listed(shape)} FROM "${shape.table}" t WHERE ${where}) r)`,
};

/** SQLite (3.44 and later: ORDER BY inside an aggregate). */
const SQLITE: JsonDialect = {
  row: (shape, where, order) =>
    `(SELECT ${sqliteObject(shape)} FROM "${shape.table}" t WHERE ${where}${order ? ` ORDER BY ${order} LIMIT 1` : ""})`,
  rows: (shape, where, order) =>
    `(SELECT json_group_array(${sqliteObject(shape)} ORDER BY ${order}) FROM "${shape.table}" t WHERE ${where})`,
};

function listed<Row>(shape: TableShape<Row>): string {
  return shape.columns.map((column) => `t."${column}"`).join(", ");
}

function sqliteObject<Row>(shape: TableShape<Row>): string {
  const json = new Set<string>(shape.json ?? []);
  const pairs = shape.columns.map((c) => `'${c}', ${json.has(c) ? `json(t."${c}")` : `t."${c}"`}`);
  return `json_object(${pairs.join(", ")})`;
}

// Where a statement's one parameter goes: the text is split there into a Prisma.Sql's strings.
export const PARAMETER = "\u0000parameter\u0000";

/** A statement of one parameter, ready for either store. */
export interface OneParameterStatement {
  /** The statement for `provider` with `value` at every PARAMETER. */
  bind(provider: Provider, value: unknown): Prisma.Sql;
}

/**
 * The statement `build` writes in each store's dialect, its one parameter at each PARAMETER:
 * built and split once for the life of the process.
 */
export function statementPerStore(build: (dialect: JsonDialect) => string): OneParameterStatement {
  const parts = {
    postgresql: build(POSTGRES).split(PARAMETER),
    sqlite: build(SQLITE).split(PARAMETER),
  };
  return {
    bind: (provider, value) =>
      new Prisma.Sql(
        parts[provider],
        parts[provider].slice(1).map(() => value),
      ),
  };
}

type JsonRow = Record<string, unknown>;

/** JSON as the driver gave it: parsed already (PostgreSQL's json), or its text (SQLite). */
export function parsedJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/**
 * An instant as the store wrote it into JSON: PostgreSQL's TIMESTAMP(3) (UTC, no zone)
 * "2023-03-08T06:00:00.5", SQLite's text with its offset, or epoch milliseconds.
 */
function instant(value: unknown): unknown {
  if (typeof value === "number") return new Date(value);
  if (typeof value !== "string") return value;
  return new Date(/(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
}

/** A row a JsonDialect wrote (parsed or not), as the model reads it. */
export function decodedRow<Row>(value: unknown, shape: TableShape<Row>): Row {
  const read = { ...(parsedJson(value) as JsonRow) };
  for (const key of shape.instants) read[key] = instant(read[key]);
  for (const key of shape.booleans ?? []) if (typeof read[key] === "number") read[key] = read[key] === 1;
  return read as Row;
}

/** A table's rows a JsonDialect wrote, as the model reads them. */
export function decodedRows<Row>(value: unknown, shape: TableShape<Row>): Row[] {
  return (parsedJson(value) as JsonRow[]).map((row) => decodedRow(row, shape));
}
