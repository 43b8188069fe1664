// `title <text>` and `summary <text>`: what the incident is called and what it is about, changed
// after the declaration (the channel name stays: links and muscle memory point at it). Without
// text each opens the form with both fields.
import { badInput } from "../../errors.ts";
import { defineVerb } from "../verb.ts";
import { TITLE_MAX } from "./declare.ts";

/** As long as a form's multi-line input takes (Slack: 3,000 characters). */
export const SUMMARY_MAX = 3000;

/** Absent text: open the form. */
export interface DetailsArgs {
  text: string | null;
}

export const titleVerb = defineVerb<DetailsArgs>({
  name: "title",
  aliases: ["rename"],
  syntax: "title [<new title>]",
  summary:
    "Changes the incident's title (topic, pinned summary and announcement follow; the channel name stays). Without text, opens the form.",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: {}, freeText: true },
  parse(parsed) {
    const text = parsed.textFrom(0);
    if (text.length > TITLE_MAX)
      throw badInput(`A title is at most ${TITLE_MAX} characters (this one has ${text.length}).`);
    return { text: text || null };
  },
});

export const summaryVerb = defineVerb<DetailsArgs>({
  name: "summary",
  aliases: ["describe"],
  syntax: "summary [<new summary>]",
  summary:
    "Changes the incident's summary (pinned summary and announcement follow). Without text, opens the form.",
  group: "Incidents",
  needsIncident: true,
  arguments: { options: {}, freeText: true },
  parse(parsed) {
    const text = parsed.textFrom(0);
    if (text.length > SUMMARY_MAX)
      throw badInput(`A summary is at most ${SUMMARY_MAX} characters (this one has ${text.length}).`);
    return { text: text || null };
  },
});
