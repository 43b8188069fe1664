// Replays the planned outage against the running bot at accelerated simulated time, and notes
// when each change was committed (wall time of the acknowledgement: the bot acknowledges only
// after its transaction commits).
//
// Time: Slack's rate limits act on wall time, the scenario on simulated time. A burst (steps
// at the same simulated minute) is sent as it would happen, one request after the other as
// fast as the bot acknowledges. The idle gap to the next burst is compressed to at most
// `idleGapMs` of wall time while the bot's clock jumps the whole gap (its scheduler runs what
// falls due on the way: update reminders). Compression makes rate-limit windows refill less
// than they would in reality, so it can only make staleness worse; the floor is computed from
// the same wall-clock arrivals, so it is held to the same handicap.
import { setTimeout as sleep } from "node:timers/promises";
import { ACTIONS } from "../../src/slack/ids.ts";
import type { MessageRecord } from "../../test/support/slack-emulator/types.ts";
import { interactiveElements } from "../../test/support/slack-emulator/view-state.ts";
import { bursts, type PlannedStep, type Where } from "./schedule.ts";
import type { Region, StalenessWorld } from "./world.ts";

export interface ReplayedStep {
  step: PlannedStep;
  /** Wall ms when the bot acknowledged (= committed) the change. */
  committedAt: number;
  /** The channel the change shows in (incident or workstream channel). */
  channel: string;
  /** For handoffs and accepts: who hands over, and to whom. */
  fromUser?: string;
  toUser?: string;
}

export interface Replay {
  steps: ReplayedStep[];
  incidentChannel: string;
  channels: Map<Where, string>;
  /** Wall ms the replay took, and how long after the last change the outbox went idle. */
  replayMs: number;
  drainMs: number;
}

const WAIT_FOR_SLACK_MS = 120_000;

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > WAIT_FOR_SLACK_MS)
      throw new Error(`staleness replay: waited too long for ${what}`);
    await sleep(10);
  }
}

const isRefusal = (text: string) => /^:(warning|x):/.test(text.trim());

