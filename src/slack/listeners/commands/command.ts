// A command handler: connects one verb's parsed arguments to one use case and its reply.

import type { Deps } from "../../../deps.ts";
import type { Verb } from "../../../domain/command/verb.ts";
import type { Reply } from "../../views/replies/reply.ts";

export interface CommandContext {
  deps: Deps;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  /** The exact text typed after the command name. */
  text: string;
  /** Identifies this request; a retried delivery of it carries the same key. */
  requestKey: string;
  /** Every verb the bot understands (for help and hints). */
  verbs: readonly Verb<unknown>[];
}

/** What the person who typed the command sees (ephemeral unless `inChannel`). */
export type CommandReply = Reply;

export interface CommandHandler<Args> {
  verb: Verb<Args>;
  /** Null when the reply happens elsewhere (a modal opened). */
  run(context: CommandContext, args: Args): Promise<CommandReply | null>;
}

export const defineCommand = <Args>(handler: CommandHandler<Args>): CommandHandler<Args> => handler;
