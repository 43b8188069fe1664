// From a queued message's model to what Slack is sent: checked against the models this version
// knows (an older row is refused with a clear error, never half-rendered), references read,
// then rendered by src/slack/views.
import { loadIncidentView } from "../../db/queries/incident-view.ts";
import type { Deps } from "../../deps.ts";
import { type RenderedMessage, renderMessage } from "../../slack/views/render-message.ts";
import { parseMessageModel } from "../messages.ts";

export async function renderQueued(deps: Deps, queued: unknown): Promise<RenderedMessage[]> {
  const model = parseMessageModel(queued);
  if (model.view !== "welcome") return renderMessage(model);
  const incident = await loadIncidentView(deps.database.db, model.incidentId, deps.database.provider);
  if (!incident) throw new Error(`incident ${model.incidentId} does not exist`);
  return renderMessage(model, { incident });
}
