// Plain SQL that reads a model's rows the way its model query does names every column of the
// model, not `*`: the rows come back with exactly the model's fields, and PostgreSQL can keep
// the statement prepared (a column a later migration adds does not change its result's shape).
import { Prisma } from "./client.ts";

/** Every scalar field of a model (Prisma.<Model>ScalarFieldEnum), quoted, as a column list. */
export function modelColumns(fields: Record<string, string>): Prisma.Sql {
  return Prisma.raw(
    Object.values(fields)
      .map((column) => `"${column}"`)
      .join(", "),
  );
}
