// Declaring an incident: a sequential number, the incident, its commander and channel, the
// people, the announcement. Declaring twice from one request creates one incident.

import { isConflict } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { incidentChannelName } from "../domain/incident/channel-name.ts";
import type { Severity } from "../domain/incident/severity.ts";
import type { Rotation } from "../domain/rotation/types.ts";
import { recordEvent } from "../events/record-event.ts";
import { planSeverityPage, sendSeverityPage } from "./paging/severity-pages.ts";
import { attachInTransaction, rotationGroups } from "./rotations/attach-rotation.ts";
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
  /** The message it was declared from (message shortcut): the timeline links back to it. */
  source?: { channelId: string; ts: string };
}

export interface Declared {
  incidentId: number;
  number: number;
  channelName: string;
}

export async function declareIncident(deps: ServiceDeps, input: DeclareInput): Promise<Declared> {
  const source = input.source ? await linkedSource(deps, input.source) : undefined;
  const leadershipPage = await planSeverityPage(deps, input.severity);
  // A rotation's groups on duty: their members, from Slack, before the transaction.
  const rotationGroupMembers = input.rotation ? await rotationGroups(deps, input.rotation) : undefined;
  // Two replicas creating the very first counter row at once: one insert loses; run again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await runChange(deps, input.requestKey, async (repos) => {
        const number = await repos.counters.next("incident");
        const channelName = incidentChannelName(number, input.title);
        const recorded = await recordEvent(
          repos,
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
          metaFor(deps, input.actorId, { text: input.summary, ...(source ? { source } : {}) }),
          { context: effectContext(deps) },
        );
        if (leadershipPage)
          await sendSeverityPage(deps, repos, recorded.incident, {
            severity: input.severity,
            plan: leadershipPage,
            actorId: input.actorId,
            reason: input.title,
          });
        if (input.rotation) {
          await attachInTransaction(deps, repos, recorded.incident, null, input.rotation, input.actorId, {
            groups: rotationGroupMembers,
          });
        }
        if (input.responseUrl) {
          await sendLater(deps, repos, {
            kind: "incident.ready",
            incidentId: recorded.incident.id,
            responseUrl: input.responseUrl,
          });
        }
        return { incidentId: recorded.incident.id, number, channelName };
      });
    } catch (error) {
      if (attempt < 3 && isConflict(error)) continue;
      throw error;
    }
  }
}

/** The message's permalink, read before the transaction; a link Slack will not give is left out. */
async function linkedSource(
  deps: ServiceDeps,
  source: { channelId: string; ts: string },
): Promise<{ channelId: string; ts: string; permalink?: string }> {
  try {
    const permalink = await deps.directory.permalink(source.channelId, source.ts);
    return permalink ? { ...source, permalink } : source;
  } catch (error) {
    deps.logger.warn({ err: error, channel: source.channelId }, "could not get a message's permalink");
    return source;
  }
}
