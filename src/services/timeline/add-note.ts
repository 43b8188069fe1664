// An internal timeline entry: not posted anywhere. Tagged notes feed the postmortem's root
// cause and lessons sections. Allowed after closing, for notes written during the review.
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { entryTime } from "./entry-time.ts";

export interface AddNoteInput {
  incidentId: number;
  workstreamId: number | null;
  text: string;
  tag: "cause" | "lesson" | null;
  at: Date | null;
  actorId: string;
  requestKey: string;
}

export async function addNote(deps: ServiceDeps, input: AddNoteInput): Promise<{ text: string }> {
  const text = input.text.trim();
  if (!text) throw badInput("The note is empty.");
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    const occurredAt = await entryTime(deps, repos, incident, input.at);
    await recordEvent(
      repos,
      incident,
      { kind: "note_added", text, tag: input.tag },
      metaFor(deps, input.actorId, {
        occurredAt,
        text,
        tag: input.tag,
        workstreamId: input.workstreamId,
      }),
      { context: effectContext(deps) },
    );
    const tagged = input.tag ? ` (tagged *${input.tag}* for the postmortem)` : "";
    return {
      text: `:memo: Noted in the timeline at ${formatUtc(occurredAt, true)}${tagged}, visible to responders only: ${escapeMrkdwn(truncate(text, 500))}`,
    };
  });
}
