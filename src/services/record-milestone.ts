// Named moments (impact-started, detected, mitigated…), and corrections of automatic ones.

import type { ServiceDeps } from "../deps.ts";
import { invalidState } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { assertPlausibleTime } from "../domain/time/parse-time.ts";
import { recordEvent } from "../events/record-event.ts";
import { adminFor, assertMayMoveMilestone, milestoneAction } from "./permissions.ts";
import type { MilestoneRecorded } from "./results.ts";
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
): Promise<MilestoneRecorded> {
  // Read before the transaction: admin groups come from Slack.
  const action = milestoneAction(input.name);
  const actor = { id: input.actorId, isAdmin: action ? await adminFor(deps, input.actorId, action) : false };
  return runChange(
    deps,
    input.requestKey,
    async (repos) => {
      const incident = await lockedIncident(repos, input.incidentId);
      assertIncidentOpen(incident);
      await assertMayMoveMilestone(deps, repos, incident, actor, input.name);
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
        kind: "milestone_recorded",
        name: input.name,
        at: at.toISOString(),
        previousAt: previous ?? null,
      };
    },
    { incidentId: input.incidentId },
  );
}
