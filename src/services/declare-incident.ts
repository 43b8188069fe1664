// Declaring an incident: a sequential number, the incident, its commander and channel, the
// people, the announcement. Declaring twice from one request creates one incident.
import { isUniqueViolation, type Tx } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { incidentChannelName } from "../domain/incident/channel-name.ts";
import type { Severity } from "../domain/incident/severity.ts";
import type { Rotation } from "../domain/rotation/types.ts";
import { recordEvent } from "../events/record-event.ts";
import { attachInTransaction } from "./rotations/attach-rotation.ts";
import { effectContext, metaFor, runChange, sendLater } from "./support.ts";

export interface DeclareInput {
  title: string;
  summary: string;
  severity: Severity;
  regions: string[];
  services: string[];
  commanderId: string;
  isPrivate: boolean;
  /** People and user groups to invite besides the declarer and commander. */
  invitees: string[];
  actorId: string;
  requestKey: string;
  /** Where to tell the declarer that the channel is ready (slash command response_url). */
  responseUrl?: string;
  /** A rotation to attach the new incident to, in the same transaction. */
  rotation?: Rotation;
}

export interface Declared {
  incidentId: number;
  number: number;
  channelName: string;
}

async function nextIncidentNumber(tx: Tx): Promise<number> {
  const counter = await tx.counter.upsert({
    where: { name: "incident" },
    create: { name: "incident", value: 1 },
    update: { value: { increment: 1 } },
  });
  return counter.value;
}

export async function declareIncident(deps: Deps, input: DeclareInput): Promise<Declared> {
  // Two replicas creating the very first counter row at once: one insert loses; run again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await runChange(deps, input.requestKey, async (tx) => {
        const number = await nextIncidentNumber(tx);
        const channelName = incidentChannelName(number, input.title);
        const recorded = await recordEvent(
          tx,
          null,
          {
            kind: "incident_declared",
            number,
            title: input.title,
            summary: input.summary,
            severity: input.severity,
            isPrivate: input.isPrivate,
            regions: input.regions,
            services: input.services,
            commanderId: input.commanderId,
            channelName,
            invitees: input.invitees,
          },
          metaFor(deps, input.actorId, { text: input.summary }),
          { context: effectContext(deps) },
        );
        if (input.rotation) {
          await attachInTransaction(deps, tx, recorded.incident, null, input.rotation, input.actorId);
        }
        if (input.responseUrl) {
          await sendLater(deps, tx, {
            kind: "incident.ready",
            incidentId: recorded.incident.id,
            responseUrl: input.responseUrl,
          });
        }
        return { incidentId: recorded.incident.id, number, channelName };
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
