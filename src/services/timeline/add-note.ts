// An internal timeline entry: not posted anywhere. Tagged notes feed the postmortem's root
// cause and lessons sections. Allowed after closing, for notes written during the review.
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import { recordEvent } from "../../events/record-event.ts";
import type { NoteAdded } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChangeOrReplay } from "../support.ts";
import { entryTime } from "./entry-time.ts";
import { nameMentionsLater } from "./late-names.ts";

export interface AddNoteInput {
  incidentId: number;
  workstreamId: number | null;
  text: string;
  tag: "cause" | "lesson" | null;
  at: Date | null;
  /** People `text` names by bare ID because Slack did not name them in time (humanizeNoting). */
  unnamedMentions?: string[];
  actorId: string;
  requestKey: string;
}

export async function addNote(deps: ServiceDeps, input: AddNoteInput): Promise<NoteAdded> {
  const text = input.text.trim();
  if (!text) throw badInput("The note is empty.");
  // Set when this call recorded the entry (not on a retry answered from the first time).
  let entryId: number | null = null;
  const { value: added, replayed } = await runChangeOrReplay(
    deps,
    input.requestKey,
    async (repos): Promise<NoteAdded> => {
      const incident = await lockedIncident(repos, input.incidentId);
      const occurredAt = await entryTime(deps, repos, incident, input.at);
      const recorded = await recordEvent(
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
      entryId = recorded.entryId;
      return { kind: "note_added", occurredAt: occurredAt.toISOString(), tag: input.tag, text };
    },
    { incidentId: input.incidentId },
  );
  if (entryId !== null && !replayed) nameMentionsLater(deps, entryId, input.unnamedMentions ?? []);
  return added;
}
