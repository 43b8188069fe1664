// Closing a resolved incident: the statements for the postmortem, the `closed` milestone,
// then the draft (file, canvas if configured) and, if configured, the channel archived.
import type { Db, Tx } from "../../db/client.ts";
import type { Incident } from "../../db/models.ts";
import type { Deps } from "../../deps.ts";
import { invalidState } from "../../domain/errors.ts";
import { recordEvent } from "../../events/record-event.ts";
import { assertMay } from "../permissions.ts";
import type { IncidentClosed } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange, sendLater } from "../support.ts";
import { queuePostmortem } from "./publish.ts";

/** The longest statement kept (the modal allows 3,000 characters per field). */
export const STATEMENT_MAX = 3000;

export interface CloseInput {
  incidentId: number;
  rootCause: string;
  customerImpact: string;
  lessons: string;
  actorId: string;
  requestKey: string;
}

/** Refuses, with what to do instead, unless `actorId` may close `incident` now. */
export async function assertClosable(
  deps: Deps,
  tx: Tx | Db,
  incident: Incident,
  actorId: string,
): Promise<void> {
  if (incident.status === "closed")
    throw invalidState(
      `INC-${incident.number} is already closed. \`/incident postmortem\` renders its draft again.`,
    );
  if (incident.status !== "resolved")
    throw invalidState(
      `INC-${incident.number} is *${incident.status}*, not resolved. Resolve it first (\`/incident status resolved\`), then close it.`,
    );
  await assertMay(deps, tx as Tx, incident, actorId, "close");
}

export async function closeIncident(deps: Deps, input: CloseInput): Promise<IncidentClosed> {
  return runChange(deps, input.requestKey, async (tx) => {
    const incident = await lockedIncident(deps, tx, input.incidentId);
    await assertClosable(deps, tx, incident, input.actorId);
    const meta = metaFor(deps, input.actorId);
    const statement = (text: string) => text.trim().slice(0, STATEMENT_MAX);
    await recordEvent(
      tx,
      incident,
      {
        kind: "incident_closed",
        rootCause: statement(input.rootCause),
        customerImpact: statement(input.customerImpact),
        lessons: statement(input.lessons),
      },
      meta,
      { context: effectContext(deps) },
    );
    // The draft is generated as of the close, so the CLI can reproduce it exactly later.
    await queuePostmortem(deps, tx, incident.id, meta.occurredAt, "close");
    if (deps.config.incidents.archiveOnClose)
      await sendLater(deps, tx, { kind: "channel.archive", scope: { incidentId: incident.id } });
    return { kind: "incident_closed", incidentNumber: incident.number };
  });
}
