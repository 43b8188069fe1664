// A list of values as one bound parameter (a JSON array), for `IN (…)`: the statement's text is
// the same whatever the list's length. Written out as `IN ($1, $2, …)`, Prisma compiles a model
// query afresh at every call (4–8 ms of CPU for 200 values) and PostgreSQL would prepare a new
// statement for every new length.
import { Prisma } from "./client.ts";
import type { Provider } from "./database-url.ts";

/** A subquery giving each string of `values`. */
export function textList(provider: Provider, values: readonly string[]): Prisma.Sql {
  const list = JSON.stringify(values);
  return provider === "postgresql"
    ? Prisma.sql`SELECT jsonb_array_elements_text(${list}::jsonb)`
    : Prisma.sql`SELECT "value" FROM json_each(${list})`;
}

/** A subquery giving each integer of `values` (ids). */
export function integerList(provider: Provider, values: readonly number[]): Prisma.Sql {
  const list = JSON.stringify(values);
  return provider === "postgresql"
    ? Prisma.sql`SELECT (jsonb_array_elements_text(${list}::jsonb))::int`
    : Prisma.sql`SELECT "value" FROM json_each(${list})`;
}
