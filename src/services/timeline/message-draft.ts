// "Declare incident from this message": the declare form's title and summary, taken from the
// message's best text (alert messages keep it in attachments or blocks) as plain words.
import type { ServiceDeps } from "../../deps.ts";
import { TITLE_MAX } from "../../domain/command/verbs/declare.ts";
import { ENTRY_TEXT_MAX } from "../../domain/command/verbs/update.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { messageContent, type ShortcutMessage } from "../../domain/timeline/message-content.ts";
import { humanizeSlackText } from "./humanize.ts";

export interface DeclareDraft {
  title: string;
  summary: string;
}

export async function draftFromMessage(deps: ServiceDeps, message: ShortcutMessage): Promise<DeclareDraft> {
  const content = messageContent(message);
  const [headline, body] = await Promise.all([
    humanizeSlackText(deps, content.headline),
    humanizeSlackText(deps, content.body),
  ]);
  // A title is one line; the summary keeps the whole message unless it only repeats the title.
  const title = truncate(headline.replace(/\s+/g, " ").trim(), TITLE_MAX);
  const summary = body.trim() === headline.trim() ? "" : truncate(body.trim(), ENTRY_TEXT_MAX);
  return { title, summary };
}
