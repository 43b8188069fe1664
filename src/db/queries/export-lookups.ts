// What the command-line exports (timeline, postmortem) look up before reading an incident:
// the incident by its number, the latest number (to say what exists), workstream names.
import type { Db } from "../client.ts";
import type { Incident } from "../models.ts";

export async function incidentByNumber(db: Db, number: number): Promise<Incident | null> {
  return db.incident.findUnique({ where: { number } });
}

/** The highest incident number, or null when there is none. */
export async function latestIncidentNumber(db: Db): Promise<number | null> {
  const last = await db.incident.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
  return last?.number ?? null;
}

export async function workstreamNamesOf(db: Db, incidentId: number): Promise<Map<number, string>> {
  const workstreams = await db.workstream.findMany({
    where: { incidentId },
    select: { id: true, name: true },
  });
  return new Map(workstreams.map((w) => [w.id, w.name]));
}
