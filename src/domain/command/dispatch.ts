// Finds the verb a command text starts with and parses the rest with that verb's grammar.
import { DomainError } from "../errors.ts";
import { firstControlCharacter } from "../text/control-characters.ts";
import { escapeMrkdwn } from "../text/mrkdwn.ts";
import { parseArguments } from "./arguments.ts";
import { tokenize } from "./tokenize.ts";
import type { Verb } from "./verb.ts";
import { ENTRY_TEXT_MAX } from "./verbs/update.ts";

export interface ParsedCommand<Args> {
  verb: Verb<Args>;
  args: Args;
}

/** Thrown for text that fits no verb or breaks a verb's grammar; carries the syntax to show. */
export class CommandSyntaxError extends DomainError {
  constructor(
    userMessage: string,
    readonly verb: Verb<unknown> | undefined,
  ) {
    super("bad_input", userMessage);
    this.name = "CommandSyntaxError";
  }
}

export function findVerb(verbs: readonly Verb<unknown>[], word: string): Verb<unknown> | undefined {
  const name = word.toLowerCase();
  return verbs.find((v) => v.name === name || v.aliases?.includes(name));
}

/**
 * The longest command text parsed. The longest legitimate command is an update or note of
 * ENTRY_TEXT_MAX characters plus its options; checked before any parsing, so that no text,
 * however long, costs the process more than a glance.
 */
export const COMMAND_TEXT_MAX = 2 * ENTRY_TEXT_MAX;

/** Refuses text no verb should ever see, with a message saying what to change. */
export function assertAcceptableText(text: string): void {
  if (text.length > COMMAND_TEXT_MAX) {
    throw new CommandSyntaxError(
      `That command is ${text.length.toLocaleString("en")} characters long; I take at most ${COMMAND_TEXT_MAX.toLocaleString("en")} (an update or note holds ${ENTRY_TEXT_MAX.toLocaleString("en")}). Shorten it or split it into several.`,
      undefined,
    );
  }
  const control = firstControlCharacter(text);
  if (control) {
    throw new CommandSyntaxError(
      `The text contains an invisible control character (${control.name}) at position ${control.index + 1}, probably from a copy and paste. Remove it and try again; nothing was recorded.`,
      undefined,
    );
  }
}

export function parseCommand(
  verbs: readonly Verb<unknown>[],
  text: string,
  defaultVerb: string,
): ParsedCommand<unknown> {
  assertAcceptableText(text);
  const first = tokenize(text)[0];
  const verb = findVerb(verbs, first?.value ?? defaultVerb);
  if (!verb) {
    const typed = escapeMrkdwn((first?.value ?? "").slice(0, 40));
    const near = verbs.filter(
      (v) =>
        typed && (v.name.startsWith(typed.slice(0, 2).toLowerCase()) || v.name.includes(typed.toLowerCase())),
    );
    const hint = near.length ? ` Did you mean ${near.map((v) => `\`${v.name}\``).join(" or ")}?` : "";
    throw new CommandSyntaxError(
      `I don't know the command \`${typed}\`.${hint} Type \`/incident help\` for the list.`,
      undefined,
    );
  }
  const rest = first ? text.slice(first.end) : "";
  try {
    return { verb, args: verb.parse(parseArguments(rest, verb.arguments)) };
  } catch (error) {
    if (error instanceof DomainError && error.code === "bad_input")
      throw new CommandSyntaxError(error.userMessage, verb);
    throw error;
  }
}
