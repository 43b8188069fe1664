// What a button handler is given and returns: the click, read from Slack's payload by
// register.ts, and the answer the edge shows the person who clicked.
import type { Deps } from "../../../deps.ts";
import type { ButtonReply } from "../edge.ts";

export interface ActionInput {
  userId: string;
  value: string;
  triggerId: string;
  channelId: string | undefined;
  messageTs: string | undefined;
  responseUrl: string | undefined;
  viewId: string | undefined;
}

export type ActionHandler = (deps: Deps, input: ActionInput) => Promise<ButtonReply | null>;
