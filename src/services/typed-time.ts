// A time someone typed (`--at`, `--since`), read in their own time zone: `09:15` from a
// responder in Seoul is 00:15 UTC. Their zone comes from their Slack profile through the
// directory, read here, before any transaction (never inside one).
import type { ServiceDeps } from "../deps.ts";
import { parseTime } from "../domain/time/parse-time.ts";

export async function typedTime(
  deps: Pick<ServiceDeps, "clock" | "directory">,
  typistId: string,
  text: string | null,
): Promise<Date | null> {
  if (!text) return null;
  // Relative and explicit-zone times do not need the profile: no lookup for them.
  const needsZone = /^\s*(\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(:\d{2})?\s*$/.test(text);
  const zone = needsZone ? (await deps.directory.user(typistId)).tz : "UTC";
  return parseTime(text, deps.clock.now(), zone);
}
