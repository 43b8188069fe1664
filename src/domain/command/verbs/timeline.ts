// `/incident timeline [--all] [--workstream name] [--since <time>] [--page N]`.
import { badInput } from "../../errors.ts";
import { pageOption } from "../arguments.ts";
import { defineVerb } from "../verb.ts";

export interface TimelineArgs {
  /** From the first entry instead of the most recent ones. */
  all: boolean;
  workstream: string | null;
  /** The `--since` text, parsed against the clock by the handler. */
  since: string | null;
  /** 1-based page counted from the first entry. */
  page: number | null;
}

export const timelineVerb = defineVerb<TimelineArgs>({
  name: "timeline",
  aliases: ["tl", "history"],
  syntax: "timeline [--all] [--workstream <name>] [--since <time>] [--page <n>]",
  summary:
    "Shows the timeline to you only, oldest first, in UTC and your time zone: the most recent entries by default, `--all` from the start.",
  group: "Timeline",
  needsIncident: true,
  arguments: {
    options: {
      all: { value: false },
      workstream: { value: true },
      since: { value: true },
      page: { value: true },
    },
    freeText: false,
  },
  parse(parsed) {
    if (parsed.words.length) {
      throw badInput(
        "`timeline` takes only options: `--all`, `--workstream <name>`, `--since <time>`, `--page <n>`.",
      );
    }
    const workstream = parsed.options.get("workstream");
    const since = parsed.options.get("since");
    const page = parsed.options.get("page");
    if (workstream === true || since === true || page === true)
      throw badInput("`--workstream`, `--since` and `--page` need a value.");
    return {
      all: parsed.options.get("all") === true,
      workstream: workstream ?? null,
      since: since ?? null,
      page: pageOption(page) ?? null,
    };
  },
});
