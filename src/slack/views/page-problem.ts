// An automatic page (handoff escalation, PAGE_ON_SEV) that could not go out, said in the
// incident's channel. The problem is the bot's own words about configured IDs (typed names in
// it are already escaped).
import { type Block, messageText, section } from "./blocks.ts";

export function pageProblem(problem: string): { text: string; blocks: Block[] } {
  const text = messageText(`:warning: Could not page automatically: ${problem}`);
  return { text, blocks: [section(text)] };
}
