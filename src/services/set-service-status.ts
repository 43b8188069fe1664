// The recovery board: state of one service, in one region, for live data or the backfill.

import type { ServiceDeps } from "../deps.ts";
import type { ServiceState } from "../domain/command/verbs/service.ts";
import { invalidState } from "../domain/errors.ts";
import { recordEvent } from "../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";

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
    actorId: string;
    requestKey: string;
  },
): Promise<{ text: string }> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    if (incident.status === "closed") throw invalidState("This incident is closed.");
    const current = await repos.board.get({
      incidentId: incident.id,
      service: input.service,
      region: input.region,
      phase: input.phase,
    });
    if (current?.state === input.state && current.note === input.note) {
      throw invalidState(`\`${input.service}\` is already *${input.state}* there.`);
    }
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
      metaFor(deps, input.actorId, { workstreamId: input.workstreamId, text: input.note }),
      { context: effectContext(deps) },
    );
    const where = input.region ? ` in \`${input.region}\`` : "";
    return {
      text: `:white_check_mark: \`${input.service}\`${where} (${input.phase}) is now *${input.state}*.`,
    };
  });
}
