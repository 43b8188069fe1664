// chat.*: ts ordering, where messages may go, who may edit them, ephemerals, permalinks,
// and Block Kit checks on the way in.
import { describe, expect, it } from "vitest";
import { compareTs, TsClock } from "../../support/slack-emulator/ids.ts";
import { harness, slackError } from "./harness.ts";

describe("message timestamps", () => {
  it("are unique and strictly increasing across the workspace, in Slack's format", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const a = emulator.addChannel({ name: "a", members: [alice.id] });
    const b = emulator.addChannel({ name: "b" });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.chat.postMessage({ channel: i % 2 ? a.id : b.id, text: `m${i}` }),
      ),
    );
    const seeded = emulator.postAsUser(a.id, alice.id, "human");
    const all = [...emulator.messages(a.id), ...emulator.messages(b.id)].map((m) => m.ts).sort(compareTs);
    expect(new Set(all).size).toBe(51);
    expect(all.at(-1)).toBe(seeded.ts);
    for (const ts of all) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    for (let i = 1; i < all.length; i++) expect(compareTs(all[i - 1] ?? "", all[i] ?? "")).toBe(-1);
    // Posting order on each channel is ts order.
    const aTs = emulator.messages(a.id).map((m) => m.ts);
    expect([...aTs].sort(compareTs)).toEqual(aTs);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("are whole microseconds on a clock that gives fractions of a millisecond", () => {
    // The staleness bench's clock (performance.timeOrigin + performance.now()).
    const times = [1_700_000_000_000.0625, 1_700_000_000_000.0625, 1_700_000_000_002.5];
    const clock = new TsClock(() => times.shift() ?? 0);
    expect([clock.next(), clock.next(), clock.next()]).toEqual([
      "1700000000.000062",
      "1700000000.000063",
      "1700000000.002500",
    ]);
  });

  it("compares ts values numerically, not as text", () => {
    expect(compareTs("999999999.000001", "1000000000.000000")).toBe(-1);
    expect(compareTs("1700000000.5", "1700000000.400000")).toBe(1);
    expect(compareTs("1700000000", "1700000000.000000")).toBe(0);
  });
});

