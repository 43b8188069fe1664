// Slack-formatted text (slash command text, pinned messages) as the plain words the timeline
// keeps; label-less user mentions are named from the (cached) user directory.
//
// Naming never holds a command's acknowledgement on Slack: what the directory cannot answer
// within a short deadline is named from the names the bot last learnt (kept in the database),
// and otherwise keeps the person's ID.
import type { ServiceDeps } from "../../deps.ts";
import { plainFromSlack, unlabelledUserMentions } from "../../domain/text/slack-markup.ts";
import { SLACK_READ_DEADLINE_MS, within } from "../deadline.ts";

export async function humanizeSlackText(deps: ServiceDeps, text: string): Promise<string> {
  return (await humanizeNoting(deps, text)).text;
}

export interface HumanizedText {
  text: string;
  /** People left as their bare ID ("@U0123"): to name after the commit (late-names.ts). */
  unnamed: string[];
}

/** humanizeSlackText, also saying whom it could not name in time. */
export async function humanizeNoting(deps: ServiceDeps, text: string): Promise<HumanizedText> {
  const ids = unlabelledUserMentions(text).slice(0, 50);
  if (!ids.length) return { text: plainFromSlack(text), unnamed: [] };
  const names = new Map(await within(deps.directory.names(ids), SLACK_READ_DEADLINE_MS));
  // The directory answers an ID it could not name with the ID itself.
  const unnamed = ids.filter((id) => !names.has(id) || names.get(id) === id);
  if (unnamed.length) {
    for (const row of await deps.store.read.userNames.remembered(unnamed)) names.set(row.userId, row.name);
  }
  const named = (id: string) => {
    const name = names.get(id);
    return name && name !== id ? name : undefined;
  };
  return {
    text: plainFromSlack(text, named),
    unnamed: ids.filter((id) => !named(id)),
  };
}
