// What a shortcut handler is given: the person, the trigger (for a modal, valid 3 s), and for a
// message shortcut the message as Slack sent it (its words as they are at that moment).
import type { Deps } from "../../../deps.ts";
import type { MessageShortcut } from "../../inbound.ts";
import type { ButtonReply } from "../edge.ts";

export interface ShortcutInput {
  userId: string;
  triggerId: string;
  /** Message shortcuts only: where the message is, where to answer, and the message. */
  channelId?: string;
  responseUrl?: string;
  message?: MessageShortcut["message"];
}

export type ShortcutHandler = (deps: Deps, input: ShortcutInput) => Promise<ButtonReply | null>;
