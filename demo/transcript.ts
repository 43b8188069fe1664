// What the bot posted, channel by channel, read back from the emulator's record of Block Kit
// messages and rendered as terminal text (render-blocks.ts). Long channels are cut to their
// state messages (the pinned summary, the recovery board, the announcement: shown as they
// are now, after all their edits) and the last few messages, with counts of the rest.
import type { SlackEmulator } from "../test/support/slack-emulator/emulator.ts";
import type { CallRecord, MessageRecord } from "../test/support/slack-emulator/types.ts";
import type { Scenario } from "./load-scenario.ts";
import { renderBlocks } from "./render-blocks.ts";

export interface TranscriptChannel {
  /** Shown as the channel's heading. */
  title: string;
  channelId: string;
  /** Messages kept in full (state messages), whatever the limit. */
  keep?: (message: MessageRecord) => boolean;
}

export interface TranscriptOptions {
  /** Last messages shown per channel (besides the kept ones). */
  lastMessages: number;
  /** Lines shown per message. */
  linesPerMessage: number;
}

/** "d2 09:30" from a message ts (simulated time), counting days from the scenario's start. */
export function dayTime(scenario: Scenario, at: Date): string {
  const startDay = Date.UTC(
    scenario.start.getUTCFullYear(),
    scenario.start.getUTCMonth(),
    scenario.start.getUTCDate(),
  );
  const day = Math.floor((at.getTime() - startDay) / 86_400_000) + 1;
  return `d${day} ${at.toISOString().slice(11, 16)}`;
}

export function namesFor(emulator: SlackEmulator, scenario: Scenario): (id: string) => string {
  const groups = new Map(
    [...scenario.teams.values()].flatMap((t) => (t.usergroupId ? [[t.usergroupId, t.key]] : [])),
  );
  return (id) => {
    const group = groups.get(id);
    if (group) return group;
    const user = emulator.user(id);
    if (user) return user.realName;
    return emulator.channel(id)?.name || id;
  };
}

function isBotMessage(emulator: SlackEmulator, message: MessageRecord): boolean {
  return message.botId === emulator.botId || message.user === emulator.botUserId;
}

/** How many times each message was edited in place (chat.update calls that succeeded). */
function editCounts(calls: readonly CallRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.method !== "chat.update" || !call.ok) continue;
    const key = `${String(call.args.channel)}:${String(call.args.ts)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function renderTranscript(
  emulator: SlackEmulator,
  scenario: Scenario,
  channels: TranscriptChannel[],
  options: TranscriptOptions,
): string {
  const names = namesFor(emulator, scenario);
  const edits = editCounts(emulator.calls);
  const out: string[] = [];
  for (const channel of channels) {
    const all = emulator.messages(channel.channelId).filter((m) => isBotMessage(emulator, m));
    const replies = all.filter((m) => m.threadTs !== undefined).length;
    const edited = all.filter((m) => edits.has(`${m.channel}:${m.ts}`));
    const editTotal = edited.reduce((sum, m) => sum + (edits.get(`${m.channel}:${m.ts}`) ?? 0), 0);
    const kept = all.filter((m) => channel.keep?.(m));
    const last = all.filter((m) => !kept.includes(m)).slice(-options.lastMessages);
    const shown = all.filter((m) => kept.includes(m) || last.includes(m));
    const skipped = all.length - shown.length;
    out.push(
      "",
      `━━ ${channel.title} ━━`,
      `   ${all.length} message${all.length === 1 ? "" : "s"} from the bot${replies ? ` (${replies} in threads)` : ""}` +
        `${edited.length ? `; ${edited.length} kept current with ${editTotal} in-place edit${editTotal === 1 ? "" : "s"}` : ""}` +
        `${skipped ? `; showing ${shown.length}` : ""}`,
    );
    let previous: MessageRecord | undefined;
    for (const message of shown) {
      if (previous && all.indexOf(message) - all.indexOf(previous) > 1)
        out.push(`   ⋮ ${all.indexOf(message) - all.indexOf(previous) - 1} more`);
      previous = message;
      const when = dayTime(scenario, new Date(Number(message.ts) * 1000));
      const tags = [
        message.pinned ? "pinned" : "",
        message.threadTs ? "thread reply" : "",
        edits.get(`${message.channel}:${message.ts}`)
          ? `edited ${edits.get(`${message.channel}:${message.ts}`)}×`
          : "",
      ].filter(Boolean);
      const lines = renderBlocks(message.blocks, message.text, names).filter((line) => line.trim() !== "");
      for (const file of message.files ?? []) lines.push(`  [file: ${file.filename}]`);
      const limited =
        lines.length > options.linesPerMessage
          ? [
              ...lines.slice(0, options.linesPerMessage),
              `  … (${lines.length - options.linesPerMessage} more lines)`,
            ]
          : lines;
      out.push(`   ${when}${tags.length ? ` (${tags.join(", ")})` : ""}`);
      for (const line of limited) out.push(`     ${line}`);
    }
  }
  return out.join("\n");
}
