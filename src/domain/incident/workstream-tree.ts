// Workstreams under workstreams: a region (`eu1`) over its own workstreams (`eu1-ingest`,
// `eu1-query`). Two levels at most, so a regional lead sees their workstreams and the
// commander sees regions; a parent is named when the child is added and never changes, so
// no cycle can form.
import { badInput } from "../errors.ts";

/** A region over its workstreams: deeper trees are refused. */
export const MAX_WORKSTREAM_DEPTH = 2;

interface Node {
  id: number;
  name: string;
  parentId: number | null;
}

/** Refuses a parent that is itself under another workstream (the tree stays two levels). */
export function assertCanParent(parent: Node, all: Node[], child: string): void {
  if (parent.name === child) throw badInput(`A workstream cannot be under itself.`);
  if (parent.parentId === null) return;
  const grand = all.find((w) => w.id === parent.parentId);
  throw badInput(
    `\`${parent.name}\` is itself under \`${grand?.name ?? "another workstream"}\`: workstreams nest ${MAX_WORKSTREAM_DEPTH} levels deep (a region over its workstreams). Put \`${child}\` under \`${grand?.name ?? parent.name}\` instead.`,
  );
}

/** The workstreams in tree order: each top-level one followed by the ones under it. */
export function inTreeOrder<W extends Node>(workstreams: W[]): { workstream: W; depth: number }[] {
  const ids = new Set(workstreams.map((w) => w.id));
  const top = workstreams.filter((w) => w.parentId === null || !ids.has(w.parentId));
  return top.flatMap((parent) => [
    { workstream: parent, depth: 0 },
    ...workstreams.filter((w) => w.parentId === parent.id).map((workstream) => ({ workstream, depth: 1 })),
  ]);
}

/** The workstreams directly under `id`. */
export function childrenOf<W extends Node>(workstreams: W[], id: number): W[] {
  return workstreams.filter((w) => w.parentId === id);
}
