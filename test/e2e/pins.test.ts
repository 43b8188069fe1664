// Pin to timeline end to end: a 📌 reaction on a message in an incident (or workstream)
// channel captures it at its own time, from people, other apps and threads; Slack's retries
// and second pinners add nothing; the last pinner taking it back leaves an "unpinned" entry
// (out of the postmortem); the bot only
// ever answers with a reaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateOfSlackTs } from "../../src/domain/time/slack-ts.ts";
import type { TestBot } from "../support/bot-harness.ts";
import type { DeclaredIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { reactionEvent } from "../support/slack-emulator/event-payloads.ts";
import { threeResponders } from "../support/three-responders.ts";

describe("pin to timeline", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let casey: string;
  let general: string;
  let channel: string;
  let incidentId: number;

  const db = () => t.bot.deps.database.db;
  const pinEntry = (ts: string, where = channel) =>
    db().timelineEntry.findUnique({ where: { dedupeKey: `pin:${where}:${ts}` } });
  const checkmarks = (ts: string, where = channel) =>
    t.emulator.message(where, ts)?.reactions.get("white_check_mark") ?? [];
  const botPosts = (where = channel) =>
    t.emulator.messages(where).filter((m) => m.botId === t.emulator.botId).length;

  /** The event reached the app and its work is done (the outbox included). */
  async function handled(eventId: string | undefined) {
    await eventually(async () =>
      expect(await db().processedRequest.findUnique({ where: { key: `event:${eventId}` } })).not.toBeNull(),
    );
    await t.settle();
  }

  beforeAll(async () => {
    let incident: DeclaredIncident;
    ({ t, alex, blair, casey, general, incident } = await threeResponders("Search is down --sev 2"));
    channel = incident.channel.id;
    incidentId = incident.id;
    await t.advance("5m");
  });
  afterAll(() => t.stop());

  it("captures a person's message at its own time, with author, text and link, and confirms with a reaction", async () => {
    const message = t.emulator.postAsUser(
      channel,
      blair,
      `<@${casey}> found it: <!channel> the index is corrupt`,
    );
    await t.advance("7m");
    const posts = botPosts();
    const { eventId } = await t.driver.reactionAdded({ user: alex, channel, ts: message.ts });
    await handled(eventId);

    const entry = await pinEntry(message.ts);
    expect(entry).toMatchObject({ incidentId, kind: "message_pinned", actorId: alex, sourceTs: message.ts });
    expect(entry?.occurredAt.toISOString()).toBe(dateOfSlackTs(message.ts)?.toISOString());
    expect(entry?.occurredAt.toISOString()).toBe("2026-03-08T06:05:00.000Z");
    expect(entry?.recordedAt.toISOString()).toBe("2026-03-08T06:12:00.000Z");
    expect(entry?.permalink).toMatch(new RegExp(`^https://.+/archives/${channel}/p`));
    expect(entry?.data).toMatchObject({
      authorId: blair,
      botId: null,
      threadTs: null,
      text: "@casey found it: @channel the index is corrupt",
    });
    expect(checkmarks(message.ts)).toEqual([t.emulator.botUserId]);
    // Quiet: no message in the channel.
    expect(botPosts()).toBe(posts);
    expect(t.emulator.violations).toEqual([]);
  });

  it("captures another app's message and a reply in a thread", async () => {
    const alert = t.emulator.postAsBot(channel, "B0MONITOR01", "ALERT search-api p99 > 5s in eu1");
    const parent = t.emulator.postAsUser(channel, casey, "thread for the reindex");
    const reply = t.emulator.postAsUser(channel, blair, "reindex at 40%", { threadTs: parent.ts });
    await handled((await t.driver.reactionAdded({ user: casey, channel, ts: alert.ts })).eventId);
    await handled((await t.driver.reactionAdded({ user: casey, channel, ts: reply.ts })).eventId);

    expect((await pinEntry(alert.ts))?.data).toMatchObject({
      authorId: null,
      botId: "B0MONITOR01",
      text: "ALERT search-api p99 > 5s in eu1",
    });
    const threaded = await pinEntry(reply.ts);
    expect(threaded?.data).toMatchObject({ authorId: blair, threadTs: parent.ts, text: "reindex at 40%" });
    expect(threaded?.permalink).toContain(`thread_ts=${parent.ts}`);
    expect(checkmarks(alert.ts)).toEqual([t.emulator.botUserId]);
    expect(checkmarks(reply.ts)).toEqual([t.emulator.botUserId]);
  });

  it("records one entry for a retried event and for a second person pinning the same message", async () => {
    const message = t.emulator.postAsUser(channel, casey, "mitigation: traffic shifted to us3");
    const first = await t.driver.reactionAdded({ user: blair, channel, ts: message.ts });
    // Slack did not get our ack in time and delivers the same event again.
    const body = reactionEvent(
      t.emulator,
      "reaction_added",
      { user: blair, channel, ts: message.ts },
      "pushpin",
    );
    const retry = await t.driver.event(body, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.status).toBe(200);
    await handled(first.eventId);
    const second = await t.driver.reactionAdded({ user: alex, channel, ts: message.ts });
    await handled(second.eventId);

    expect(await db().timelineEntry.count({ where: { dedupeKey: `pin:${channel}:${message.ts}` } })).toBe(1);
    const entry = await pinEntry(message.ts);
    expect(
      await db().timelinePin.findMany({ where: { entryId: entry!.id }, orderBy: { id: "asc" } }),
    ).toMatchObject([{ userId: blair }, { userId: alex }]);
    expect(checkmarks(message.ts)).toEqual([t.emulator.botUserId]);
    expect(t.emulator.callsTo("reactions.add").filter((c) => c.args.timestamp === message.ts)).toHaveLength(
      1,
    );
  });

  it("keeps a pin everyone took back as 'unpinned by … at …', out of the postmortem", async () => {
    const message = t.emulator.postAsUser(channel, blair, "customer comms drafted");
    const kept = t.emulator.postAsUser(channel, casey, "rollback of shard map confirmed");
    await handled((await t.driver.reactionAdded({ user: alex, channel, ts: message.ts })).eventId);
    await handled((await t.driver.reactionAdded({ user: blair, channel, ts: message.ts })).eventId);
    await handled((await t.driver.reactionAdded({ user: casey, channel, ts: kept.ts })).eventId);

    await handled((await t.driver.reactionRemoved({ user: alex, channel, ts: message.ts })).eventId);
    expect(await pinEntry(message.ts)).not.toBeNull();
    expect(checkmarks(message.ts)).toEqual([t.emulator.botUserId]);

    await t.advance("3m");
    await handled((await t.driver.reactionRemoved({ user: blair, channel, ts: message.ts })).eventId);
    // The pin stays, and the taking back is an entry of its own, by who and when.
    const pinned = await pinEntry(message.ts);
    expect(pinned).not.toBeNull();
    const unpinned = await db().timelineEntry.findFirst({ where: { incidentId, kind: "message_unpinned" } });
    expect(unpinned).toMatchObject({ actorId: blair, sourceTs: message.ts });
    expect(unpinned?.occurredAt.toISOString()).toBe(t.bot.clock.now().toISOString());
    expect(unpinned?.data).toMatchObject({ pinnedEntryId: pinned!.id, text: "customer comms drafted" });
    expect(await db().timelinePin.count({ where: { channelId: channel, messageTs: message.ts } })).toBe(0);
    expect(checkmarks(message.ts)).toEqual([]);

    const view = JSON.stringify((await t.driver.command("timeline", { user: alex, channel })).json);
    expect(view).toContain(
      `Unpinned message from <@${blair}>: customer comms drafted — unpinned by <@${blair}>`,
    );

    const filesBefore = t.emulator.files().length;
    await t.driver.command("postmortem", { user: alex, channel });
    await eventually(() => expect(t.emulator.files().length).toBeGreaterThan(filesBefore));
    await t.settle();
    const draft = t.emulator
      .files()
      .slice(filesBefore)
      .find((f) => f.filename.endsWith(".md"));
    const markdown = draft?.bytes?.toString("utf8") ?? "";
    expect(markdown).toContain("rollback of shard map confirmed");
    expect(markdown).not.toContain("customer comms drafted");
    expect(markdown).not.toMatch(/unpinned/i);

    // Pinned again: the confirmation comes back.
    await handled((await t.driver.reactionAdded({ user: casey, channel, ts: message.ts })).eventId);
    expect(checkmarks(message.ts)).toEqual([t.emulator.botUserId]);
    expect(t.emulator.violations).toEqual([]);
  });

  it("captures in a workstream channel for that workstream, and shows pins in the timeline view", async () => {
    // A pin in the incident channel too, made here so this test does not lean on an earlier one.
    const alarm = t.emulator.postAsUser(channel, blair, "<!channel> the index is corrupt");
    await handled((await t.driver.reactionAdded({ user: alex, channel, ts: alarm.ts })).eventId);
    await t.driver.command("workstream add eu1 --channel", { user: alex, channel });
    await t.settle();
    const eu1 = t.emulator.channelByName("inc-1-eu1")!.id;
    t.emulator.joinChannel(eu1, blair);
    const message = t.emulator.postAsUser(eu1, blair, "eu1 shards rebalanced");
    await handled((await t.driver.reactionAdded({ user: blair, channel: eu1, ts: message.ts })).eventId);
    const entry = await pinEntry(message.ts, eu1);
    const workstream = await db().workstream.findFirstOrThrow({ where: { name: "eu1" } });
    expect(entry?.workstreamId).toBe(workstream.id);

    const view = JSON.stringify((await t.driver.command("timeline", { user: alex, channel })).json);
    expect(view).toContain("Pinned message from <@");
    expect(view).toContain("eu1 shards rebalanced");
    expect(view).toContain("|message>");
    expect(view).toContain("@channel the index is corrupt");
    expect(view).not.toMatch(/<!channel>/);
  });

  it("ignores pins outside incident channels and other reactions, silently", async () => {
    const message = t.emulator.postAsUser(general, alex, "unrelated chatter");
    const reads = t.emulator.calls.length;
    const pinned = await t.driver.reactionAdded({ user: blair, channel: general, ts: message.ts });
    const inIncident = t.emulator.postAsUser(channel, alex, "a thumbs up is not a pin");
    const thumbs = await t.driver.reactionAdded({
      user: blair,
      channel,
      ts: inIncident.ts,
      reaction: "thumbsup",
    });
    expect([pinned.status, thumbs.status]).toEqual([200, 200]);
    // A real pin sent after both: once it is handled, the two before it had their chance to act.
    const marker = t.emulator.postAsUser(channel, alex, "a real pin, after the two that are not");
    await handled((await t.driver.reactionAdded({ user: blair, channel, ts: marker.ts })).eventId);
    expect(await pinEntry(marker.ts)).not.toBeNull();
    const callsForOthers = t.emulator.calls
      .slice(reads)
      .filter((c) => !JSON.stringify(c.args).includes(marker.ts));
    expect(callsForOthers).toEqual([]);
    expect(await pinEntry(message.ts, general)).toBeNull();
    expect(await pinEntry(inIncident.ts)).toBeNull();
    expect(checkmarks(message.ts, general)).toEqual([]);
  });
});
