// Finds the verb a command text starts with and parses the rest with that verb's grammar.
import { DomainError } from "../errors.ts";
import { escapeMrkdwn } from "../text/mrkdwn.ts";
import { parseArguments } from "./arguments.ts";
import { tokenize } from "./tokenize.ts";
import type { Verb } from "./verb.ts";

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

export function parseCommand(
  verbs: readonly Verb<unknown>[],
  text: string,
  defaultVerb: string,
): ParsedCommand<unknown> {
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
