// Verbs of rotations and shift handoffs.
import { badInput } from "../../errors.ts";
import { requireUser } from "../arguments.ts";
import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

function workstreamOption(value: string | true | undefined): string | null {
  if (value === true) throw badInput("`--workstream` needs a name, e.g. `--workstream us1`.");
  return value ?? null;
}

export interface RotationArgs {
  /** The rotation named; with `detach`, null when none was named (whatever is attached). */
  rotation: string;
  workstream: string | null;
  confirm: boolean;
  withGroups: boolean;
  /** `rotation detach [<name>]`: stop following the rotation. */
  detach?: true;
}

export const rotationVerb = defineVerb<RotationArgs>({
  name: "rotation",
  syntax: "rotation <name> [--workstream <name>] [--confirm [--with-groups]]",
  summary:
    "Attaches the incident (or a workstream) to a follow-the-sun rotation: shift changes then prompt handoffs. A private incident first lists who would be added; `--confirm` adds the people it names, `--with-groups` their user groups too. `rotation detach [<name>]` stops following it (commander, lead or admin).",
  group: "Shifts",
  needsIncident: true,
  arguments: {
    options: { workstream: { value: true }, confirm: { value: false }, "with-groups": { value: false } },
    freeText: false,
  },
  parse(parsed) {
    if (parsed.words[0]?.value.toLowerCase() === "detach" && parsed.words.length <= 2) {
      if (parsed.options.has("confirm") || parsed.options.has("with-groups"))
        throw badInput("`rotation detach` takes only `--workstream <name>`.");
      return {
        rotation: parsed.words[1]?.value.toLowerCase() ?? "",
        workstream: workstreamOption(parsed.options.get("workstream")),
        confirm: false,
        withGroups: false,
        detach: true,
      };
    }
    const [name, extra] = parsed.words;
    if (!name)
      throw badInput(
        "Name the rotation: `/incident rotation follow-the-sun`. `/incident rotations` lists them.",
      );
    if (extra) throw badInput("Give one rotation name.");
    const confirm = parsed.options.get("confirm") === true;
    const withGroups = parsed.options.get("with-groups") === true;
    if (withGroups && !confirm) throw badInput("`--with-groups` goes with `--confirm`.");
    return {
      rotation: name.value.toLowerCase(),
      workstream: workstreamOption(parsed.options.get("workstream")),
      confirm,
      withGroups,
    };
  },
});

export const rotationsVerb = defineVerb<{ reload: boolean }>({
  name: "rotations",
  syntax: "rotations [reload]",
  summary: "Lists the rotations and their coverage warnings; `reload` re-reads the rotations file (admins).",
  group: "Shifts",
  needsIncident: false,
  arguments: NO_ARGUMENTS,
  parse(parsed) {
    const [action, extra] = parsed.words;
    if (extra || (action && action.value.toLowerCase() !== "reload"))
      throw badInput(
        "Use `/incident rotations` to list them or `/incident rotations reload` to re-read the file.",
      );
    return { reload: Boolean(action) };
  },
});

export const shiftsVerb = defineVerb<{ rotation: string | null }>({
  name: "shifts",
  aliases: ["oncall"],
  syntax: "shifts [<rotation>]",
  summary:
    "Who is on duty now and next (in UTC and your time zone), for this incident's rotations or the one named.",
  group: "Shifts",
  needsIncident: false,
  arguments: NO_ARGUMENTS,
  parse(parsed) {
    const [name, extra] = parsed.words;
    if (extra) throw badInput("Give at most one rotation name.");
    return { rotation: name ? name.value.toLowerCase() : null };
  },
});

export const handoffVerb = defineVerb<{ toUserId: string; workstream: string | null }>({
  name: "handoff",
  aliases: ["handover"],
  syntax: "handoff @user [--workstream <name>]",
  summary:
    "Hands incident command (or a workstream's lead) to someone now, with a brief and their acceptance.",
  group: "Shifts",
  needsIncident: true,
  arguments: { options: { workstream: { value: true } }, freeText: false },
  parse(parsed) {
    const [user, extra] = parsed.words;
    if (extra) throw badInput("Name one person to hand over to.");
    return {
      toUserId: requireUser(user, "the person taking over"),
      workstream: workstreamOption(parsed.options.get("workstream")),
    };
  },
});
