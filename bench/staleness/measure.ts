// Reads what Slack received during the replay and turns it into staleness per kind of message:
// for each committed change, the time until the emulator received the write that shows it (its
// request reaching the emulator, `receivedAt`: not the emulator's own checks and handling, which
// real Slack does on machines of its own), and whether every expected message is there exactly
// once. Posted messages are found by the markers in their text (or, for handoff cards, by their
// order in the channel); a state message (pinned summaries, the announcement, the recovery
// board, a handoff card after Accept) by the first write to it after the commit: it is rendered
// when delivered, so it shows the change. Each observation keeps the calls that showed it, for
// the floor (floor.ts).
import type { CallRecord } from "../../test/support/slack-emulator/types.ts";
import type { Replay, ReplayedStep } from "./replay.ts";
import type { SlackSnapshot } from "./slack-protocol.ts";
import type { StalenessWorld } from "./world.ts";

export const KINDS = [
  "channel update",
  "pinned summary",
  "announcement",
  "announcement mirror",
  "recovery board",
  "handoff card",
  "handoff card accepted",
  "handoff DM",
  "invites",
] as const;
export type MessageKind = (typeof KINDS)[number];

/** Kinds whose p99 is held to a target against the floor (issue 18, item 5). */
export const TARGETED: Partial<Record<MessageKind, number>> = { "channel update": 2, "pinned summary": 2 };

/** What people act on goes first in a perfect scheduler. */
export const PRIORITY: Record<MessageKind, 0 | 1> = {
  "channel update": 0,
  "pinned summary": 0,
  announcement: 1,
  "announcement mirror": 1,
  "recovery board": 1,
  "handoff card": 1,
  "handoff card accepted": 1,
  "handoff DM": 1,
  invites: 1,
};

export interface Observation {
  kind: MessageKind;
  committedAt: number;
  /** Bench-clock ms from commit to Slack showing it; NaN when it never showed (lost). */
  staleMs: number;
  lost: number;
  doubled: number;
  /** The calls that made Slack show it (empty when lost). */
  shownBy: CallRecord[];
}

const users = (call: CallRecord) =>
  String(call.args.users ?? "")
    .split(",")
    .filter(Boolean);

/** What Slack held after the replay that the measurement needs: its calls, IMs and channel members. */
export function slackSnapshotFor(world: StalenessWorld, replay: Replay): Promise<SlackSnapshot> {
  const handedOver = replay.steps.flatMap((s) =>
    s.step.action.kind === "accept" && s.fromUser ? [s.fromUser] : [],
  );
  return world.slack.snapshot([...new Set(handedOver)], [...new Set(replay.channels.values())]);
}

