// What Slack does with the app's answer to a view_submission: close the view (empty ack),
// show field errors, update or push a view, or clear the whole stack.
import { isRecord } from "./args.ts";
import { checkView } from "./block-kit-rules.ts";
import { violate, violateAll } from "./errors.ts";
import { openStack, pushModal, replaceView } from "./methods/views.ts";
import type { ViewRecord } from "./types.ts";
import type { Workspace } from "./workspace.ts";

/** `answer`: the JSON body the app acknowledged with (undefined or "" for an empty ack). */
export function applySubmissionAnswer(ws: Workspace, record: ViewRecord, answer: unknown): void {
  if (answer === undefined || answer === "" || (isRecord(answer) && answer.response_action === undefined)) {
    record.open = false;
    return;
  }
  if (!isRecord(answer))
    violate("invalid_response", "a view_submission answer must be empty or a JSON object");
  switch (answer.response_action) {
    case "errors":
      record.errors = fieldErrors(record, answer.errors);
      return;
    case "update":
      violateAll(checkView(answer.view, "modal"));
      replaceView(ws, record, answer.view as Record<string, unknown>);
      return;
    case "push":
      violateAll(checkView(answer.view, "modal"));
      pushModal(ws, record.user, answer.view as Record<string, unknown>);
      return;
    case "clear":
      for (const id of openStack(ws, record.user)) ws.views.get(id)!.open = false;
      return;
    default:
      violate("invalid_response", `unknown response_action ${String(answer.response_action)}`);
  }
}

/** Slack only shows errors keyed by the block_id of an input block in the view. */
function fieldErrors(record: ViewRecord, errors: unknown): Record<string, string> {
  if (!isRecord(errors) || Object.keys(errors).length === 0) {
    violate("invalid_response", "response_action errors needs a non-empty `errors` object");
  }
  const blocks = Array.isArray(record.view.blocks) ? record.view.blocks : [];
  const inputIds = new Set(
    blocks
      .filter((block) => isRecord(block) && block.type === "input")
      .map((block) => (block as Record<string, unknown>).block_id),
  );
  const result: Record<string, string> = {};
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputIds.has(blockId))
      violate("invalid_response", `errors names ${blockId}, which is not an input block of the view`);
    if (typeof message !== "string" || message === "")
      violate("invalid_response", `error for ${blockId} must be a non-empty string`);
    result[blockId] = message;
  }
  return result;
}
