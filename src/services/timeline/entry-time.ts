// When a timeline entry happened: now, or a time given with `--at`, checked like milestones
// are (not in the future, not more than 7 days before the incident's first recorded moment).
import type { Tx } from "../../db/client.ts";
import type { Incident } from "../../db/models.ts";
import type { Deps } from "../../deps.ts";
import { assertPlausibleTime } from "../../domain/time/parse-time.ts";

export async function firstRecordedMoment(tx: Tx, incident: Incident): Promise<Date> {
  const first = await tx.milestone.findFirst({
    where: { incidentId: incident.id },
    orderBy: { occurredAt: "asc" },
    select: { occurredAt: true },
  });
  return first && first.occurredAt < incident.createdAt ? first.occurredAt : incident.createdAt;
}

export async function entryTime(deps: Deps, tx: Tx, incident: Incident, at: Date | null): Promise<Date> {
  const now = deps.clock.now();
  if (!at) return now;
  assertPlausibleTime(at, now, await firstRecordedMoment(tx, incident));
  return at;
}
