// When a timeline entry happened: now, or a time given with `--at`, checked like milestones
// are (not in the future, not more than 7 days before the incident's first recorded moment).
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { assertPlausibleTime } from "../../domain/time/parse-time.ts";
import type { EventKind } from "../../domain/timeline/events.ts";

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

const hhmm = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * A backdated change of a one-valued state (the incident's severity, its status) must not land
 * before the latest recorded change of that state, nor before the incident was declared: the
 * ledger would then say it moved to X after it had already moved on, and the current value
 * would disagree with the last entry. What happened in between belongs in a note.
 */
export async function assertInOrder(
  repos: Repositories,
  incident: Incident,
  at: Date,
  kinds: readonly EventKind[],
  what: string,
): Promise<void> {
  const latest = (await Promise.all(kinds.map((kind) => repos.timeline.latest(incident.id, kind))))
    .filter((entry) => entry !== null)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0];
  const floor = latest ? latest.occurredAt : incident.createdAt;
  if (at.getTime() >= floor.getTime()) return;
  const since = latest
    ? `was last changed at ${hhmm(floor)}`
    : `was set when the incident was declared at ${hhmm(floor)}`;
  throw badInput(
    `The ${what} ${since}; a change dated ${hhmm(at)} would come before that and leave the current ${what} wrong. Give a time after ${hhmm(floor)}, or record what happened then as a note (\`/incident note --at …\`).`,
  );
}
