// `/incident help`: every verb with its syntax, grouped the way people look for them.
import type { Verb, VerbGroup } from "../../domain/command/verb.ts";
import { type Block, context, header, section } from "./blocks.ts";

const GROUP_ORDER: VerbGroup[] = [
  "Incidents",
  "People and roles",
  "Workstreams and recovery",
  "Timeline",
  "Shifts",
  "Postmortem",
  "Help",
];

export function helpMessage(
  verbs: readonly Verb<unknown>[],
  command = "/incident",
): { text: string; blocks: Block[] } {
  const blocks: Block[] = [header("Incident bot commands")];
  for (const group of GROUP_ORDER) {
    const inGroup = verbs.filter((v) => v.group === group);
    if (!inGroup.length) continue;
    const lines = inGroup.map((v) => `\`${command} ${v.syntax}\`\n${v.summary}`);
    blocks.push(section(`*${group}*\n${lines.join("\n")}`));
  }
  blocks.push(
    context([
      `Inside an incident or workstream channel, commands act on that incident. \`/inc\` is short for \`${command}\`. Times for \`--at\`: \`HH:MM\` (UTC), \`YYYY-MM-DD HH:MM\` (UTC), ISO 8601 with offset, or \`-15m\`/\`-2h\`.`,
    ]),
  );
  const text = `Incident bot commands: ${verbs.map((v) => `${command} ${v.syntax}`).join("; ")}`;
  return { text, blocks };
}

/** The syntax line shown after a mistake. */
export function usageLine(verb: Verb<unknown>, command = "/incident"): string {
  return `Usage: \`${command} ${verb.syntax}\``;
}
