// Postmortem drafts: rendered when delivered (from the database, as of the generation time
// the intent carries) and uploaded to the incident's own channel, never anywhere else, so a
// private incident's draft stays with its members.

import { incidentForDraft } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { slackNames } from "../../services/postmortem/names.ts";
import { type Draft, renderDraft } from "../../services/postmortem/render-draft.ts";
import { postmortemTemplate } from "../../services/postmortem/template-file.ts";
import type { Gateway, WebAPICallResult } from "../../slack/gateway.ts";
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

export async function deliverPostmortemCanvas(
  intent: IntentOf<"postmortem.canvas">,
  _attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const channel = await channelOfScope(deps.database.db, { incidentId: intent.incidentId });
  const draft = await draftOf(deps, intent.incidentId, intent.generatedAt);
  const canvas = await deps.gateway.createCanvas({ channel, title: draft.title, markdown: draft.markdown });
  return { canvasId: canvas.id };
}
