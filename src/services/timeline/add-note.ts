// An internal timeline entry: not posted anywhere. Tagged notes feed the postmortem's root
// cause and lessons sections. Allowed after closing, for notes written during the review.
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import { recordEvent } from "../../events/record-event.ts";
import type { NoteAdded } from "../results.ts";
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

export async function addNote(deps: ServiceDeps, input: AddNoteInput): Promise<NoteAdded> {
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
    return { kind: "note_added", occurredAt: occurredAt.toISOString(), tag: input.tag, text };
  });
}
