import { badInput } from "../../errors.ts";
import { parseSeverity, type Severity } from "../../incident/severity.ts";
import { AT_OPTION, atOption } from "../at-option.ts";
import { defineVerb } from "../verb.ts";

export const sevVerb = defineVerb<{ severity: Severity; reason: string; at: string | null }>({
  name: "sev",
  aliases: ["severity", "escalate"],
  syntax: "sev <1-4> [--at <time>] <reason>",
  summary: "Escalates or de-escalates; the reason goes into the severity ledger.",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: AT_OPTION, freeText: true },
  parse(parsed) {
    const level = parsed.words[0];
    if (!level)
      throw badInput(
        "Give the new severity and why, e.g. `/incident sev 1 checkout failing in all regions`.",
      );
    const severity = parseSeverity(level.value);
    const reason = parsed.textFrom(1);
    if (!reason) throw badInput("A reason is required: say why the severity changes.");
    return { severity, reason, at: atOption(parsed) };
  },
});
