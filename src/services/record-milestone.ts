// Named moments (impact-started, detected, mitigated…), and corrections of automatic ones.

import type { ServiceDeps } from "../deps.ts";
import { invalidState } from "../domain/errors.ts";
import { formatUtc } from "../domain/time/format.ts";
import { assertPlausibleTime } from "../domain/time/parse-time.ts";
import { recordEvent } from "../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { firstRecordedMoment } from "./timeline/entry-time.ts";

export async function recordMilestone(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstreamId: number | null;
    name: string;
    at: Date | null;
    note: string;
    actorId: string;
    requestKey: string;
  },
): Promise<{ text: string }> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    if (incident.status === "closed") throw invalidState("This incident is closed.");
    const now = deps.clock.now();
    const at = input.at ?? now;
    assertPlausibleTime(at, now, await firstRecordedMoment(repos, incident));
    if (input.name === "resolved" && incident.status !== "resolved") {
      throw invalidState(
        "`resolved` is recorded when the incident is resolved (`/incident status resolved`); you can correct it afterwards.",
      );
    }
    const recorded = await recordEvent(
      repos,
      incident,
      {
        kind: "milestone_recorded",
        name: input.name,
        at: at.toISOString(),
        previousAt: null,
        note: input.note,
      },
      metaFor(deps, input.actorId, { occurredAt: at, text: input.note, workstreamId: input.workstreamId }),
      { context: effectContext(deps) },
    );
    const previous = recorded.event.kind === "milestone_recorded" ? recorded.event.previousAt : null;
    return {
      text: `:white_check_mark: Milestone \`${input.name}\` at ${formatUtc(at, true)}${previous ? ` (corrected from ${formatUtc(new Date(previous), true)})` : ""}.`,
    };
  });
}
