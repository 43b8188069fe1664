// `/incident list [--page N]`.
import { badInput } from "../../errors.ts";
import { pageOption } from "../arguments.ts";
import { defineVerb } from "../verb.ts";

export interface ListArgs {
  /** 1-based page of the list. */
  page: number;
}

export const listVerb = defineVerb<ListArgs>({
  name: "list",
  aliases: ["ls"],
  syntax: "list [--page <n>]",
  summary: "Lists the open incidents you can see, worst first, a page at a time.",
  group: "Incidents",
  needsIncident: false,
  arguments: { options: { page: { value: true } }, freeText: false },
  parse(parsed) {
    if (parsed.words.length) throw badInput("`list` takes only `--page <n>`.");
    return { page: pageOption(parsed.options.get("page")) ?? 1 };
  },
});
