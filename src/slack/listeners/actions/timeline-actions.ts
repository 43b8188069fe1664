// Buttons of the timeline: a reminder's "Post update" and "Snooze", and the timeline view's
// Earlier / Later pages. Each is checked against the person who clicked.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput, forbidden, invalidState, notFound } from "../../../domain/errors.ts";
import { assertInIncidentChannel } from "../../../services/timeline/channel-membership.ts";
import { snoozeReminders } from "../../../services/timeline/snooze.ts";
import { timelinePage } from "../../../services/timeline/timeline-page.ts";
import { canSee } from "../../../services/visibility.ts";
import { postUpdateModal } from "../../views/post-update-modal.ts";
import type { SnoozeMinutes } from "../../views/update-reminder.ts";
import type { ActionHandler, ActionInput } from "./register.ts";

async function incidentOf(deps: Deps, value: string) {
  const id = z.coerce.number().int().positive().safeParse(value);
  if (!id.success) throw badInput("That button is not valid any more.");
  const incident = await deps.store.read.incidents.byId(id.data);
  if (!incident) throw notFound("That incident no longer exists.");
  return incident;
}

export const openUpdateForm: ActionHandler = async (deps, input) => {
  const incident = await incidentOf(deps, input.value);
  if (incident.status === "closed") throw invalidState("This incident is closed; no more status updates.");
  await assertInIncidentChannel(deps, incident, input.userId, "post its status updates");
  await deps.gateway.openView(
    input.triggerId,
    postUpdateModal({ incidentId: incident.id }, incident, Boolean(deps.config.incidents.announceChannel)),
  );
  return null;
};

export function snoozeFor(minutes: SnoozeMinutes): ActionHandler {
  return async (deps, input) => {
    const incident = await incidentOf(deps, input.value);
    await assertInIncidentChannel(deps, incident, input.userId, "snooze its update reminders");
    const source =
      input.channelId && input.messageTs ? { channelId: input.channelId, ts: input.messageTs } : null;
    return snoozeReminders(deps, {
      incidentId: incident.id,
      minutes,
      actorId: input.userId,
      source,
      // A double click (or a second person clicking the same button) snoozes once.
      requestKey: `snooze:${incident.id}:${input.messageTs ?? input.triggerId}:${minutes}`,
    });
  };
}

const cursorSchema = z.object({
  incidentId: z.number().int().positive(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(100),
  workstreamId: z.number().int().positive().nullable(),
  since: z.iso.datetime().nullable(),
});

async function respondWith(deps: Deps, input: ActionInput, content: { text: string; blocks: unknown[] }) {
  if (input.responseUrl) {
    // The page replaces the one the button was on (read-only: nothing to record).
    await deps.gateway.respond(input.responseUrl, {
      response_type: "ephemeral",
      replace_original: true,
      ...content,
    });
  } else if (input.channelId) {
    await deps.gateway.postEphemeral({ channel: input.channelId, user: input.userId, ...content });
  }
}

export const showTimelinePage: ActionHandler = async (deps, input) => {
  let cursor: z.infer<typeof cursorSchema>;
  try {
    cursor = cursorSchema.parse(JSON.parse(input.value));
  } catch {
    throw badInput("That button is not valid any more; type `/incident timeline` again.");
  }
  const incident = await incidentOf(deps, String(cursor.incidentId));
  if (!(await canSee(deps, incident, input.userId)))
    throw forbidden("This incident is private; only members of its channel can read its timeline.");
  const workstream = cursor.workstreamId
    ? await deps.store.read.workstreams
        .byId(cursor.workstreamId)
        .then((found) => (found?.incidentId === incident.id ? found : null))
    : null;
  const view = await timelinePage(deps, {
    incident,
    viewerId: input.userId,
    workstream,
    since: cursor.since ? new Date(cursor.since) : null,
    position: { kind: "offset", offset: cursor.offset, limit: cursor.limit },
  });
  await respondWith(deps, input, view);
  return null;
};
