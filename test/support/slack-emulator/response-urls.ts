// response_url endpoints: up to 5 posts within 30 minutes, each a message that replaces or
// deletes the original, goes to the channel (in_channel) or to the user (ephemeral, default).
import { isRecord } from "./args.ts";
import { SlackApiError } from "./errors.ts";
import { messageContent } from "./methods/message-content.ts";
import type { ResponseUrlContext, Workspace } from "./workspace.ts";

export const MAX_RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export interface RespondOutcome {
  status: number;
  body: string;
  violation?: { error: string; reason: string };
  /** The parsed body, when it was JSON. */
  payload?: Record<string, unknown>;
}

export function createResponseUrl(ws: Workspace, context: ResponseUrlContext): string {
  const id = `${ws.identity.teamId}/${ws.ids.next("")}/${ws.ids.alnum(24)}`;
  ws.responseUrls.set(id, { context, bodies: [], createdAt: ws.now() });
  return `${ws.baseUrl}respond/${id}`;
}

export function respond(ws: Workspace, id: string, raw: Buffer): RespondOutcome {
  const state = ws.responseUrls.get(id);
  if (!state)
    return {
      status: 404,
      body: "no_such_url",
      violation: { error: "no_such_url", reason: `unknown response_url ${id}` },
    };
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString("utf8"));
  } catch {
    return {
      status: 400,
      body: "invalid_payload",
      violation: { error: "invalid_payload", reason: "response_url body must be JSON" },
    };
  }
  if (!isRecord(payload)) {
    return {
      status: 400,
      body: "invalid_payload",
      violation: { error: "invalid_payload", reason: "response_url body must be a JSON object" },
    };
  }
  if (ws.now() - state.createdAt > RESPONSE_URL_TTL_MS) return { status: 404, body: "expired_url", payload };
  if (state.bodies.length >= MAX_RESPONSE_URL_USES) {
    const reason = `response_url used more than ${MAX_RESPONSE_URL_USES} times`;
    return { status: 404, body: "used_url", violation: { error: "used_url", reason }, payload };
  }
  try {
    apply(ws, state.context, payload);
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    const violation = { error: error.code, reason: error.violation ?? error.code };
    return { status: 400, body: error.code, violation, payload };
  }
  state.bodies.push(payload);
  return { status: 200, body: JSON.stringify({ ok: true }), payload };
}

function apply(ws: Workspace, context: ResponseUrlContext, payload: Record<string, unknown>): void {
  const { channelId, userId, messageTs, isEphemeral } = context;
  const flag = (key: string) => payload[key] === true || payload[key] === "true";
  const original = channelId && messageTs && !isEphemeral ? ws.findMessage(channelId, messageTs) : undefined;
  if (flag("delete_original")) {
    if (original) ws.deleteMessage(original.channel, original.ts);
    return;
  }
  const content = messageContent(payload, true);
  if (flag("replace_original") && original) {
    if (content.text !== undefined) original.text = content.text;
    if (content.blocks !== undefined) original.blocks = ws.withIds(content.blocks);
    original.edited = { user: ws.identity.botUserId, ts: ws.tsClock.next() };
    return;
  }
  if (!channelId) return;
  const threadTs =
    typeof payload.thread_ts === "string" && payload.thread_ts !== "" ? payload.thread_ts : undefined;
  if (payload.response_type === "in_channel") {
    ws.post(channelId, {
      text: content.text ?? "",
      user: ws.identity.botUserId,
      botId: ws.identity.botId,
      threadTs,
      blocks: content.blocks,
    });
    return;
  }
  if (!userId) return;
  ws.ephemerals.push({
    ephemeral: true,
    channel: channelId,
    user: userId,
    ts: ws.tsClock.next(),
    ...(threadTs !== undefined ? { threadTs } : {}),
    text: content.text ?? "",
    ...(content.blocks !== undefined ? { blocks: ws.withIds(content.blocks) } : {}),
  });
}
