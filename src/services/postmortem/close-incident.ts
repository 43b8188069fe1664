// Closing a resolved incident: the statements for the postmortem, the `closed` milestone,
// then the draft (file, canvas if configured) and, if configured, the channel archived.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { invalidState } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { recordEvent } from "../../events/record-event.ts";
import { adminFor, assertMay } from "../permissions.ts";
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

/**
 * Refuses, with what to do instead, unless `actorId` may close `incident` now. Outside a
 * transaction only (the close form is opened after it): it may read admin groups from Slack.
 */
export async function assertClosable(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actorId: string,
): Promise<void> {
  await checkClosable(deps, repos, incident, {
    id: actorId,
    isAdmin: await adminFor(deps, actorId, "close"),
  });
}

async function checkClosable(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actor: { id: string; isAdmin: boolean },
): Promise<void> {
  if (incident.status === "closed")
    throw invalidState(
      `INC-${incident.number} is already closed. \`/incident postmortem\` renders its draft again.`,
    );
  if (incident.status !== "resolved")
    throw invalidState(
      `INC-${incident.number} is *${incident.status}*, not resolved. Resolve it first (\`/incident status resolved\`), then close it.`,
    );
  await assertMay(deps, repos, incident, actor, "close");
}

export async function closeIncident(deps: ServiceDeps, input: CloseInput): Promise<IncidentClosed> {
  const actor = { id: input.actorId, isAdmin: await adminFor(deps, input.actorId, "close") };
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    await checkClosable(deps, repos, incident, actor);
    const meta = metaFor(deps, input.actorId);
    const statement = (text: string) => text.trim().slice(0, STATEMENT_MAX);
    await recordEvent(
      repos,
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
    await queuePostmortem(deps, repos, incident.id, meta.occurredAt, "close");
    if (deps.config.incidents.archiveOnClose)
      await sendLater(deps, repos, { kind: "channel.archive", scope: { incidentId: incident.id } });
    return { kind: "incident_closed", incidentNumber: incident.number };
  });
}
