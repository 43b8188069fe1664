// A team's own postmortem template (POSTMORTEM_TEMPLATE): read and checked once, when the
// bot (or the CLI) starts, so a broken template stops the start with the line and column of
// each problem instead of failing when someone closes an incident.
import { readFileSync } from "node:fs";
import { BUILTIN } from "../../domain/postmortem/render.ts";
import { parseTemplate, type Template } from "../../domain/postmortem/template.ts";

const loaded = new Map<string, Template>();

/** Problems of the template file at `path` (none when it is valid); remembers a valid one. */
export function templateFileProblems(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return [`cannot be read: ${(error as Error).message}`];
  }
  const parsed = parseTemplate(text);
  if (!parsed.ok) return parsed.problems.map((problem) => `${path} ${problem}`);
  loaded.set(path, parsed.template);
  return [];
}

/** The template to render with: the configured file (as checked at start-up), or the built-in one. */
export function postmortemTemplate(path: string | undefined): Template {
  if (!path) return BUILTIN;
  const template = loaded.get(path);
  if (template) return template;
  const problems = templateFileProblems(path);
  if (problems.length) throw new Error(`POSTMORTEM_TEMPLATE ${problems.join("; ")}`);
  return loaded.get(path) as Template;
}
