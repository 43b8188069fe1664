// A status update for stakeholders: recorded in the timeline (moving the reminder clock),
// posted in the incident or workstream channel, mirrored under the announcement unless the
// incident is private, and counted.
import type { ServiceDeps } from "../../deps.ts";
import { badInput, invalidState } from "../../domain/errors.ts";
import { mentionChannel } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { entryTime } from "./entry-time.ts";

export interface PostUpdateInput {
  incidentId: number;
  /** Set when typed in a workstream channel: posted there and tagged with it. */
  workstreamId: number | null;
  /** Plain text as the person meant it (Slack markup already turned into words). */
  text: string;
  /** `--at`: when the update was actually given, if earlier than now. */
  at: Date | null;
  actorId: string;
  requestKey: string;
}

export async function postUpdate(
  deps: ServiceDeps,
  input: PostUpdateInput,
): Promise<{ text: string; number: number }> {
  const text = input.text.trim();
  if (!text) throw badInput("The update is empty: write what stakeholders should know.");
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    if (incident.status === "closed")
      throw invalidState("This incident is closed: stakeholders were told. Add a `/incident note` instead.");
    const workstream = input.workstreamId ? await repos.workstreams.byId(input.workstreamId) : null;
    const occurredAt = await entryTime(deps, repos, incident, input.at);
    const broadcast = !incident.isPrivate && Boolean(deps.config.incidents.announceChannel);
    const recorded = await recordEvent(
      repos,
      incident,
      { kind: "update_posted", text, broadcast },
      metaFor(deps, input.actorId, {
        occurredAt,
        text,
        workstreamId: workstream?.id ?? null,
        workstream: workstream?.name ?? null,
      }),
      { context: effectContext(deps) },
    );
    const number = recorded.incident.updateCount;
    const announce = deps.config.incidents.announceChannel;
    const mirrored = broadcast && announce ? ` and mirrored to ${mentionChannel(announce)}` : "";
    const privateNote = incident.isPrivate
      ? " (private incident: not mirrored to the announcement channel)"
      : "";
    const asOf = input.at ? ` as of ${formatUtc(occurredAt, true)}` : "";
    return {
      number,
      text: `:white_check_mark: Status update #${number}${asOf} posted${workstream ? ` for \`${workstream.name}\`` : ""}${mirrored}${privateNote}. The update reminder starts over.`,
    };
  });
}
