// The grammar of one `/incident` verb: how it is written, what it does, how its text parses.
import type { ArgumentSpec, ParsedArguments } from "./arguments.ts";

export type VerbGroup =
  | "Incidents"
  | "People and roles"
  | "Workstreams and recovery"
  | "Timeline"
  | "Shifts"
  | "Postmortem"
  | "Help";

export interface Verb<Args> {
  name: string;
  aliases?: readonly string[];
  /** How it is written after `/incident`, e.g. `sev <1-4> <reason>`. */
  syntax: string;
  summary: string;
  group: VerbGroup;
  /** Whether the verb acts on an incident, so it must be typed in an incident's channel. */
  needsIncident: boolean;
  arguments: ArgumentSpec;
  /** Turns the parsed text into the verb's arguments; throws bad_input with a clear message. */
  parse(parsed: ParsedArguments): Args;
}

export const defineVerb = <Args>(verb: Verb<Args>): Verb<Args> => verb;

export const NO_ARGUMENTS: ArgumentSpec = { options: {}, freeText: false };
