// Buttons of the timeline: a reminder's "Post update" and "Snooze", and the timeline view's
// Earlier / Later pages. Each is checked (by its use case) against the person who clicked.
import { z } from "zod";
import { badInput } from "../../../domain/errors.ts";
import { readTimeline } from "../../../services/timeline/read-timeline.ts";
import { prepareUpdateForm, snoozeFromReminder } from "../../../services/timeline/reminder-buttons.ts";
import { sealForm } from "../../form-seal.ts";
import { postUpdateModal } from "../../views/post-update-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import { timelineView } from "../../views/timeline-view.ts";
import type { SnoozeMinutes } from "../../views/update-reminder.ts";
import { pickerSeconds } from "../../views/when-field.ts";
import type { ActionHandler } from "./action.ts";

function incidentIdOf(value: string): number {
  const id = z.coerce.number().int().positive().safeParse(value);
  if (!id.success) throw badInput("That button is not valid any more.");
  return id.data;
}

export const openUpdateForm: ActionHandler = async (deps, input) => {
  const incident = await prepareUpdateForm(deps, {
    incidentId: incidentIdOf(input.value),
    actorId: input.userId,
  });
  const openedAt = deps.clock.now();
  await deps.gateway.openView(
    input.triggerId,
    sealForm(
      deps.config,
      postUpdateModal(
        { incidentId: incident.id, shownAt: pickerSeconds(openedAt) },
        incident,
        Boolean(deps.config.incidents.announceChannel),
        openedAt,
      ),
      input.userId,
    ),
  );
  return null;
};

export function snoozeFor(minutes: SnoozeMinutes): ActionHandler {
  return async (deps, input) => {
    const incidentId = incidentIdOf(input.value);
    const source =
      input.channelId && input.messageTs ? { channelId: input.channelId, ts: input.messageTs } : null;
    const result = await snoozeFromReminder(deps, {
      incidentId,
      minutes,
      actorId: input.userId,
      source,
      // A double click (or a second person clicking the same button) snoozes once.
      requestKey: `snooze:${incidentId}:${input.messageTs ?? input.triggerId}:${minutes}`,
    });
    return renderResult(result);
  };
}

const cursorSchema = z.object({
  incidentId: z.number().int().positive(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(100),
  workstreamId: z.number().int().positive().nullable(),
  since: z.iso.datetime().nullable(),
});

export const showTimelinePage: ActionHandler = async (deps, input) => {
  let cursor: z.infer<typeof cursorSchema>;
  try {
    cursor = cursorSchema.parse(JSON.parse(input.value));
  } catch {
    throw badInput("That button is not valid any more; type `/incident timeline` again.");
  }
  const page = await readTimeline(deps, {
    incidentId: cursor.incidentId,
    viewerId: input.userId,
    workstream: cursor.workstreamId ? { id: cursor.workstreamId } : null,
    since: cursor.since ? new Date(cursor.since) : null,
    position: { kind: "offset", offset: cursor.offset, limit: cursor.limit },
  });
  // The page replaces the one the button was on (read-only: nothing to record).
  return { ...timelineView(page), replaceOriginal: true };
};