export async function observe(
  world: StalenessWorld,
  replay: Replay,
  slack: SlackSnapshot,
): Promise<Observation[]> {
  const db = world.db;
  const incident = await db.incident.findFirstOrThrow({ orderBy: { id: "desc" } });
  const workstreams = await db.workstream.findMany({ where: { incidentId: incident.id } });
  const summaryTs = new Map<string, string | null>([
    [replay.incidentChannel, incident.summaryTs],
    ...workstreams.map((w): [string, string | null] => [w.channelId ?? "", w.summaryTs]),
  ]);
  const announce = world.announceChannel;
  const inChannel = new Map<string, CallRecord[]>();
  for (const call of slack.calls) {
    if (!call.ok) continue;
    const channel = String(call.args.channel ?? "");
    const list = inChannel.get(channel) ?? [];
    list.push(call);
    inChannel.set(channel, list);
  }
  const callsIn = (channel: string) => inChannel.get(channel) ?? [];
  const text = (c: CallRecord) => String(c.args.text ?? "");
  const posts = (list: CallRecord[]) => list.filter((c) => c.method === "chat.postMessage");
  const firstAfter = (list: CallRecord[], after: number, match: (c: CallRecord) => boolean) =>
    list.find((c) => c.receivedAt >= after && match(c));
  // Where to look for the writes showing a change: from its commit, or for a click from when it
  // was sent (the bench sees a click's commit only by polling, after the bot may have shown it).
  const since = (step: ReplayedStep) => step.sentAt ?? step.committedAt;
  const updatesOf = (ts: string | null) => (c: CallRecord) => c.method === "chat.update" && c.args.ts === ts;
  const isBoardWrite = (c: CallRecord) =>
    (c.method === "chat.update" && c.args.ts === incident.boardTs) ||
    (c.method === "chat.postMessage" && text(c).startsWith("Recovery board for"));
  const isCard = (c: CallRecord) => c.method === "chat.postMessage" && text(c).startsWith("Shift handoff of");

  // State messages are posted once and then updated: a second one in a channel is a double,
  // counted once, on the kind's first change there.
  const counted = new Set<string>();
  const extraStateMessages = (kind: MessageKind, channel: string, prefix: string) => {
    if (counted.has(`${kind}:${channel}`)) return 0;
    counted.add(`${kind}:${channel}`);
    const count = posts(callsIn(channel)).filter((c) => text(c).startsWith(prefix)).length;
    // None at all would mean this measurement no longer recognises the message, not a loss.
    if (count === 0) throw new Error(`staleness: no ${kind} message starting "${prefix}" in ${channel}`);
    return count - 1;
  };
  const summaryPrefix = (channel: string) => {
    const workstream = workstreams.find((w) => w.channelId === channel);
    return workstream
      ? `INC-${incident.number} workstream ${workstream.name}:`
      : `INC-${incident.number} ${incident.title}`;
  };

  const out: Observation[] = [];
  const add = (kind: MessageKind, step: ReplayedStep, shownBy: CallRecord[], copies: number) =>
    out.push({
      kind,
      committedAt: step.committedAt,
      // 0 when Slack showed a click's change before the bench saw it committed.
      staleMs: shownBy.length
        ? Math.max(0, ...shownBy.map((c) => c.receivedAt - step.committedAt))
        : Number.NaN,
      lost: shownBy.length ? 0 : 1,
      doubled: Math.max(0, copies - 1),
      shownBy,
    });
  const once = (call: CallRecord | undefined) => (call ? [call] : []);
  const summary = (step: ReplayedStep, channel: string) =>
    add(
      "pinned summary",
      step,
      once(firstAfter(callsIn(channel), since(step), updatesOf(summaryTs.get(channel) ?? null))),
      1 + extraStateMessages("pinned summary", channel, summaryPrefix(channel)),
    );
  const announcement = (step: ReplayedStep) =>
    add(
      "announcement",
      step,
      once(firstAfter(callsIn(announce), since(step), updatesOf(incident.announceTs))),
      1 + extraStateMessages("announcement", announce, `INC-${incident.number}: `),
    );

  const cardsSeen = new Map<string, number>();
  for (const step of replay.steps) {
    const a = step.step.action;
    const here = callsIn(step.channel);
    if (a.kind === "update") {
      const mine = (c: CallRecord) => text(c).includes(`${a.marker} intake still failing`);
      const lines = posts(here).filter(mine);
      add("channel update", step, lines.slice(0, 1), lines.length);
      const mirrors = posts(callsIn(announce)).filter(mine);
      add("announcement mirror", step, mirrors.slice(0, 1), mirrors.length);
      announcement(step);
    } else if (a.kind === "workstreamStatus") {
      summary(step, replay.incidentChannel);
      summary(step, step.channel);
      announcement(step);
    } else if (a.kind === "severity") {
      summary(step, step.channel);
      announcement(step);
    } else if (a.kind === "service") {
      const boards = 1 + extraStateMessages("recovery board", step.channel, "Recovery board for");
      add("recovery board", step, once(firstAfter(here, since(step), isBoardWrite)), boards);
    } else if (a.kind === "handoff") {
      // The k-th handoff asked for in a channel is the k-th card posted there.
      const k = cardsSeen.get(step.channel) ?? 0;
      cardsSeen.set(step.channel, k + 1);
      const cards = posts(here).filter(isCard);
      const expected = replay.steps.filter(
        (s) => s.step.action.kind === "handoff" && s.channel === step.channel,
      ).length;
      // Extra cards in the channel are counted once, on its first handoff.
      add("handoff card", step, once(cards[k]), k === 0 ? 1 + Math.max(0, cards.length - expected) : 1);
    } else if (a.kind === "accept") {
      const accepted = (c: CallRecord) =>
        c.method === "chat.update" &&
        text(c).startsWith("Shift handoff of") &&
        text(c).includes(`→ <@${step.toUser}>`);
      add("handoff card accepted", step, once(firstAfter(here, since(step), accepted)), 1);
      const from = step.fromUser ?? "";
      const im = slack.ims[from] ?? "";
      const dms = [...callsIn(from), ...callsIn(im)].sort((x, y) => x.receivedAt - y.receivedAt);
      add(
        "handoff DM",
        step,
        once(
          firstAfter(
            dms,
            since(step),
            (c) => c.method === "chat.postMessage" && text(c).includes(`<@${step.toUser}> accepted`),
          ),
        ),
        1,
      );
      // The new holder shows in the pinned summary of the channel the role belongs to.
      summary(step, step.channel);
    } else if (a.kind === "invite") {
      const members = world.regions.filter((r) => a.regions.includes(r.region)).flatMap((r) => r.members);
      const wanted = new Set(members);
      const invites = here.filter(
        (c) => c.method === "conversations.invite" && users(c).some((u) => wanted.has(u)),
      );
      const times = new Map<string, number>();
      for (const call of invites) for (const user of users(call)) times.set(user, (times.get(user) ?? 0) + 1);
      const inNow = new Set(slack.members[step.channel] ?? []);
      const lost = members.filter((m) => !inNow.has(m)).length;
      out.push({
        kind: "invites",
        committedAt: step.committedAt,
        staleMs:
          lost || !invites.length
            ? Number.NaN
            : Math.max(...invites.map((c) => c.receivedAt)) - step.committedAt,
        lost,
        doubled: members.filter((m) => (times.get(m) ?? 0) > 1).length,
        shownBy: lost ? [] : invites,
      });
    }
  }
  return out;
}
