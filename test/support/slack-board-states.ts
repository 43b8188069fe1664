// What the Slack recovery board in an incident channel says, as `service/region/phase → state`
// ("none" when a phase is not tracked): what the web pages' boards are compared with.
import type { SlackEmulator } from "./slack-emulator/emulator.ts";

export function slackBoardStates(emulator: SlackEmulator, channel: string): Map<string, string> {
  const board = emulator
    .messages(channel)
    .find((m) => JSON.stringify(m.blocks ?? []).includes("Recovery board ·"));
  const states = new Map<string, string>();
  const line =
    /\*([^*]+)\*\s+(?:`([^`]+)`|_all regions_) — live: (?::[a-z_]+: )?(\w+|—) · backfill: (?::[a-z_]+: )?(\w+|—)/g;
  for (const match of JSON.stringify(board?.blocks ?? []).matchAll(line)) {
    const [, service, region = "", live, backfill] = match;
    states.set(`${service}/${region}/live`, live === "—" ? "none" : (live as string));
    states.set(`${service}/${region}/backfill`, backfill === "—" ? "none" : (backfill as string));
  }
  return states;
}
