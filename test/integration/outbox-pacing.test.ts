// The outbox worker under pacing: lanes carrying what people act on go before bulk work
// (order within a lane unchanged), and a lane whose call was put off by the bot's own pacing
// waits without backoff, without counting an attempt and without holding up other lanes.
import { describe, expect, it } from "vitest";
import { enqueueIntents, outboxQueue } from "../../src/db/repositories/outbox.ts";
import type { LaneOpening } from "../../src/db/repositories/outbox-lane.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import type { Intent } from "../../src/outbox/intents.ts";
import { SlackCallError } from "../../src/slack/gateway.ts";
import { currentDeliveryCalls } from "../../src/slack/pacing/delivery-calls.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const message = { view: "plain", text: "x" };

describe("outbox priority and pacing (SQLite)", () => {
  const outbox = outboxWorkerOnTestDatabase("sqlite");
  const { clock, database, queue } = outbox;

  /** Lanes the worker read (openLane, pendingInLane), in order. */
  const readLanes: string[] = [];

  function workerWith(deliver: DeliverFn, pacing = false, elapsed?: () => number) {
    const queue = outboxQueue(database.db, "sqlite");
    return outbox.workerWith(deliver, {
      ...(elapsed ? { elapsed } : {}),
      queue: {
        ...queue,
        pendingInLane: (lane: string, limit: number) => {
          readLanes.push(lane);
          return queue.pendingInLane(lane, limit);
        },
        openLane: (opening: LaneOpening) => {
          readLanes.push(opening.lane);
          return queue.openLane(opening);
        },
      },
      concurrency: 1,
      pacing,
    });
  }

  it("serves urgent lanes before bulk ones, keeping each lane's order, and marks bulk calls", async () => {
    // Recorded first: bulk work (a DM, an announcement mirror, a workstream mirror, an invite).
    await queue("user:U1", { kind: "message.post", target: { userId: "U1" }, message } as Intent);
    await queue("channel:CANNOUNCE", { kind: "announcement.reply", incidentId: 1, message } as Intent);
    await queue("workstream:7", {
      kind: "message.post",
      target: { workstreamId: 7 },
      message,
      ownChannelOnly: true,
    } as Intent);
    await queue("incident:2", {
      kind: "channel.invite",
      scope: { incidentId: 2 },
      users: ["U1"],
      groups: [],
    });
    await queue("incident:2", { kind: "message.post", target: { incidentId: 2 }, message } as Intent);
    // Recorded last: the update in an incident's channel, its pinned summary, and an update a
    // lead typed in a workstream's channel (not a copy of an incident-wide line).
    await queue("incident:1", { kind: "message.post", target: { incidentId: 1 }, message } as Intent);
    await queue("incident:3", { kind: "summary.refresh", scope: { incidentId: 3 } });
    await queue("workstream:8", { kind: "message.post", target: { workstreamId: 8 }, message } as Intent);
    const order: string[] = [];
    const worker = workerWith(async (intent, attempt) => {
      order.push(`${attempt.message.lane} ${intent.kind}${currentDeliveryCalls()?.bulk ? " (bulk)" : ""}`);
    });
    await worker.drain();
    expect(order).toEqual([
      "incident:1 message.post",
      "incident:3 summary.refresh",
      "workstream:8 message.post",
      "user:U1 message.post (bulk)",
      "channel:CANNOUNCE announcement.reply (bulk)",
      "workstream:7 message.post (bulk)",
      // Within a lane, recorded order: the invite, then the post behind it.
      "incident:2 channel.invite (bulk)",
      "incident:2 message.post",
    ]);
  });

  it("puts a paced lane off until its call may go, while other lanes go on", async () => {
    const paced = await queue("incident:1", { kind: "summary.refresh", scope: { incidentId: 1 } });
    const behind = await queue("incident:1", {
      kind: "message.post",
      target: { incidentId: 1 },
      message,
    } as Intent);
    const other = await queue("incident:2", {
      kind: "message.post",
      target: { incidentId: 2 },
      message,
    } as Intent);
    let pacing = true;
    const delivered: number[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      if (pacing && attempt.message.id === paced)
        throw new SlackCallError({
          kind: "rate_limited",
          retryAfterMs: 1_500,
          method: "chat.update",
          paced: true,
        });
      delivered.push(attempt.message.id);
    });
    await worker.drain();
    expect(delivered).toEqual([other]);
    const waiting = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: paced } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 0, sendingAt: null });
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1_500);

    pacing = false;
    clock.set(new Date(clock.now().getTime() + 1_500));
    await worker.drain();
    expect(delivered).toEqual([other, paced, behind]);
    await worker.stop();
  });

  it("a message put off before any of its calls was sent has nothing to look for next time", async () => {
    const post = await queue("incident:1", {
      kind: "message.post",
      target: { incidentId: 1 },
      message,
    } as Intent);
    const seen: boolean[] = [];
    let pacing = true;
    const worker = workerWith(async (_intent, attempt) => {
      seen.push(attempt.previouslyAttempted);
      if (pacing)
        throw new SlackCallError({
          kind: "rate_limited",
          retryAfterMs: 1_000,
          method: "chat.postMessage",
          paced: true,
        });
    });
    await worker.drain();
    pacing = false;
    clock.set(new Date(clock.now().getTime() + 1_000));
    await worker.drain();
    expect(seen).toEqual([false, false]);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: post } })).toMatchObject({
      status: "done",
      attempts: 1,
    });
    await worker.stop();
  });

  it("with pacing, a put-off state refresh does not hold up the update behind it", async () => {
    const board = await queue("incident:1", { kind: "board.refresh", incidentId: 1 });
    const update = await queue("incident:1", {
      kind: "message.post",
      target: { incidentId: 1 },
      message,
    } as Intent);
    let pacing = true;
    const delivered: number[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      if (pacing && attempt.message.id === board)
        throw new SlackCallError({
          kind: "rate_limited",
          retryAfterMs: 1_200,
          method: "chat.update",
          paced: true,
        });
      delivered.push(attempt.message.id);
    }, true);
    await worker.drain();
    expect(delivered).toEqual([update]);
    pacing = false;
    clock.set(new Date(clock.now().getTime() + 1_200));
    await worker.drain();
    expect(delivered).toEqual([update, board]);
    await worker.stop();
  });

  it("with pacing, re-renders a state message at most once a second; changes meanwhile wait and merge", async () => {
    const refresh: Intent = { kind: "summary.refresh", scope: { incidentId: 1 } };
    const delivered: number[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      delivered.push(attempt.message.id);
    }, true);
    const first = await queue("incident:1", refresh);
    await worker.drain();
    const second = await queue("incident:1", refresh);
    const after = await queue("incident:1", {
      kind: "message.post",
      target: { incidentId: 1 },
      message,
    } as Intent);
    await worker.drain();
    expect(delivered).toEqual([first, after]);
    const waiting = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: second } });
    expect(waiting).toMatchObject({ status: "pending", sendingAt: null, attempts: 0 });
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1_000);
    clock.set(new Date(clock.now().getTime() + 1_000));
    await worker.drain();
    expect(delivered).toEqual([first, after, second]);
    await worker.stop();
  });

  it("with pacing, a refresh Slack answered 429 is stepped over too; a waiting lane is not re-read on every drain", async () => {
    const topic = await queue("incident:1", { kind: "channel.topic", scope: { incidentId: 1 } });
    const update = await queue("incident:1", {
      kind: "message.post",
      target: { incidentId: 1 },
      message,
    } as Intent);
    const dm = await queue("user:U9", { kind: "message.post", target: { userId: "U9" }, message } as Intent);
    const dmLater = await queue("user:U9", {
      kind: "message.post",
      target: { userId: "U9" },
      message,
    } as Intent);
    let slackLimits = true;
    const delivered: number[] = [];
    const worker = workerWith(async (_intent, attempt) => {
      if (slackLimits && (attempt.message.id === topic || attempt.message.id === dm))
        throw new SlackCallError({ kind: "rate_limited", retryAfterMs: 3_000, method: "chat.postMessage" });
      delivered.push(attempt.message.id);
    }, true);
    await worker.drain();
    expect(delivered).toEqual([update]);
    // The DM lane's head waits 3 s; a new drain before then does not even read its lane.
    slackLimits = false;
    readLanes.length = 0;
    await worker.drain();
    expect(delivered).toEqual([update]);
    expect(readLanes).not.toContain("user:U9");
    clock.set(new Date(clock.now().getTime() + 3_000));
    await worker.drain();
    expect(delivered.sort()).toEqual([update, topic, dm, dmLater].sort());
    await worker.stop();
  });

  it("invites into one channel at most once a second: later ones wait and merge, and hold up nothing behind them", async () => {
    const record = (intent: Intent) =>
      database.db.$transaction((tx) =>
        enqueueIntents(tx, [intent], { now: clock.now(), announceChannel: undefined }),
      );
    const invite = (users: string[]): Intent => ({
      kind: "channel.invite",
      scope: { incidentId: 1 },
      users,
      groups: [],
    });
    let realMs = 0;
    const sent: string[] = [];
    // Without pacing too: a clock that stands still (demo, tests) still sees real time pass.
    const worker = workerWith(
      async (intent) => {
        sent.push(intent.kind === "channel.invite" ? intent.users.join(",") : intent.kind);
      },
      false,
      () => realMs,
    );
    await record(invite(["U1"]));
    await worker.drain();
    expect(sent).toEqual(["U1"]);
    // A burst of Join clicks, with the channel's update recorded in between.
    await record(invite(["U2"]));
    await record({ kind: "message.post", target: { incidentId: 1 }, message } as Intent);
    await record(invite(["U3"]));
    await worker.drain();
    expect(sent).toEqual(["U1", "message.post"]);
    realMs += 999;
    await worker.drain();
    expect(sent).toEqual(["U1", "message.post"]);
    realMs += 1;
    await worker.drain();
    expect(sent).toEqual(["U1", "message.post", "U2,U3"]);
    // Another channel is not held by this one's invites.
    await record({ kind: "channel.invite", scope: { incidentId: 2 }, users: ["U4"], groups: [] });
    await worker.drain();
    expect(sent.at(-1)).toBe("U4");
    await worker.stop();
  });
});
