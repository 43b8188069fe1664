// Reading one message the bot was told about (a reaction names only channel and ts): its
// author, text and permalink. Top-level messages come from conversations.history, thread
// replies from conversations.replies.
import type { Gateway, WebAPICallResult } from "./gateway.ts";

export interface SlackMessage {
  ts: string;
  text: string;
  userId: string | null;
  botId: string | null;
  /** The parent's ts when the message is a reply in a thread. */
  threadTs: string | null;
}

export interface RawMessage {
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  attachments?: { fallback?: string; pretext?: string; text?: string }[];
}

export function toMessage(raw: RawMessage): SlackMessage {
  // Apps often put everything in attachments and leave `text` empty.
  const attached = (raw.attachments ?? [])
    .map((a) => a.text || a.fallback || a.pretext || "")
    .filter(Boolean)
    .join("\n");
  return {
    ts: raw.ts ?? "",
    text: raw.text || attached,
    userId: raw.user ?? null,
    botId: raw.bot_id ?? null,
    threadTs: raw.thread_ts && raw.thread_ts !== raw.ts ? raw.thread_ts : null,
  };
}

export async function lookUpMessage(
  gateway: Gateway,
  channel: string,
  ts: string,
): Promise<SlackMessage | null> {
  const history = await gateway.call<{ messages?: RawMessage[] } & WebAPICallResult>(
    "conversations.history",
    {
      channel,
      latest: ts,
      inclusive: true,
      limit: 1,
    },
  );
  const top = history.messages?.find((m) => m.ts === ts);
  if (top) return toMessage(top);
  // Not a top-level message: a reply in a thread (`ts` may name any message of the thread).
  const replies = await gateway.call<{ messages?: RawMessage[] } & WebAPICallResult>(
    "conversations.replies",
    {
      channel,
      ts,
      oldest: ts,
      inclusive: true,
      limit: 200,
    },
  );
  const reply = replies.messages?.find((m) => m.ts === ts);
  return reply ? toMessage(reply) : null;
}

export async function permalinkOf(gateway: Gateway, channel: string, ts: string): Promise<string | null> {
  const r = await gateway.call<{ permalink?: string } & WebAPICallResult>("chat.getPermalink", {
    channel,
    message_ts: ts,
  });
  return r.permalink && /^https:\/\//.test(r.permalink) ? r.permalink : null;
}
