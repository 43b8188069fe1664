// People a command named with a bare mention whom Slack could not name within the ack's
// deadline (humanize.ts) are stored as their ID ("@U0123"). Once the change has committed,
// the name is asked for again without a deadline (the directory's read is usually still in
// flight) and written into the stored entry (text and its event's text) by
// repos.timeline.nameMentions: outside any Slack call, only those exact ID tokens, idempotent.
// In the background: the person already has their answer. Best effort and per replica: a
// restart in between leaves the ID, as before.
import type { ServiceDeps } from "../../deps.ts";
import { runChange } from "../support.ts";

export function nameMentionsLater(deps: ServiceDeps, entryId: number, userIds: readonly string[]): void {
  if (!userIds.length) return;
  nameMentions(deps, entryId, userIds).catch((error: unknown) => {
    deps.logger.warn({ err: error, entryId }, "could not name the people an entry mentions");
  });
}

async function nameMentions(deps: ServiceDeps, entryId: number, userIds: readonly string[]): Promise<void> {
  const answered = await deps.directory.names(userIds);
  // The directory answers an ID it could not name with the ID itself: nothing to write then.
  const names = new Map([...answered].filter(([id, name]) => name && name !== id));
  if (!names.size) return;
  const named = await runChange(deps, null, (repos) => repos.timeline.nameMentions(entryId, names));
  deps.logger.debug({ entryId, named }, "late names written");
}
