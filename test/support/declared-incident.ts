// "A declared incident": the setup most end-to-end tests start from, once, instead of a copy in
// every file. Declares through a signed slash command (as a person would), waits until the
// outbox has created the channel and posted everything, and returns what tests look up next.
import type { TestBot } from "./bot-harness.ts";
import type { ChannelRecord } from "./slack-emulator/types.ts";

export interface DeclaredIncident {
  /** Database id, for tests that look at rows. */
  id: number;
  number: number;
  channel: ChannelRecord;
}

export interface DeclareOptions {
  /** Who declares (becomes commander). */
  by: string;
  /** The channel the command is typed in (a non-incident channel such as #general). */
  from: string;
  /** Also members of the incident channel from the start (as if they had joined it). */
  joiners?: string[];
}

/** Declares `declaration` (title and flags, e.g. "Search is down --sev 2"); see DeclaredIncident. */
export async function declareIncident(
  t: TestBot,
  declaration: string,
  { by, from, joiners = [] }: DeclareOptions,
): Promise<DeclaredIncident> {
  const { db } = t.bot.deps.database;
  const before = await db.incident.count();
  const response = await t.driver.command(`declare ${declaration}`, { user: by, channel: from });
  if (response.status !== 200) throw new Error(`declare answered ${response.status}: ${response.body}`);
  await t.settle();
  const incident = await db.incident.findFirst({ orderBy: { id: "desc" } });
  if (!incident || (await db.incident.count()) !== before + 1)
    throw new Error(`"declare ${declaration}" declared nothing: ${response.body}`);
  const channel = incident.channelId ? t.emulator.channel(incident.channelId) : undefined;
  if (!channel) throw new Error(`INC-${incident.number} has no channel in the emulator`);
  for (const user of joiners) t.emulator.joinChannel(channel.id, user);
  return { id: incident.id, number: incident.number, channel };
}
