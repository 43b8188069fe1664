// A language's sentences for timeline entries, by event kind. English has none of its own:
// it reads entries with the timeline's describers (the same words as in Slack).
import type { Phrase } from "../../timeline/phrase.ts";
import type { Data } from "../contract.ts";
import type { PostmortemEntry } from "../input.ts";

export type EntryPhrases = Readonly<
  Record<string, (data: Data, entry: Pick<PostmortemEntry, "data" | "actorId" | "text" | "tag">) => Phrase>
>;
