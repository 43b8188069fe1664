// A scenario command done with the controls (`byForm: true`): which button on the channel's
// pinned summary (or which entry of its ⋯ menu) a person presses for it, which form opens, and
// what they fill in — the same values the typed command carries, so the incident comes out the
// same either way. Only commands that have a form qualify, with text a form takes as typed.
import type { KNOWN_MILESTONES } from "../src/domain/command/verbs/milestone.ts";
import type { ServiceArgs } from "../src/domain/command/verbs/service.ts";
import type { UpdateArgs } from "../src/domain/command/verbs/update.ts";
import { parseTime } from "../src/domain/time/parse-time.ts";
import { CONTROL_ACTIONS, CONTROL_INPUTS, CONTROL_VIEWS, INPUTS, VIEWS } from "../src/slack/ids.ts";
import type { UserInput } from "../test/support/slack-emulator/view-state.ts";

const I = CONTROL_INPUTS;
type Args = Record<string, unknown>;

/** The milestones the Milestone form offers (declared and resolved are the bot's own). */
const FORM_MILESTONES: readonly string[] = [
  "impact-started",
  "detected",
  "mitigated",
  "backfill-complete",
] satisfies (typeof KNOWN_MILESTONES)[number][];

export interface FormStep {
  /** The button on the pinned summary, or `overflow` with the ⋯ menu's entry. */
  press: { button: string } | { overflow: "note" | "milestone" };
  callbackId: string;
  values: Record<string, Record<string, UserInput>>;
}

/** Slack delivers command text with &, < and > escaped; a form gets what the person typed. */
const typed = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

const hasMarkup = (text: unknown) => typeof text === "string" && /<[@!#]/.test(text);

/** Why `verb` with `args` cannot be done by form (null: it can). */
export function formRefusal(verb: string, args: Args): string | null {
  const forms = ["update", "sev", "status", "service", "role", "note", "milestone", "action"];
  if (!forms.includes(verb)) return `\`${verb}\` has no form; type it (drop byForm)`;
  if (hasMarkup(args.text) || hasMarkup(args.reason) || hasMarkup(args.message) || hasMarkup(args.note))
    return "a form takes plain text: mentions stay in typed commands (drop byForm)";
  if (verb === "milestone" && !FORM_MILESTONES.includes(String(args.name)))
    return `the Milestone form offers ${FORM_MILESTONES.join(", ")}; type other names`;
  return null;
}

/** The "when" picker's value for `--at` (read in the person's zone, as typed), or left as now. */
function when(at: unknown, now: Date, zone: string): Record<string, Record<string, UserInput>> {
  if (typeof at !== "string" || !at) return {};
  const instant = parseTime(at, now, zone);
  return { [I.when.block]: { [I.when.action]: String(Math.floor(instant.getTime() / 1000)) } };
}

const field = (ids: { block: string; action: string }, value: UserInput | undefined) =>
  value === undefined || value === "" ? {} : { [ids.block]: { [ids.action]: value } };

export function formStep(verb: string, args: Args, now: Date, zone: string): FormStep {
  const at = when(args.at, now, zone);
  switch (verb) {
    case "update": {
      const a = args as unknown as UpdateArgs;
      return {
        press: { button: CONTROL_ACTIONS.postUpdate },
        callbackId: VIEWS.postUpdate,
        values: {
          ...field(INPUTS.updateText, typed(a.text)),
          ...(a.key || a.public
            ? field(I.key, [...(a.key ? ["key"] : []), ...(a.public ? ["public"] : [])])
            : {}),
          ...at,
        },
      };
    }
    case "sev":
      return {
        press: { button: CONTROL_ACTIONS.severity },
        callbackId: CONTROL_VIEWS.severity,
        values: {
          ...field(I.severity, String(args.severity)),
          ...field(I.reason, typed(String(args.reason))),
          ...at,
        },
      };
    case "status":
      return {
        press: { button: CONTROL_ACTIONS.status },
        callbackId: CONTROL_VIEWS.status,
        values: {
          ...field(I.status, String(args.status)),
          ...field(I.message, typed(String(args.message ?? ""))),
          ...at,
        },
      };
    case "service": {
      const a = args as unknown as ServiceArgs;
      return {
        press: { button: CONTROL_ACTIONS.recoveryBoard },
        callbackId: CONTROL_VIEWS.service,
        values: {
          ...field(I.service, a.service),
          ...field(I.region, a.region || undefined),
          ...field(I.phase, a.phase),
          ...field(I.state, a.state),
          ...field(I.note, typed(a.note)),
          ...at,
        },
      };
    }
    case "role":
      return {
        press: { button: CONTROL_ACTIONS.roles },
        callbackId: CONTROL_VIEWS.roles,
        values: { ...field(I.role, String(args.role)), ...field(I.person, String(args.userId)), ...at },
      };
    case "note":
      return {
        press: { overflow: "note" },
        callbackId: CONTROL_VIEWS.note,
        values: {
          ...field(I.note, typed(String(args.text))),
          ...field(I.key, typeof args.tag === "string" ? args.tag : undefined),
          ...at,
        },
      };
    case "milestone":
      return {
        press: { overflow: "milestone" },
        callbackId: CONTROL_VIEWS.milestone,
        values: {
          ...field(I.milestone, String(args.name)),
          ...field(I.note, typed(String(args.note ?? ""))),
          ...at,
        },
      };
    case "action":
      return {
        press: { button: CONTROL_ACTIONS.actionItem },
        callbackId: CONTROL_VIEWS.actionItem,
        values: {
          ...field(I.note, typed(String(args.text))),
          ...field(I.person, typeof args.ownerId === "string" ? args.ownerId : undefined),
        },
      };
    default:
      throw new Error(`\`${verb}\` has no form`);
  }
}
