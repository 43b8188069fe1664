// Escalating or de-escalating: from, to, who, when and why go into the severity ledger.

import type { ServiceDeps } from "../deps.ts";
import { badInput, invalidState } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { isEscalation, type Severity, severityLabel } from "../domain/incident/severity.ts";
import { recordEvent } from "../events/record-event.ts";
import { planSeverityPage, sendSeverityPage } from "./paging/severity-pages.ts";
import { adminFor, assertMay } from "./permissions.ts";
import type { SeverityChanged } from "./results.ts";
import { assertShownStill } from "./stale-form.ts";
import { asOf, effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { assertInOrder, entryTime } from "./timeline/entry-time.ts";

export interface SeverityChange {
  incidentId: number;
  workstreamId: number | null;
  to: Severity;
  reason: string;
  /** When it happened (`--at`); now when null. */
  at?: Date | null;
  actorId: string;
  requestKey: string;
  /** From a form: the severity it showed; a different one now is refused as stale. */
  shownFrom?: Severity;
}

export async function changeSeverity(deps: ServiceDeps, change: SeverityChange): Promise<SeverityChanged> {
  const reason = change.reason.trim();
  if (!reason) throw badInput("Say why the severity changes: `/incident sev <1-4> <reason>`.");
  const actor = { id: change.actorId, isAdmin: await adminFor(deps, change.actorId, "deescalate") };
  const leadershipPage = await planSeverityPage(deps, change.to);
  return runChange(
    deps,
    change.requestKey,
    async (repos) => {
      const incident = await lockedIncident(repos, change.incidentId);
      assertIncidentOpen(incident);
      const from = incident.severity;
      assertShownStill(change.shownFrom, from, "The severity", severityLabel);
      if (from === change.to) throw invalidState(`The incident is already ${severityLabel(from)}.`);
      if (!isEscalation(from, change.to)) await assertMay(deps, repos, incident, actor, "deescalate");
      const occurredAt = await entryTime(deps, repos, incident, change.at ?? null);
      if (change.at) await assertInOrder(repos, incident, occurredAt, ["severity_changed"], "severity");
      await recordEvent(
        repos,
        incident,
        { kind: "severity_changed", from, to: change.to, reason },
        metaFor(deps, change.actorId, { text: reason, workstreamId: change.workstreamId, occurredAt }),
        { context: effectContext(deps) },
      );
      if (leadershipPage && isEscalation(from, change.to))
        await sendSeverityPage(deps, repos, incident, {
          severity: change.to,
          plan: leadershipPage,
          actorId: change.actorId,
          reason,
        });
      return {
        kind: "severity_changed",
        incidentNumber: incident.number,
        from,
        to: change.to,
        asOf: asOf(change.at, occurredAt),
      };
    },
    { incidentId: change.incidentId },
  );
}