export async function replaySchedule(
  world: StalenessWorld,
  schedule: PlannedStep[],
  options: { start: Date; idleGapMs: number },
): Promise<Replay> {
  const { driver, bot, emulator } = world;
  const db = bot.deps.database.db;
  const channels = new Map<Where, string>();
  const regionOf = new Map(world.regions.map((r) => [r.region, r]));
  let commander = 0;
  const lead = new Map<Region, number>(world.regions.map((r) => [r.region, 0]));
  const pending = new Map<number, { from: string; to: string }>();
  const replayed: ReplayedStep[] = [];
  const channel = (where: Where) => {
    const id = channels.get(where);
    if (!id) throw new Error(`staleness replay: no channel for ${where} yet`);
    return id;
  };
  const holder = (where: Where): string =>
    where === "incident"
      ? (world.commanders[commander % world.commanders.length] as string)
      : (regionOf.get(where)?.leads[(lead.get(where) ?? 0) % 3] as string);
  const nextHolder = (where: Where): string =>
    where === "incident"
      ? (world.commanders[(commander + 1) % world.commanders.length] as string)
      : (regionOf.get(where)?.leads[((lead.get(where) ?? 0) + 1) % 3] as string);

  async function command(text: string, user: string, channelId: string): Promise<number> {
    const response = await driver.command(text, { user, channel: channelId });
    const reply = (response.json as { text?: string } | undefined)?.text ?? response.body;
    if (response.status !== 200 || isRefusal(reply))
      throw new Error(`staleness replay: /incident ${text} → ${response.status} ${reply}`);
    return Date.now();
  }

  async function perform(step: PlannedStep): Promise<ReplayedStep> {
    const a = step.action;
    const admin = world.commander;
    switch (a.kind) {
      case "declare": {
        const regions = world.regions.map((r) => r.region).join(",");
        const committedAt = await command(
          `declare Intake down in ${world.regions.length} regions --sev 1 --region ${regions} --service intake,query,alerting`,
          admin,
          world.opsChannel,
        );
        const id = await until("the incident channel", async () => {
          const incident = await db.incident.findFirst({ orderBy: { id: "desc" } });
          return incident?.channelId ?? undefined;
        });
        channels.set("incident", id);
        return { step, committedAt, channel: id };
      }
      case "workstream": {
        const lead0 = regionOf.get(a.region)?.leads[0] as string;
        const committedAt = await command(
          `workstream add ${a.region} --lead <@${lead0}> --channel`,
          admin,
          channel("incident"),
        );
        const id = await until(`the ${a.region} channel`, async () => {
          const ws = await db.workstream.findFirst({ where: { name: a.region } });
          return ws?.channelId ?? undefined;
        });
        channels.set(a.region, id);
        return { step, committedAt, channel: id };
      }
      case "invite": {
        const groups = a.regions.map((r) => `<!subteam^${regionOf.get(r)?.groupId}>`).join(" ");
        const by = a.where === "incident" ? admin : holder(a.where);
        const committedAt = await command(`invite ${groups}`, by, channel(a.where));
        return { step, committedAt, channel: channel(a.where) };
      }
      case "update": {
        const by = a.where === "incident" ? admin : holder(a.where);
        const text = `update ${a.public ? "--public " : ""}${a.marker} intake still failing for part of the region, next update within the hour`;
        const committedAt = await command(text, by, channel(a.where));
        return { step, committedAt, channel: channel(a.where) };
      }
      case "service": {
        const text = `service ${a.service} ${a.state} --region ${a.region} ${a.marker} ${a.state} after the bundle rollback`;
        const committedAt = await command(text, admin, channel("incident"));
        return { step, committedAt, channel: channel("incident") };
      }
      case "handoff": {
        const from = holder(a.where);
        const to = nextHolder(a.where);
        const where = a.where === "incident" ? "" : ` --workstream ${a.where}`;
        const committedAt = await command(`handoff <@${to}>${where}`, admin, channel("incident"));
        pending.set(a.handoff, { from, to });
        return { step, committedAt, channel: channel(a.where), fromUser: from, toUser: to };
      }
      case "accept": {
        const people = pending.get(a.handoff);
        if (!people) throw new Error(`staleness replay: accept of unknown handoff ${a.handoff}`);
        const channelId = channel(a.where);
        // The incoming holder needs the card in Slack to press its button: wait for it.
        const card = await until(`handoff card ${a.handoff}`, () =>
          emulator
            .messages(channelId)
            .findLast(
              (m: MessageRecord) =>
                m.text.includes(`→ <@${people.to}>`) &&
                interactiveElements(m.blocks).some((e) => e.element.action_id === ACTIONS.acceptHandoff),
            ),
        );
        const response = await driver.clickButton({
          user: people.to,
          message: card,
          actionId: ACTIONS.acceptHandoff,
        });
        if (response.status !== 200) throw new Error(`staleness replay: Accept → HTTP ${response.status}`);
        const committedAt = Date.now();
        if (a.where === "incident") commander++;
        else lead.set(a.where, (lead.get(a.where) ?? 0) + 1);
        return { step, committedAt, channel: channelId, fromUser: people.from, toUser: people.to };
      }
    }
  }

  const started = Date.now();
  let lastBurstEnd = started;
  let lastAtMs = 0;
  for (const burst of bursts(schedule)) {
    if (burst.atMs > lastAtMs) {
      const idle = Math.min(burst.atMs - lastAtMs, options.idleGapMs) - (Date.now() - lastBurstEnd);
      if (idle > 0) await sleep(idle);
      await moveClock(world.url, new Date(options.start.getTime() + burst.atMs));
      lastAtMs = burst.atMs;
    }
    for (const step of burst.steps) replayed.push(await perform(step));
    lastBurstEnd = Date.now();
  }
  const replayEnd = Date.now();
  await until("the outbox to go idle", async () =>
    (await db.outboxMessage.count({ where: { status: "pending" } })) === 0 ? true : undefined,
  );
  return {
    steps: replayed,
    incidentChannel: channel("incident"),
    channels,
    replayMs: replayEnd - started,
    drainMs: Date.now() - replayEnd,
  };
}

/** POST /_sim/clock without waiting for the outbox: Slack catches up while the replay goes on. */
async function moveClock(url: string, to: Date): Promise<void> {
  const response = await fetch(`${url}/_sim/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ set: to.toISOString() }),
  });
  if (!response.ok) throw new Error(`/_sim/clock answered ${response.status}: ${await response.text()}`);
}
