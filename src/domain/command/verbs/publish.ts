// `/incident publish`: shows the incident on the public status page — its title, its recovery
// board's states and its `--public` updates; nothing else.
import { badInput } from "../../errors.ts";
import { defineVerb } from "../verb.ts";

export const publishVerb = defineVerb<Record<string, never>>({
  name: "publish",
  syntax: "publish",
  summary:
    "Shows this incident on the public status page: its title, recovery board and updates posted with `update --public` (never notes, internal updates or names). Private incidents cannot be published. For the incident commander, the communications lead or an incident admin.",
  group: "Timeline",
  needsIncident: true,
  arguments: { options: {}, freeText: true },
  parse(parsed) {
    if (parsed.textFrom(0))
      throw badInput(
        "`/incident publish` takes nothing after it: it publishes this incident's title. Post what customers should read with `/incident update --public <text>`.",
      );
    return {};
  },
});
