// The recovery board: state of one service, in one region, for live data or the backfill.

import type { ServiceDeps } from "../deps.ts";
import type { ServiceState } from "../domain/command/verbs/service.ts";
import { invalidState } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { recordEvent } from "../events/record-event.ts";
import type { ServiceStatusSet } from "./results.ts";
import { assertShownStill } from "./stale-form.ts";
import { asOf, effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { entryTime } from "./timeline/entry-time.ts";

export async function setServiceStatus(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstreamId: number | null;
    service: string;
    region: string;
    phase: "live" | "backfill";
    state: ServiceState;
    note: string;
    /** When it happened (`--at`); now when null. */
    at?: Date | null;
    actorId: string;
    requestKey: string;
    /** From a form: the row's state it showed (null: no row yet); another one now is stale. */
    shownState?: ServiceState | null;
  },
): Promise<ServiceStatusSet> {
  return runChange(
    deps,
    input.requestKey,
    async (repos) => {
      const incident = await lockedIncident(repos, input.incidentId);
      assertIncidentOpen(incident);
      const current = await repos.board.get({
        incidentId: incident.id,
        service: input.service,
        region: input.region,
        phase: input.phase,
      });
      assertShownStill(input.shownState, current?.state ?? null, `\`${input.service}\` there`, (s) =>
        s ? `*${s}*` : "no state",
      );
      if (current?.state === input.state && current.note === input.note) {
        throw invalidState(`\`${input.service}\` is already *${input.state}* there.`);
      }
      const occurredAt = await entryTime(deps, repos, incident, input.at ?? null);
      await recordEvent(
        repos,
        incident,
        {
          kind: "service_status_changed",
          service: input.service,
          region: input.region,
          phase: input.phase,
          from: current?.state ?? null,
          to: input.state,
          note: input.note,
        },
        metaFor(deps, input.actorId, { workstreamId: input.workstreamId, text: input.note, occurredAt }),
        { context: effectContext(deps) },
      );
      const { service, region, phase, state } = input;
      return { kind: "service_status_set", service, region, phase, state, asOf: asOf(input.at, occurredAt) };
    },
    { incidentId: input.incidentId },
  );
}
