// Replays the planned outage against the running bot at accelerated simulated time, and notes
// when each change was committed (wall time of the acknowledgement: the bot acknowledges only
// after its transaction commits).
//
// Time: Slack's rate limits act on wall time, the scenario on simulated time, and one clock
// must drive both. The bench clock (world.ts: wall time plus skipped idle time) is the one
// clock: Slack's process (slack-process.ts) runs on it, and the bot's simulated clock is kept
// at the scenario's start plus the bench clock's progress (POST /_sim/clock every few ms while a
// burst runs, so a Retry-After or a backoff the bot schedules on its own clock falls due when it
// really would).
// A burst (steps at the same simulated minute) runs in real time: its requests one after the
// other as fast as the bot acknowledges, then real waiting until the outbox holds nothing
// pending (every Retry-After and pacing delay included). Only then is the idle time up to the
// next burst skipped: the bench clock jumps there, so Slack's buckets refill as over the real
// gap, and the bot's scheduler runs what falls due on the way (update reminders). A message
// still waiting is never skipped over, so every staleness figure is time that really passed on
// the scenario's clock; the floor sees the same arrivals on the same clock.
import { bursts, type PlannedStep, type Where } from "./schedule.ts";
import { until } from "./until.ts";
import type { Region, StalenessWorld } from "./world.ts";

export interface ReplayedStep {
  step: PlannedStep;
  /** Bench-clock ms when the change was committed (a command's acknowledgement; an accepted handoff seen in the database). */
  committedAt: number;
  /** The channel the change shows in (incident or workstream channel). */
  channel: string;
  /** For handoffs and accepts: who hands over, and to whom. */
  fromUser?: string;
  toUser?: string;
  /**
   * For a click: bench-clock ms when it was sent. Its commit lies between this and committedAt
   * (when the bench saw it), so a write showing it may land before committedAt.
   */
  sentAt?: number;
}

export interface Replay {
  steps: ReplayedStep[];
  incidentChannel: string;
  channels: Map<Where, string>;
  /** Wall ms the replay took, and how much idle time the bench clock skipped. */
  replayMs: number;
  skippedMs: number;
  /**
   * The durable path at rest, once per lone update sent after the outage's steps with nothing
   * else to do (the outbox idle, Slack's buckets refilled): bench-clock ms from its commit to
   * Slack receiving its line. What a perfect scheduler cannot go below (the floor's fixed delay).
   */
  atRestMs: number[];
}

/** Idle time before each lone update: every bucket its delivery draws on is full again. */
const REST_GAP_MS = 10_000;

const isRefusal = (text: string) => /^:(warning|x):/.test(text.trim());

export async function replaySchedule(
  world: StalenessWorld,
  schedule: PlannedStep[],
  options: { start: Date; atRestSamples: number },
): Promise<Replay> {
  const { slack } = world;
  const db = world.db;
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

  /** Typed in Slack's process, which notes when the bot acknowledged it: the commit. */
  async function command(text: string, user: string, channelId: string): Promise<number> {
    const response = await slack.command(text, user, channelId);
    const reply = (response.json as { text?: string } | undefined)?.text ?? response.body;
    if (response.status !== 200 || isRefusal(reply))
      throw new Error(`staleness replay: /incident ${text} → ${response.status} ${reply}`);
    return response.ackAt;
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
      case "workstreamStatus": {
        const committedAt = await command(
          `workstream ${a.region} status ${a.status}`,
          admin,
          channel("incident"),
        );
        return { step, committedAt, channel: channel(a.region) };
      }
      case "severity": {
        const committedAt = await command(
          `sev ${a.severity} regions recovering at different speeds`,
          admin,
          channel("incident"),
        );
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
        // Slack's process waits for the card and presses its button as the incoming holder.
        const { status, sentAt } = await slack.acceptHandoff(channelId, people.to);
        if (status !== 200) throw new Error(`staleness replay: Accept → HTTP ${status}`);
        // A click is acknowledged before its use case runs (the answer goes to response_url),
        // so the commit is when the handoff shows accepted in the database.
        const committedAt = await until(
          `handoff ${a.handoff} to be accepted`,
          async () =>
            (await world.reader.latestHandoffToAccepted(people.to)) ? world.clock.now() : undefined,
          3,
        );
        if (a.where === "incident") commander++;
        else lead.set(a.where, (lead.get(a.where) ?? 0) + 1);
        return { step, committedAt, channel: channelId, fromUser: people.from, toUser: people.to, sentAt };
      }
    }
  }

  /**
   * Lone updates in the incident channel, each after Slack's buckets have refilled and the
   * outbox is idle: the same path as the outage's updates (commit, pick-up, lease, read, render,
   * HTTP) with nothing competing with it. The scheduler's clock keeps moving as in the replay.
   */
  async function updatesAtRest(samples: number): Promise<number[]> {
    const incidentChannel = channel("incident");
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      await world.skip(REST_GAP_MS);
      await follow();
      const marker = `[at-rest-${i}]`;
      const committedAt = await command(`update ${marker} holding steady`, world.commander, incidentChannel);
      const receivedAt = await slack.waitForPost(incidentChannel, marker);
      times.push(receivedAt - committedAt);
      await until("the outbox to deliver everything", async () =>
        (await world.reader.pendingOutbox()) === 0 ? true : undefined,
      );
    }
    return times;
  }

  const started = Date.now();
  const origin = world.clock.now();
  const simulatedNow = () => new Date(options.start.getTime() + world.clock.now() - origin);
  // The bot's clock follows the bench clock; moves are serialised (the route refuses going back).
  let moving: Promise<void> = Promise.resolve();
  let inFlight = false;
  const follow = () => {
    moving = moving.then(async () => {
      inFlight = true;
      try {
        await moveClock(world.url, simulatedNow());
      } finally {
        inFlight = false;
      }
    });
    return moving;
  };
  let replayMs = 0;
  let skippedMs = 0;
  let atRestMs: number[] = [];
  // A tick that finds a move still running is dropped: the next one catches up.
  const ticker = setInterval(() => {
    if (!inFlight) void follow().catch(() => {});
  }, 20);
  try {
    for (const burst of bursts(schedule)) {
      await world.skip(origin + burst.atMs - world.clock.now());
      await follow();
      for (const step of burst.steps) replayed.push(await perform(step));
      await until("the outbox to deliver everything", async () =>
        (await world.reader.pendingOutbox()) === 0 ? true : undefined,
      );
    }
    replayMs = Date.now() - started;
    skippedMs = world.clock.skippedMs;
    atRestMs = await updatesAtRest(options.atRestSamples);
  } finally {
    clearInterval(ticker);
    await moving.catch(() => {});
  }
  return {
    steps: replayed,
    incidentChannel: channel("incident"),
    channels,
    replayMs,
    skippedMs,
    atRestMs,
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
