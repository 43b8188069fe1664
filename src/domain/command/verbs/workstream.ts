import { badInput } from "../../errors.ts";
import { parseSettableStatus, type SettableStatus } from "../../incident/status.ts";
import { requireUser, userIdFrom } from "../arguments.ts";
import { atOption } from "../at-option.ts";
import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

export type WorkstreamArgs =
  | { action: "add"; name: string; leadId: string | null; withChannel: boolean; parent: string | null }
  | { action: "lead"; name: string; leadId: string; at: string | null }
  | { action: "status"; name: string; status: SettableStatus; message: string; at: string | null };

export const workstreamVerb = defineVerb<WorkstreamArgs>({
  name: "workstream",
  aliases: ["ws"],
  syntax:
    "workstream add <name> [--lead @user] [--channel] [--parent <workstream>] | workstream <name> lead @user [--at <time>] | workstream <name> status <status> [--at <time>]",
  summary: "Regional or functional workstreams with their own lead, status and (optionally) channel.",
  group: "Workstreams and recovery",
  needsIncident: true,
  arguments: {
    options: {
      lead: { value: true },
      channel: { value: false },
      at: { value: true },
      parent: { value: true },
    },
    freeText: true,
  },
  parse(parsed) {
    const [first, second, third] = parsed.words;
    if (!first) throw badInput("Say what to do: `workstream add us1 --lead @dana --channel`.");
    if (first.value.toLowerCase() === "add") {
      if (!second) throw badInput("Name the workstream: `workstream add us1`.");
      if (third) throw badInput("A workstream name is one word (e.g. `us1`, `ingestion`).");
      if (parsed.options.has("at"))
        throw badInput("`--at` goes with `workstream <name> lead` and `workstream <name> status`.");
      const lead = parsed.options.get("lead");
      if (lead === true) throw badInput("`--lead` needs a person: `--lead @dana`.");
      const leadId = lead
        ? (userIdFrom(lead) ?? requireUser({ value: lead, start: 0, end: 0, quoted: false }, "the lead"))
        : null;
      const parent = parsed.options.get("parent");
      return {
        action: "add",
        name: second.value,
        leadId,
        withChannel: parsed.options.get("channel") === true,
        parent: typeof parent === "string" ? parent : null,
      };
    }
    if (parsed.options.has("lead") || parsed.options.has("channel") || parsed.options.has("parent"))
      throw badInput("`--lead`, `--channel` and `--parent` go with `workstream add`.");
    const at = atOption(parsed);
    const action = second?.value.toLowerCase();
    if (action === "lead")
      return { action: "lead", name: first.value, leadId: requireUser(third, "the new lead"), at };
    if (action === "status") {
      if (!third) throw badInput("Give the workstream's new status.");
      return {
        action: "status",
        name: first.value,
        status: parseSettableStatus(third.value),
        message: parsed.textFrom(3),
        at,
      };
    }
    throw badInput(
      "Use `workstream add <name>`, `workstream <name> lead @user` or `workstream <name> status <status>`.",
    );
  },
});

export const workstreamsVerb = defineVerb<Record<string, never>>({
  name: "workstreams",
  syntax: "workstreams",
  summary: "Lists the workstreams with their leads, status and channels.",
  group: "Workstreams and recovery",
  needsIncident: true,
  arguments: NO_ARGUMENTS,
  parse: () => ({}),
});
