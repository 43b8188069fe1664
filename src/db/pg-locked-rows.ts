// Rows one PostgreSQL transaction holds locked (read FOR UPDATE, or returned by an UPDATE of
// them), kept as it read them with the updates it put off since applied in JavaScript. In a
// group of changes to one incident (src/db/transaction-groups.ts) every change locks the
// incident's row and then updates its counters; read from here, every change after the first
// finds the row without a statement, so its writes need no answer before the next change runs
// and they all go pipelined, their answers awaited once, with the COMMIT (src/db/pg-direct.ts).
// Nobody else can change a row while this transaction holds its lock; what this transaction
// itself sends is what could, so any statement that may write the table forgets its rows.

export type Row = Record<string, unknown>;

/**
 * What an UPDATE of one row does to it, in JavaScript: the row as the UPDATE leaves it, for
 * the columns a lock reads (values as they are read: numbers, strings, Dates). It must match
 * the SQL exactly; a test for each such UPDATE compares it with the row read back.
 */
export type RowChange = (row: Row) => Row;

interface Held {
  table: string;
  /** The column list the row was read with: a lock reading other columns reads the database. */
  columns: string;
  row: Row;
}

export class LockedRows {
  readonly #held = new Map<string, Held>();

  /** The row `rows` (one, or nothing is kept) of `table`, just read locked with `columns`. */
  remember(table: string, id: number, columns: string, rows: Row[]): void {
    const [row] = rows;
    if (rows.length === 1 && row) this.#held.set(key(table, id), { table, columns, row });
    else this.#held.delete(key(table, id));
  }

  /** The row as this transaction left it, if it holds it read with the same `columns`. */
  read(table: string, id: number, columns: string): Row[] | undefined {
    const held = this.#held.get(key(table, id));
    return held && held.columns === columns ? [{ ...held.row }] : undefined;
  }

  /** A put-off UPDATE of this one row, doing `change` to it; without a change, the row is forgotten. */
  updated(table: string, id: number, change: RowChange | undefined): void {
    const held = this.#held.get(key(table, id));
    if (!held) return;
    if (change) held.row = change({ ...held.row });
    else this.#held.delete(key(table, id));
  }

  /** A write to `table` other than a known UPDATE of a held row: its rows may have changed. */
  forgetTable(table: string): void {
    for (const [k, held] of this.#held) if (held.table === table) this.#held.delete(k);
  }

  /** A statement whose text names a held row's table (it may write it): the row is forgotten. */
  forgetNamedIn(text: string): void {
    for (const [k, held] of this.#held) if (text.includes(`"${held.table}"`)) this.#held.delete(k);
  }
}

const key = (table: string, id: number) => `${table}:${id}`;
