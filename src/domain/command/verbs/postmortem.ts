// Verbs of the postmortem: closing, rendering the draft again, and follow-up actions.
import { badInput } from "../../errors.ts";
import { escapeMrkdwn } from "../../text/mrkdwn.ts";
import type { ParsedArguments } from "../arguments.ts";
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

/** `action <text> [--owner @user]`: a new action item. */
export interface AddActionArgs {
  text: string;
  ownerId: string | null;
}

/** `action list | done N | reassign N @user | edit N <text>`: managing the items there are. */
export type ManageAction =
  | { op: "list" }
  | { op: "done"; number: number }
  | { op: "reassign"; number: number; ownerId: string | null }
  | { op: "edit"; number: number; text: string };

export type ActionArgs = AddActionArgs | { manage: ManageAction };

const MANAGE_OPS = new Set(["list", "done", "reassign", "edit"]);

/**
 * `list` alone, or `done|reassign|edit` followed by an item number, manages items; anything
 * else is the text of a new one ("Done criteria for the runbook" stays an action item).
 */
function manageAction(parsed: ParsedArguments): ManageAction | null {
  const [first, second, third] = parsed.words.map((w) => w.value);
  const op = first?.toLowerCase();
  if (!op || !MANAGE_OPS.has(op)) return null;
  if (op === "list") return parsed.words.length === 1 && !parsed.options.size ? { op: "list" } : null;
  const number = /^#?(\d{1,6})$/.exec(second ?? "")?.[1];
  if (!number) return null;
  const n = Number(number);
  if (parsed.options.size)
    throw badInput(
      `\`action ${op}\` takes no options: e.g. \`/incident action ${op} ${n}${op === "reassign" ? " @alex" : op === "edit" ? " <new text>" : ""}\`.`,
    );
  if (op === "done") {
    if (parsed.words.length > 2) throw badInput(`Type just \`/incident action done ${n}\`.`);
    return { op: "done", number: n };
  }
  if (op === "reassign") {
    const who = third ?? "";
    const ownerId = /^(nobody|none|unassigned)$/i.test(who) ? null : userIdFrom(who);
    if (ownerId === undefined || parsed.words.length !== 3)
      throw badInput(
        `Say who owns it now: \`/incident action reassign ${n} @alex\` (mention them with @ and pick them from the list), or \`nobody\`.`,
      );
    return { op: "reassign", number: n, ownerId };
  }
  const text = parsed.textFrom(2);
  if (!text) throw badInput(`Give the new text: \`/incident action edit ${n} <new text>\`.`);
  if (text.length > ACTION_MAX)
    throw badInput(`An action item is at most ${ACTION_MAX} characters (this one has ${text.length}).`);
  return { op: "edit", number: n, text };
}

export const actionVerb = defineVerb<ActionArgs>({
  name: "action",
  aliases: ["followup", "follow-up"],
  syntax: "action <text> [--owner @user]",
  summary:
    "Records a follow-up action item for the postmortem, with its owner (who gets a DM). `action list` shows them with buttons; `action done 3`, `action reassign 3 @user`, `action edit 3 <text>` manage them.",
  group: "Postmortem",
  needsIncident: true,
  arguments: { options: { owner: { value: true } }, freeText: true },
  parse(parsed) {
    const manage = manageAction(parsed);
    if (manage) return { manage };
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
