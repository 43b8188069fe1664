// Reads what Slack shows after the replay and turns it into staleness per kind of message: for
// each committed change, the wall time until the emulator received the write that shows it
// (the first write to a state message after the commit; the post itself for posted messages),
// and whether every expected message is there exactly once. Also lists, for the floor, the
// calls a perfect scheduler would need for the same changes.
import type { CallRecord } from "../../test/support/slack-emulator/types.ts";
import type { FloorCall } from "./floor.ts";
import type { Replay, ReplayedStep } from "./replay.ts";
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

/** Kinds whose p99 is held to a target against the floor. */
export const TARGETED: Partial<Record<MessageKind, number>> = { "channel update": 2, "pinned summary": 2 };

export interface Observation {
  kind: MessageKind;
  /** Wall ms from commit to Slack showing it; NaN when it never showed (lost). */
  staleMs: number;
  lost: number;
  doubled: number;
  /** Where this observation's floor calls start in the floor list, and how many. */
  floor: FloorCall[];
}

const users = (call: CallRecord) =>
  String(call.args.users ?? "")
    .split(",")
    .filter(Boolean);

export async function observe(world: StalenessWorld, replay: Replay): Promise<Observation[]> {
  const db = world.bot.deps.database.db;
  const incident = await db.incident.findFirstOrThrow({ orderBy: { id: "desc" } });
  const workstreams = await db.workstream.findMany({ where: { incidentId: incident.id } });
  const summaryTs = new Map<string, string | null>([
    [replay.incidentChannel, incident.summaryTs],
    ...workstreams.map((w): [string, string | null] => [w.channelId ?? "", w.summaryTs]),
  ]);
  const announce = world.announceChannel;
  const calls = world.emulator.calls.filter((c) => c.ok);
  const inChannel = new Map<string, CallRecord[]>();
  for (const call of calls) {
    const channel = String(call.args.channel ?? "");
    const list = inChannel.get(channel) ?? [];
    list.push(call);
    inChannel.set(channel, list);
  }
  const callsIn = (channel: string) => inChannel.get(channel) ?? [];
  const firstAfter = (list: CallRecord[], after: number, match: (c: CallRecord) => boolean) =>
    list.find((c) => c.at >= after && match(c));
  const stale = (call: CallRecord | undefined, committedAt: number) =>
    call ? call.at - committedAt : Number.NaN;
  const text = (c: CallRecord) => String(c.args.text ?? "");
  const posts = (list: CallRecord[]) => list.filter((c) => c.method === "chat.postMessage");
  const updatesOf = (ts: string | null) => (c: CallRecord) => c.method === "chat.update" && c.args.ts === ts;
  const isBoardWrite = (c: CallRecord) =>
    (c.method === "chat.update" && c.args.ts === incident.boardTs) ||
    (c.method === "chat.postMessage" && text(c).startsWith("Recovery board for"));
  const isCard = (c: CallRecord) => c.method === "chat.postMessage" && text(c).startsWith("Shift handoff of");

  const out: Observation[] = [];
  const add = (
    kind: MessageKind,
    step: ReplayedStep,
    call: CallRecord | undefined,
    count: number,
    floor: Omit<FloorCall, "kind" | "arrival">[],
  ) =>
    out.push({
      kind,
      staleMs: stale(call, step.committedAt),
      lost: call ? 0 : 1,
      doubled: Math.max(0, count - 1),
      floor: floor.map((f) => ({ ...f, kind, arrival: step.committedAt })),
    });

  // State messages are posted once and then updated: a second one in a channel is a double,
  // counted once on the kind's first change.
  const created = (channel: string, prefix: string) =>
    posts(callsIn(channel)).filter((c) => text(c).startsWith(prefix)).length;
  const summaryPrefix = (channel: string) => {
    const workstream = workstreams.find((w) => w.channelId === channel);
    return workstream
      ? `INC-${incident.number} workstream ${workstream.name}:`
      : `INC-${incident.number} ${incident.title}`;
  };
  const extraStateMessages = (kind: MessageKind, channel: string, prefix: string) => {
    const key = `${kind}:${channel}`;
    if (counted.has(key)) return 0;
    counted.add(key);
    const count = created(channel, prefix);
    // None at all would mean this measurement no longer recognises the message, not a loss.
    if (count === 0) throw new Error(`staleness: no ${kind} message starting "${prefix}" in ${channel}`);
    return count - 1;
  };
  const counted = new Set<string>();

  const cardsSeen = new Map<string, number>();
  for (const step of replay.steps) {
    const a = step.step.action;
    const here = callsIn(step.channel);
    if (a.kind === "update") {
      const mine = (c: CallRecord) => text(c).includes(`${a.marker} intake still failing`);
      const lines = posts(here).filter(mine);
      add("channel update", step, lines[0], lines.length, [
        { method: "chat.postMessage", channel: step.channel, priority: 0 },
      ]);
      const summary = summaryTs.get(step.channel) ?? null;
      const summaries = 1 + extraStateMessages("pinned summary", step.channel, summaryPrefix(step.channel));
      add("pinned summary", step, firstAfter(here, step.committedAt, updatesOf(summary)), summaries, [
        { method: "chat.update", channel: step.channel, priority: 0, coalesceKey: `summary:${step.channel}` },
      ]);
      const announcements = 1 + extraStateMessages("announcement", announce, `INC-${incident.number}: `);
      add(
        "announcement",
        step,
        firstAfter(callsIn(announce), step.committedAt, updatesOf(incident.announceTs)),
        announcements,
        [{ method: "chat.update", channel: announce, priority: 1, coalesceKey: "announcement" }],
      );
      const mirrors = posts(callsIn(announce)).filter(mine);
      add("announcement mirror", step, mirrors[0], mirrors.length, [
        { method: "chat.postMessage", channel: announce, priority: 1 },
      ]);
    } else if (a.kind === "service") {
      const boards = 1 + extraStateMessages("recovery board", step.channel, "Recovery board for");
      add("recovery board", step, firstAfter(here, step.committedAt, isBoardWrite), boards, [
        { method: "chat.update", channel: step.channel, priority: 1, coalesceKey: "board" },
      ]);
    } else if (a.kind === "handoff") {
      // The k-th handoff asked for in a channel is the k-th card posted there.
      const k = cardsSeen.get(step.channel) ?? 0;
      cardsSeen.set(step.channel, k + 1);
      const cards = posts(here).filter(isCard);
      const expected = replay.steps.filter(
        (s) => s.step.action.kind === "handoff" && s.channel === step.channel,
      ).length;
      const card = cards[k];
      out.push({
        kind: "handoff card",
        staleMs: stale(card, step.committedAt),
        lost: card ? 0 : 1,
        // Extra cards in the channel are counted once, on its first handoff.
        doubled: k === 0 ? Math.max(0, cards.length - expected) : 0,
        floor: [
          {
            kind: "handoff card",
            arrival: step.committedAt,
            method: "chat.postMessage",
            channel: step.channel,
            priority: 1,
          },
        ],
      });
    } else if (a.kind === "accept") {
      const accepted = (c: CallRecord) =>
        c.method === "chat.update" &&
        text(c).startsWith("Shift handoff of") &&
        text(c).includes(`→ <@${step.toUser}>`);
      add("handoff card accepted", step, firstAfter(here, step.committedAt, accepted), 1, [
        { method: "chat.update", channel: step.channel, priority: 1 },
      ]);
      const from = step.fromUser ?? "";
      const im = world.emulator.imChannelId(from);
      const dm = firstAfter(
        [...callsIn(from), ...callsIn(im)].sort((x, y) => x.at - y.at),
        step.committedAt,
        (c) => c.method === "chat.postMessage",
      );
      add("handoff DM", step, dm, 1, [{ method: "chat.postMessage", channel: im, priority: 1 }]);
    } else if (a.kind === "invite") {
      const members = world.regions.filter((r) => a.regions.includes(r.region)).flatMap((r) => r.members);
      const invites = here.filter((c) => c.method === "conversations.invite");
      const times = new Map<string, number[]>();
      for (const call of invites)
        for (const user of users(call)) times.set(user, [...(times.get(user) ?? []), call.at]);
      const inNow = world.emulator.channel(step.channel)?.members ?? new Set<string>();
      const lost = members.filter((m) => !inNow.has(m)).length;
      const doubled = members.filter((m) => (times.get(m)?.length ?? 0) > 1).length;
      const last = Math.max(...members.map((m) => times.get(m)?.[0] ?? Number.NaN));
      out.push({
        kind: "invites",
        staleMs: lost ? Number.NaN : last - step.committedAt,
        lost,
        doubled,
        floor: Array.from({ length: Math.ceil(members.length / 1000) }, () => ({
          kind: "invites",
          arrival: step.committedAt,
          method: "conversations.invite",
          channel: step.channel,
          priority: 1 as const,
        })),
      });
    }
  }
  return out;
}
