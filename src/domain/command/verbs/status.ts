import { badInput } from "../../errors.ts";
import { parseSettableStatus, SETTABLE_STATUSES, type SettableStatus } from "../../incident/status.ts";
import { AT_OPTION, atOption } from "../at-option.ts";
import { defineVerb } from "../verb.ts";

export const statusVerb = defineVerb<{ status: SettableStatus; message: string; at: string | null }>({
  name: "status",
  syntax: `status <${SETTABLE_STATUSES.join("|")}> [--at <time>] [message]`,
  summary:
    "Moves the incident (or, in a workstream channel, the workstream) along; resolved records the resolution time.",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: AT_OPTION, freeText: true },
  parse(parsed) {
    const word = parsed.words[0];
    if (!word) throw badInput(`Give the new status: ${SETTABLE_STATUSES.join(", ")}.`);
    return { status: parseSettableStatus(word.value), message: parsed.textFrom(1), at: atOption(parsed) };
  },
});

export const reopenVerb = defineVerb<{ reason: string }>({
  name: "reopen",
  syntax: "reopen [reason]",
  summary: "Reopens a resolved incident (back to investigating).",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: {}, freeText: true },
  parse: (parsed) => ({ reason: parsed.textFrom(0) }),
});
