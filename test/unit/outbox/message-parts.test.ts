// A message model that renders to several posts (a long handoff brief): each part is posted
// once, in order, even when an attempt stopped half-way and is tried again.
import { describe, expect, it } from "vitest";
import type { QueuedMessage } from "../../../src/db/repositories/outbox.ts";
import type { Deps } from "../../../src/deps.ts";
import { DELIVERIES } from "../../../src/outbox/deliveries/index.ts";
import type { IntentOf } from "../../../src/outbox/intents.ts";
import type { MessageOf } from "../../../src/outbox/messages.ts";
import type { Gateway, HistoryMessage } from "../../../src/slack/gateway.ts";
import { renderMessage } from "../../../src/slack/views/render-message.ts";

const long = (word: string) => `${word} `.repeat(700).trim();

const brief: MessageOf<"handoff_brief"> = {
  view: "handoff_brief",
  audience: "channel",
  handoffId: 12,
  incidentNumber: 7,
  channelId: "C0INCIDENT",
  role: "commander",
  workstream: null,
  fromUserId: "U0OUT",
  toUserId: "U0IN",
  brief: {
    currentState: long("state"),
    triedOrRuledOut: long("tried"),
    openActions: long("actions"),
    risks: long("risks"),
    nextCheckpoint: long("next"),
  },
  revision: false,
};

/** A channel that keeps what was posted; the first `failAfter` posts succeed, then one fails. */
function fakeSlack(failAfter = Number.POSITIVE_INFINITY) {
  const posted: HistoryMessage[] = [];
  let calls = 0;
  const gateway = {
    async postMessage(args: { metadata?: HistoryMessage["metadata"] }) {
      calls++;
      if (calls === failAfter + 1) throw new Error("socket hang up");
      const message = { ts: `${1000 + posted.length}.000100`, metadata: args.metadata };
      posted.push(message);
      return { channel: "C0INCIDENT", ts: message.ts };
    },
    async recentMessages() {
      return posted;
    },
  } as unknown as Gateway;
  return { gateway, posted };
}

const queued: QueuedMessage = {
  id: 41,
  lane: "channel:C0INCIDENT",
  kind: "message.post",
  payload: null,
  attempts: 0,
  nextAttemptAt: new Date(),
  sendingAt: null,
  createdAt: new Date(),
};

describe("a message that renders to several posts", () => {
  const intent: IntentOf<"message.post"> = {
    kind: "message.post",
    target: { channelId: "C0INCIDENT" },
    message: brief,
  };

  it("renders a long brief as several messages, the Accept button only on the last", () => {
    const parts = renderMessage(brief);
    expect(parts.length).toBeGreaterThan(1);
    const withButton = parts.map((part) => JSON.stringify(part.blocks).includes('"actions"'));
    expect(withButton).toEqual(parts.map((_, i) => i === parts.length - 1));
  });

  it("posts every part exactly once when an attempt stopped half-way and is retried", async () => {
    const parts = renderMessage(brief).length;
    const { gateway, posted } = fakeSlack(1);
    const deps = { gateway, database: { db: {} } } as unknown as Deps;
    await expect(
      DELIVERIES["message.post"](intent, { message: queued, previouslyAttempted: false }, deps),
    ).rejects.toThrow("socket hang up");
    expect(posted).toHaveLength(1);

    await DELIVERIES["message.post"](
      intent,
      { message: { ...queued, sendingAt: new Date() }, previouslyAttempted: true },
      deps,
    );
    const partsPosted = posted.map((m) => m.metadata?.event_payload?.part ?? 0);
    expect(partsPosted).toEqual(Array.from({ length: parts }, (_, i) => i));
    expect(posted.every((m) => m.metadata?.event_payload?.outbox_id === queued.id)).toBe(true);
  });
});
