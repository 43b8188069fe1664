// `/incident declare` (modal) or `/incident declare <title> [--sev N] [--region a,b] [--service x,y] [--private]`.

import { badInput } from "../../errors.ts";
import { parseSeverity, type Severity } from "../../incident/severity.ts";
import { escapeMrkdwn } from "../../text/mrkdwn.ts";
import { defineVerb } from "../verb.ts";

export const TITLE_MAX = 500;

export interface DeclareArgs {
  /** Null: open the modal. */
  title: string | null;
  severity: Severity;
  regions: string[];
  services: string[];
  isPrivate: boolean;
  /** A rotation to attach at once (`--rotation follow-the-sun`). */
  rotation?: string;
}

export function splitList(text: string | true | undefined, what: string): string[] {
  if (text === undefined) return [];
  if (text === true) throw badInput(`\`--${what}\` needs a value, e.g. \`--${what} a,b\`.`);
  const items = text
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  for (const item of items) {
    if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(item)) {
      throw badInput(
        `\`${item.replace(/[`<>&]/g, "").slice(0, 40)}\` is not a valid ${what} name (letters, digits, \`.\`, \`-\`, \`_\`; up to 40).`,
      );
    }
  }
  return [...new Set(items)];
}

function rotationOption(value: string | true | undefined): { rotation?: string } {
  if (value === true) throw badInput("`--rotation` needs a rotation name, e.g. `--rotation follow-the-sun`.");
  return value ? { rotation: value.toLowerCase() } : {};
}

export const declareVerb = defineVerb<DeclareArgs>({
  name: "declare",
  aliases: ["new", "open", "start"],
  syntax: "declare [<title>] [--sev 1-4] [--region a,b] [--service x,y] [--private] [--rotation <name>]",
  summary: "Declares an incident: without a title opens a form; with one declares at once (default SEV3).",
  group: "Incidents",
  needsIncident: false,
  arguments: {
    options: {
      sev: { value: true },
      region: { value: true },
      service: { value: true },
      private: { value: false },
      rotation: { value: true },
    },
    freeText: true,
  },
  parse(parsed) {
    const title = parsed.textFrom(0);
    if (title.length > TITLE_MAX)
      throw badInput(`A title is at most ${TITLE_MAX} characters; put the details in \`/incident update\`.`);
    const sev = parsed.options.get("sev");
    if (sev === true) throw badInput("`--sev` needs a value from 1 to 4.");
    const rotation = rotationOption(parsed.options.get("rotation"));
    // A need-to-know incident shows who a rotation would add and asks first, which a declaration
    // cannot do: the rotation is attached in the new channel, after the preview.
    if (parsed.options.get("private") === true && rotation.rotation)
      throw badInput(
        `A private incident asks before a rotation brings people in: declare it without \`--rotation\`, then type \`/incident rotation ${escapeMrkdwn(rotation.rotation.slice(0, 60))}\` in its channel to see who would be added.`,
      );
    return {
      title: title || null,
      severity: sev ? parseSeverity(sev) : 3,
      regions: splitList(parsed.options.get("region"), "region"),
      services: splitList(parsed.options.get("service"), "service"),
      isPrivate: parsed.options.get("private") === true,
      ...rotation,
    };
  },
});
