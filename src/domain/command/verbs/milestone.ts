import { badInput } from "../../errors.ts";
import { earlierResolutionOrdinal } from "../../incident/resolutions.ts";
import { AT_OPTION, atOption } from "../at-option.ts";
import { defineVerb } from "../verb.ts";

export const KNOWN_MILESTONES = [
  "impact-started",
  "detected",
  "declared",
  "mitigated",
  "resolved",
  "backfill-complete",
];

export interface MilestoneArgs {
  name: string;
  /** The `--at` text, parsed against the clock by the handler. */
  at: string | null;
  note: string;
}

export const milestoneVerb = defineVerb<MilestoneArgs>({
  name: "milestone",
  aliases: ["moment"],
  syntax: "milestone <name> [--at <time>] [note]",
  summary: `Records a named moment (${KNOWN_MILESTONES.join(", ")} or any name); on an existing one, corrects it and keeps the original.`,
  group: "Timeline",
  needsIncident: true,
  arguments: { options: AT_OPTION, freeText: true },
  parse(parsed) {
    const name = parsed.words[0]?.value.toLowerCase();
    if (!name) throw badInput("Name the milestone, e.g. `milestone detected --at 06:05`.");
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name))
      throw badInput("A milestone name is 1–40 characters of a-z, 0-9, `-` or `_`.");
    if (earlierResolutionOrdinal(name) !== null)
      throw badInput(
        `\`${name}\` is kept by the bot for a resolution before a reopen; correct the latest with \`milestone resolved --at <time>\`.`,
      );
    return { name, at: atOption(parsed), note: parsed.textFrom(1) };
  },
});
