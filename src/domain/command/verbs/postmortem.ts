// Verbs of the postmortem: closing, rendering the draft again, and follow-up actions.
import { badInput } from "../../errors.ts";
import { escapeMrkdwn } from "../../text/mrkdwn.ts";
import { userIdFrom } from "../arguments.ts";
import { defineVerb, NO_ARGUMENTS } from "../verb.ts";

/** Action items are one sentence or two; longer text belongs in the draft itself. */
export const ACTION_MAX = 1000;

export const closeVerb = defineVerb<Record<string, never>>({
  name: "close",
  syntax: "close",
  summary:
    "Closes a resolved incident: asks for the root cause, customer impact and lessons, then posts the postmortem draft (commander or admin).",
  group: "Postmortem",
  needsIncident: true,
  arguments: NO_ARGUMENTS,
  parse(parsed) {
    if (parsed.words.length)
      throw badInput("`close` opens a form for the details: type just `/incident close`.");
    return {};
  },
});

export const postmortemVerb = defineVerb<Record<string, never>>({
  name: "postmortem",
  aliases: ["pm"],
  syntax: "postmortem",
  summary:
    "Renders the postmortem draft from the timeline now and posts it in the incident channel (again after late notes).",
  group: "Postmortem",
  needsIncident: true,
  arguments: NO_ARGUMENTS,
  parse(parsed) {
    if (parsed.words.length)
      throw badInput("`postmortem` takes nothing after it: type just `/incident postmortem`.");
    return {};
  },
});

export interface ActionArgs {
  text: string;
  ownerId: string | null;
}

export const actionVerb = defineVerb<ActionArgs>({
  name: "action",
  aliases: ["followup", "follow-up"],
  syntax: "action <text> [--owner @user]",
  summary: "Records a follow-up action item for the postmortem, with its owner.",
  group: "Postmortem",
  needsIncident: true,
  arguments: { options: { owner: { value: true } }, freeText: true },
  parse(parsed) {
    const owner = parsed.options.get("owner");
    let ownerId: string | null = null;
    if (owner !== undefined) {
      ownerId = owner === true ? null : (userIdFrom(owner) ?? null);
      if (!ownerId)
        throw badInput(
          `\`--owner\` needs a person: mention them with @ and pick them from the list${owner === true ? "" : ` (\`${escapeMrkdwn(owner.slice(0, 60))}\` is not one)`}.`,
        );
    }
    const text = parsed.textFrom(0);
    if (!text)
      throw badInput(
        "Say what needs doing, e.g. `/incident action Alert on route-table changes --owner @alex`.",
      );
    if (text.length > ACTION_MAX)
      throw badInput(`An action item is at most ${ACTION_MAX} characters (this one has ${text.length}).`);
    return { text, ownerId };
  },
});
