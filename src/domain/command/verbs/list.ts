import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

export const listVerb = defineVerb<Record<string, never>>({
  name: "list",
  aliases: ["ls"],
  syntax: "list",
  summary: "Lists the open incidents you can see.",
  group: "Incidents",
  needsIncident: false,
  arguments: NO_ARGUMENTS,
  parse: () => ({}),
});
