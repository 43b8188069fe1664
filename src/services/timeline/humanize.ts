// Slack-formatted text (slash command text, pinned messages) as the plain words the timeline
// keeps; label-less user mentions are named from the (cached) user directory.
import type { ServiceDeps } from "../../deps.ts";
import { plainFromSlack, unlabelledUserMentions } from "../../domain/text/slack-markup.ts";

export async function humanizeSlackText(deps: ServiceDeps, text: string): Promise<string> {
  const ids = unlabelledUserMentions(text).slice(0, 50);
  const names = ids.length ? await deps.directory.names(ids) : new Map<string, string>();
  return plainFromSlack(text, (id) => names.get(id));
}
