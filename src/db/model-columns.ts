// Plain SQL that reads a model's rows the way its model query does lists every column of the
// model rather than `*`: PostgreSQL can then keep the statement prepared (an added column does
// not change its result shape), and the rows come back with exactly the model's fields.
import { Prisma } from "./client.ts";

/** Every scalar field of a model (Prisma.<Model>ScalarFieldEnum), quoted, as a column list. */
export function modelColumns(fields: Record<string, string>): Prisma.Sql {
  return Prisma.raw(
    Object.values(fields)
      .map((column) => `"${column}"`)
      .join(", "),
  );
}
