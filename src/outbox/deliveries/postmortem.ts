// Postmortem drafts: rendered when delivered (from the database, as of the generation time
// the intent carries) and uploaded to the incident's own channel, never anywhere else, so a
// private incident's draft stays with its members.

import { incidentForDraft } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { incidentPageUrl } from "../../services/incident-page-url.ts";
import { slackNames } from "../../services/postmortem/names.ts";
import { type Draft, renderDraft } from "../../services/postmortem/render-draft.ts";
import { postmortemTemplate } from "../../services/postmortem/template-file.ts";
import { type Gateway, SlackCallError, type WebAPICallResult } from "../../slack/gateway.ts";
import { postmortemMessage } from "../../slack/views/postmortem-message.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";
import { channelOfScope } from "./channels.ts";

async function draftOf(deps: Deps, incidentId: number, generatedAt: string): Promise<Draft> {
  const incident = await incidentForDraft(deps.database.db, incidentId);
  return renderDraft(deps.store.read.views, incident, {
    generatedAt: new Date(generatedAt),
    displayTimeZone: deps.config.incidents.displayTimeZone ?? null,
    names: slackNames(deps),
    template: postmortemTemplate(deps.config.incidents.postmortemTemplate),
    updateCadence: deps.config.incidents.reminderCadence,
    locale: deps.config.incidents.postmortemLocale,
    incidentPageUrl: incidentPageUrl(deps.config, incident.number),
  });
}

type HistoryWithFiles = WebAPICallResult & { messages?: { files?: { name?: string }[] }[] };

/**
 * After an attempt that may have reached Slack (the process stopped mid-upload), looks for
 * the file in the channel before uploading it again: each draft's file name is unique.
 */
async function alreadyUploaded(
  gateway: Gateway,
  channel: string,
  filename: string,
  attempt: DeliveryAttempt,
) {
  // Slack stamps messages with real time: look back a day from when the draft was queued.
  const oldest = (
    (Math.min(Date.now(), attempt.message.createdAt.getTime()) - 24 * 3_600_000) /
    1000
  ).toFixed(6);
  try {
    const history = await gateway.call<HistoryWithFiles>("conversations.history", {
      channel,
      oldest,
      limit: 200,
    });
    return (history.messages ?? []).some((m) => m.files?.some((f) => f.name === filename));
  } catch {
    return false;
  }
}

export async function deliverPostmortemUpload(
  intent: IntentOf<"postmortem.upload">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const channel = await channelOfScope(deps.database.db, { incidentId: intent.incidentId });
  const draft = await draftOf(deps, intent.incidentId, intent.generatedAt);
  if (attempt.previouslyAttempted && (await alreadyUploaded(deps.gateway, channel, draft.filename, attempt)))
    return { filename: draft.filename, alreadyUploaded: true };
  await deps.gateway.uploadFile({
    channel,
    filename: draft.filename,
    title: draft.title,
    content: draft.markdown,
    comment: postmortemMessage(draft.document, intent.reason),
    alongside: [draft.timeline],
  });
  return {
    filename: draft.filename,
    bytes: Buffer.byteLength(draft.markdown),
    timeline: draft.timeline.filename,
    timelineBytes: Buffer.byteLength(draft.timeline.content),
  };
}

/** One canvas per draft: its title names the generation time, so a lookup finds only this one. */
export function canvasTitle(draft: Draft, generatedAt: string): string {
  return `${draft.title}, ${generatedAt.slice(0, 19).replace("T", " ")} UTC`;
}

export async function deliverPostmortemCanvas(
  intent: IntentOf<"postmortem.canvas">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const channel = await channelOfScope(deps.database.db, { incidentId: intent.incidentId });
  const draft = await draftOf(deps, intent.incidentId, intent.generatedAt);
  const title = canvasTitle(draft, intent.generatedAt);
  // The worker recorded this attempt before the call (markSending): an earlier one may have
  // created the canvas before the process stopped, so look for it by title before creating.
  if (attempt.previouslyAttempted) {
    const existing = await findCanvasOrNull(deps, channel, title);
    if (existing) return { canvasId: existing.id, alreadyCreated: true };
  }
  const canvas = await deps.gateway.createCanvas({ channel, title, markdown: draft.markdown });
  return { canvasId: canvas.id };
}

/**
 * The lookup's failures are retried like any delivery's (creating blindly is what made
 * duplicates), except a workspace that has not granted `files:read` yet: it gets the canvas,
 * as before the lookup existed, and the log says why a duplicate is possible.
 */
async function findCanvasOrNull(deps: Deps, channel: string, title: string) {
  try {
    return await deps.gateway.findCanvas({ channel, title });
  } catch (error) {
    if (
      error instanceof SlackCallError &&
      error.failure.kind === "permanent" &&
      error.failure.error === "missing_scope"
    ) {
      deps.logger.warn(
        { channel },
        "files:read is not granted: cannot look for a canvas created before a restart",
      );
      return null;
    }
    throw error;
  }
}