describe("chat.postMessage", () => {
  it("posts to a channel with blocks and metadata, returning ts, channel and message", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const blocks = [{ type: "section", block_id: "summary", text: { type: "mrkdwn", text: "*Sev1*" } }];
    const metadata = { event_type: "incident", event_payload: { id: 1 } };
    const result = await client.chat.postMessage({ channel: channel.id, text: "Sev1", blocks, metadata });
    expect(result).toMatchObject({
      ok: true,
      channel: channel.id,
      message: { text: "Sev1", bot_id: emulator.botId },
    });
    const [message] = emulator.messages(channel.id);
    expect(message).toMatchObject({
      ts: result.ts,
      text: "Sev1",
      blocks,
      metadata,
      botId: emulator.botId,
      pinned: false,
    });
    expect(emulator.violations).toEqual([]);
  });

  it("fills in missing block_ids and action_ids like Slack", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    await client.chat.postMessage({
      channel: channel.id,
      text: "t",
      blocks: [
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Ack" } }] },
      ],
    });
    const block = emulator.messages(channel.id)[0]?.blocks?.[0] as {
      block_id: string;
      elements: { action_id: string }[];
    };
    expect(block.block_id).toMatch(/^\w{4}$/);
    expect(block.elements[0]?.action_id).toMatch(/^\w{5}$/);
  });

  it("sends to a user id through the bot's IM channel", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const result = await client.chat.postMessage({ channel: alice.id, text: "you are on call" });
    expect(result.channel).toMatch(/^D[0-9A-Z]{10}$/);
    expect(emulator.dms(alice.id).map((m) => m.text)).toEqual(["you are on call"]);
    expect(emulator.imChannelId(alice.id)).toBe(result.channel);
  });

  it("needs text or blocks (no_text is a violation)", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    expect(await slackError(client.chat.postMessage({ channel: channel.id, text: "" }))).toBe("no_text");
    expect(emulator.violations).toEqual([
      expect.objectContaining({ method: "chat.postMessage", error: "no_text" }),
    ]);
    expect(emulator.messages(channel.id)).toEqual([]);
  });

  it("may post to public channels without joining, not to private ones", async () => {
    const { emulator, client } = await harness();
    const pub = emulator.addChannel({ name: "public", botIsMember: false });
    const secret = emulator.addChannel({ name: "secret", isPrivate: true, botIsMember: false });
    await client.chat.postMessage({ channel: pub.id, text: "hello" });
    expect(emulator.messages(pub.id)).toHaveLength(1);
    expect(await slackError(client.chat.postMessage({ channel: secret.id, text: "hello" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(client.chat.postMessage({ channel: "C0000000000", text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(emulator.violations).toEqual([]);
  });

  it("threads replies under their parent, also when given a reply's ts", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const parent = await client.chat.postMessage({ channel: channel.id, text: "parent" });
    const reply = await client.chat.postMessage({
      channel: channel.id,
      text: "r1",
      thread_ts: parent.ts ?? "",
    });
    await client.chat.postMessage({ channel: channel.id, text: "r2", thread_ts: reply.ts ?? "" });
    const [p, r1, r2] = emulator.messages(channel.id);
    expect(r1?.threadTs).toBe(p?.ts);
    expect(r2?.threadTs).toBe(p?.ts);
    expect(p?.replies).toEqual([r1?.ts, r2?.ts]);
  });

  it("rejects blocks that break Slack's rules, records the violation and posts nothing", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const header = { type: "header", text: { type: "plain_text", text: "x".repeat(151) } };
    expect(
      await slackError(client.chat.postMessage({ channel: channel.id, text: "t", blocks: [header] })),
    ).toBe("invalid_blocks");
    expect(await slackError(client.chat.postMessage({ channel: channel.id, text: "x".repeat(4001) }))).toBe(
      "msg_too_long",
    );
    expect(emulator.violations.map((v) => v.error)).toEqual(["invalid_blocks", "msg_too_long"]);
    expect(emulator.violations[0]?.reason).toMatch(/header text must be at most 150/);
    expect(emulator.messages(channel.id)).toEqual([]);
    expect(emulator.callsTo("chat.postMessage").map((c) => c.ok)).toEqual([false, false]);
  });
});

describe("chat.update and chat.delete", () => {
  it("updates the bot's own message in place and marks it edited", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const posted = await client.chat.postMessage({ channel: channel.id, text: "v1" });
    const record = emulator.messages(channel.id)[0];
    const updated = await client.chat.update({ channel: channel.id, ts: posted.ts ?? "", text: "v2" });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: "v2" });
    expect(record?.text).toBe("v2");
    expect(record?.edited?.user).toBe(emulator.botUserId);
    expect(emulator.messages(channel.id)).toHaveLength(1);
  });

  it("fails with message_not_found and cant_update_message", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const channel = emulator.addChannel({ name: "inc-1", members: [alice.id] });
    const human = emulator.postAsUser(channel.id, alice.id, "mine");
    expect(await slackError(client.chat.update({ channel: channel.id, ts: "1.000001", text: "x" }))).toBe(
      "message_not_found",
    );
    expect(await slackError(client.chat.update({ channel: channel.id, ts: human.ts, text: "x" }))).toBe(
      "cant_update_message",
    );
    expect(await slackError(client.chat.delete({ channel: channel.id, ts: human.ts }))).toBe(
      "cant_delete_message",
    );
    expect(human.text).toBe("mine");
    expect(emulator.violations).toEqual([]);
  });

  it("deletes the bot's own message", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const posted = await client.chat.postMessage({ channel: channel.id, text: "oops" });
    await client.chat.delete({ channel: channel.id, ts: posted.ts ?? "" });
    expect(emulator.messages(channel.id)).toEqual([]);
  });
});

describe("chat.postEphemeral and chat.getPermalink", () => {
  it("shows an ephemeral message only to a member of the channel", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const bob = emulator.addUser({ name: "bob" });
    const channel = emulator.addChannel({ name: "inc-1", members: [alice.id] });
    const result = await client.chat.postEphemeral({ channel: channel.id, user: alice.id, text: "only you" });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(emulator.ephemerals(channel.id)).toEqual([
      expect.objectContaining({ user: alice.id, text: "only you", ts: result.message_ts }),
    ]);
    expect(
      await slackError(client.chat.postEphemeral({ channel: channel.id, user: bob.id, text: "x" })),
    ).toBe("user_not_in_channel");
    expect(emulator.messages(channel.id)).toEqual([]);
  });

  it("builds permalinks on the team domain", async () => {
    const { emulator, client } = await harness({ teamDomain: "acme" });
    const channel = emulator.addChannel({ name: "inc-1" });
    const posted = await client.chat.postMessage({ channel: channel.id, text: "x" });
    const link = await client.chat.getPermalink({ channel: channel.id, message_ts: posted.ts ?? "" });
    expect(link.permalink).toBe(
      `https://acme.slack.com/archives/${channel.id}/p${(posted.ts ?? "").replace(".", "")}`,
    );
    expect(await slackError(client.chat.getPermalink({ channel: channel.id, message_ts: "1.000000" }))).toBe(
      "message_not_found",
    );
  });
});
