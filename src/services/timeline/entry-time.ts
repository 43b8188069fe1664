// When a timeline entry happened: now, or a time given with `--at`, checked like milestones
// are (not in the future, not more than 7 days before the incident's first recorded moment).
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { assertPlausibleTime } from "../../domain/time/parse-time.ts";

export async function firstRecordedMoment(repos: Repositories, incident: Incident): Promise<Date> {
  const first = await repos.milestones.earliest(incident.id);
  return first && first < incident.createdAt ? first : incident.createdAt;
}

export async function entryTime(
  deps: Pick<ServiceDeps, "clock">,
  repos: Repositories,
  incident: Incident,
  at: Date | null,
): Promise<Date> {
  const now = deps.clock.now();
  if (!at) return now;
  assertPlausibleTime(at, now, await firstRecordedMoment(repos, incident));
  return at;
}
