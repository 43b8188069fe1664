import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

export const helpVerb = defineVerb({
  name: "help",
  aliases: ["?", "commands"],
  syntax: "help",
  summary: "Lists every command with its syntax.",
  group: "Help",
  needsIncident: false,
  arguments: { ...NO_ARGUMENTS, freeText: true },
  parse: () => ({}),
});
