// `/incident update [--at <time>] <text>` and `/incident note [--at <time>] [--cause|--lesson] <text>`.
import { badInput } from "../../errors.ts";
import { AT_OPTION, atOption } from "../at-option.ts";
import { defineVerb } from "../verb.ts";

/** Longest update or note kept (Slack's slash commands carry about this much). */
export const ENTRY_TEXT_MAX = 4000;

interface EntryArgs {
  text: string;
  /** The `--at` text, parsed against the clock by the handler. */
  at: string | null;
}

export interface UpdateArgs extends EntryArgs {
  /** `--key`: one of the moments the postmortem's chronology should show. */
  key: boolean;
  /** `--public`: also shown on the public status page. */
  public: boolean;
}

export interface NoteArgs extends EntryArgs {
  tag: "cause" | "lesson" | null;
}

function entryText(text: string, example: string): string {
  if (!text) throw badInput(`Write the text after the command, e.g. \`${example}\`.`);
  if (text.length > ENTRY_TEXT_MAX) {
    throw badInput(
      `That is ${text.length} characters; one entry holds at most ${ENTRY_TEXT_MAX}. Split it into two.`,
    );
  }
  return text;
}

export const updateVerb = defineVerb<UpdateArgs>({
  name: "update",
  aliases: ["post"],
  syntax: "update [--at <time>] [--key] [--public] <text>",
  summary:
    "Posts a status update for stakeholders: recorded in the timeline, posted here and mirrored to the announcement channel (not for private incidents). Resets the update reminder. `--key` marks it as a key moment for the postmortem's chronology. `--public` also shows it on the public status page (and publishes the incident there): for the incident commander, the communications lead or an incident admin.",
  group: "Timeline",
  needsIncident: true,
  arguments: { options: { ...AT_OPTION, key: { value: false }, public: { value: false } }, freeText: true },
  parse(parsed) {
    const at = atOption(parsed);
    const isPublic = parsed.options.get("public") === true;
    // Customers read public updates: nobody is named there (Slack sends mentions as <@U…>).
    if (isPublic && /<@[UW][A-Z0-9]+|<!subteam\^/.test(parsed.textFrom(0)))
      throw badInput(
        "A public update is read by customers on the status page, so it names no one: write it without @-mentions (or post it without `--public`).",
      );
    return {
      at,
      key: parsed.options.get("key") === true,
      public: isPublic,
      text: entryText(parsed.textFrom(0), "/incident update EU ingestion recovered, backfill running"),
    };
  },
});

export const noteVerb = defineVerb<NoteArgs>({
  name: "note",
  aliases: ["log"],
  syntax: "note [--at <time>] [--cause|--lesson] <text>",
  summary:
    "Adds an internal timeline entry (not broadcast). `--cause` and `--lesson` tag it for the postmortem's root cause and lessons sections.",
  group: "Timeline",
  needsIncident: true,
  arguments: {
    options: { ...AT_OPTION, cause: { value: false }, lesson: { value: false } },
    freeText: true,
  },
  parse(parsed) {
    const at = atOption(parsed);
    const cause = parsed.options.get("cause") === true;
    const lesson = parsed.options.get("lesson") === true;
    if (cause && lesson) throw badInput("A note is tagged `--cause` or `--lesson`, not both.");
    return {
      at,
      tag: cause ? "cause" : lesson ? "lesson" : null,
      text: entryText(parsed.textFrom(0), "/incident note rolled back payments-api to v41"),
    };
  },
});
