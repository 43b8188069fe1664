// A row of the chronology while it is being built: ranked for ties, numbered in the order found.
import type { ChronologyRow } from "../document.ts";

export interface Row extends ChronologyRow {
  rank: number;
  seq: number;
}

/** A row as a section proposes it: named by the kind of moment instead of a rank. */
export type ChronologyInput = Omit<Row, "rank"> & { rankKey: string };
