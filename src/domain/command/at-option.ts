// `--at <time>`: when a change happened, for every verb that changes state (severity, status,
// roles, workstreams, the recovery board, milestones, updates and notes). The text is kept as
// typed; the handler reads it against the clock (and the typist's zone), the use case checks
// it (not in the future, not more than 7 days before the incident's first moment).
import { badInput } from "../errors.ts";
import type { OptionSpec, ParsedArguments } from "./arguments.ts";

export const AT_OPTION: Record<"at", OptionSpec> = { at: { value: true } };

/** The `--at` text, or null when not given. */
export function atOption(parsed: ParsedArguments): string | null {
  const value = parsed.options.get("at");
  if (value === true) throw badInput("`--at` needs a time, e.g. `--at 06:21` or `--at -15m`.");
  return value ?? null;
}
