// conversations.*: channel name rules, invites, topics, history and list pagination.
import { describe, expect, it } from "vitest";
import { harness, slackError } from "./harness.ts";

describe("conversations.create", () => {
  it("creates a public channel the bot is a member of", async () => {
    const { emulator, client } = await harness();
    const result = await client.conversations.create({ name: "inc-42-db_down" });
    const id = result.channel?.id ?? "";
    expect(id).toMatch(/^C[0-9A-Z]{10}$/);
    expect(result.channel).toMatchObject({ name: "inc-42-db_down", is_private: false, is_member: true });
    expect(emulator.channel(id)?.members.has(emulator.botUserId)).toBe(true);
    expect(emulator.channelByName("inc-42-db_down")?.id).toBe(id);
    expect(emulator.violations).toEqual([]);
  });

  it("creates private channels when asked", async () => {
    const { emulator, client } = await harness();
    const result = await client.conversations.create({ name: "inc-secret", is_private: true });
    expect(result.channel?.is_private).toBe(true);
    expect(emulator.channel(result.channel?.id ?? "")?.isPrivate).toBe(true);
  });

  it.each([
    ["", "invalid_name_required"],
    ["Inc-1", "invalid_name_specials"],
    ["inc 1", "invalid_name_specials"],
    ["inc#1", "invalid_name_specials"],
    ["x".repeat(81), "invalid_name_maxlength"],
  ])("rejects %j with %s as a violation", async (name, error) => {
    const { emulator, client } = await harness();
    expect(await slackError(client.conversations.create({ name }))).toBe(error);
    expect(emulator.violations).toEqual([expect.objectContaining({ method: "conversations.create", error })]);
    expect(emulator.channels()).toEqual([]);
  });

  it("refuses other scripts in an a-z workspace without a violation, and takes them where allowed", async () => {
    const ascii = await harness();
    expect(await slackError(ascii.client.conversations.create({ name: "inc-7-결제-api" }))).toBe(
      "invalid_name_specials",
    );
    expect(ascii.emulator.violations).toEqual([]);
    const anyScript = await harness({ channelNameLetters: "any-script" });
    const created = await anyScript.client.conversations.create({ name: "inc-7-결제-api" });
    expect(created.channel?.name).toBe("inc-7-결제-api");
  });

  it("accepts exactly 80 characters", async () => {
    const { client } = await harness();
    await expect(client.conversations.create({ name: "x".repeat(80) })).resolves.toMatchObject({ ok: true });
  });

  it("answers name_taken for an existing name (even archived) without a violation", async () => {
    const { emulator, client } = await harness();
    const first = await client.conversations.create({ name: "inc-1" });
    await client.conversations.archive({ channel: first.channel?.id ?? "" });
    expect(await slackError(client.conversations.create({ name: "inc-1" }))).toBe("name_taken");
    expect(emulator.violations).toEqual([]);
    expect(emulator.channels()).toHaveLength(1);
  });
});

describe("conversations.invite", () => {
  async function withPeople(count: number) {
    const h = await harness();
    const users = Array.from({ length: count }, (_, i) => h.emulator.addUser({ name: `user${i}` }).id);
    const channel = h.emulator.addChannel({ name: "inc-1" });
    return { ...h, users, channel };
  }

  it("invites up to 1000 users in one call", async () => {
    const { emulator, client, users, channel } = await withPeople(1001);
    await client.conversations.invite({ channel: channel.id, users: users.slice(0, 1000).join(",") });
    expect(channel.members.size).toBe(1001); // 1000 + the bot
    expect(emulator.violations).toEqual([]);
  });

  it("treats more than 1000 users in one call as a violation and invites nobody", async () => {
    const { emulator, client, users, channel } = await withPeople(1001);
    expect(
      await slackError(client.conversations.invite({ channel: channel.id, users: users.join(",") })),
    ).toBe("too_many_users");
    expect(emulator.violations).toEqual([expect.objectContaining({ method: "conversations.invite" })]);
    expect(channel.members.size).toBe(1);
  });

  it("invites nobody when one user is invalid, unless `force` says to invite the valid ones", async () => {
    const { client, users, channel } = await withPeople(2);
    const list = `${users[0]},U0000000000,${users[1]}`;
    expect(await slackError(client.conversations.invite({ channel: channel.id, users: list }))).toBe(
      "user_not_found",
    );
    expect(channel.members.size).toBe(1);
    const answer = await client.conversations.invite({ channel: channel.id, users: list, force: true });
    expect(channel.members.size).toBe(3);
    expect((answer as { errors?: unknown }).errors).toEqual([
      { user: "U0000000000", ok: false, error: "user_not_found" },
    ]);
  });

  it("answers already_in_channel only when every user is already a member", async () => {
    const { emulator, client, users, channel } = await withPeople(2);
    const [a, b] = users as [string, string];
    await client.conversations.invite({ channel: channel.id, users: a });
    await client.conversations.invite({ channel: channel.id, users: `${a},${b}` }); // b is new: ok
    expect(channel.members.has(b)).toBe(true);
    expect(await slackError(client.conversations.invite({ channel: channel.id, users: `${a},${b}` }))).toBe(
      "already_in_channel",
    );
    expect(emulator.violations).toEqual([]);
  });

  it("rejects unknown users, the bot itself, archived channels and channels the bot left", async () => {
    const { emulator, client, users, channel } = await withPeople(1);
    const user = users[0] ?? "";
    expect(await slackError(client.conversations.invite({ channel: channel.id, users: "U0000000000" }))).toBe(
      "user_not_found",
    );
    expect(
      await slackError(client.conversations.invite({ channel: channel.id, users: emulator.botUserId })),
    ).toBe("cant_invite_self");
    const outside = emulator.addChannel({ name: "outside", botIsMember: false });
    expect(await slackError(client.conversations.invite({ channel: outside.id, users: user }))).toBe(
      "not_in_channel",
    );
    await client.conversations.archive({ channel: channel.id });
    expect(await slackError(client.conversations.invite({ channel: channel.id, users: user }))).toBe(
      "is_archived",
    );
    expect(channel.members.has(user)).toBe(false);
  });
});

describe("topic, purpose, info, archive", () => {
  it("sets a topic of up to 250 characters; longer is a too_long violation", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    await client.conversations.setTopic({ channel: channel.id, topic: "x".repeat(250) });
    expect(channel.topic.value).toHaveLength(250);
    expect(
      await slackError(client.conversations.setPurpose({ channel: channel.id, purpose: "y".repeat(251) })),
    ).toBe("too_long");
    expect(channel.purpose.value).toBe("");
    expect(emulator.violations.map((v) => v.error)).toEqual(["too_long"]);
    const info = await client.conversations.info({ channel: channel.id });
    expect(info.channel?.topic?.value).toBe("x".repeat(250));
  });

  it("needs membership to set a topic, and hides private channels the bot is not in", async () => {
    const { emulator, client } = await harness();
    const outside = emulator.addChannel({ name: "public", botIsMember: false });
    const secret = emulator.addChannel({ name: "secret", isPrivate: true, botIsMember: false });
    expect(await slackError(client.conversations.setTopic({ channel: outside.id, topic: "t" }))).toBe(
      "not_in_channel",
    );
    expect(await slackError(client.conversations.info({ channel: secret.id }))).toBe("channel_not_found");
    await expect(client.conversations.info({ channel: outside.id })).resolves.toMatchObject({ ok: true });
  });

  it("archives once", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    await client.conversations.archive({ channel: channel.id });
    expect(channel.isArchived).toBe(true);
    expect(await slackError(client.conversations.archive({ channel: channel.id }))).toBe("already_archived");
  });
});

describe("conversations.history", () => {
  it("returns top-level messages newest first, pages with a cursor, and honours oldest/latest", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const channel = emulator.addChannel({ name: "inc-1", members: [alice.id] });
    const posted = Array.from({ length: 7 }, (_, i) => emulator.postAsUser(channel.id, alice.id, `m${i}`));
    emulator.postAsUser(channel.id, alice.id, "a reply", { threadTs: posted[0]?.ts ?? "" });

    const first = await client.conversations.history({ channel: channel.id, limit: 3 });
    expect(first.messages?.map((m) => m.text)).toEqual(["m6", "m5", "m4"]);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel: channel.id,
      limit: 3,
      cursor: first.response_metadata?.next_cursor ?? "",
    });
    expect(second.messages?.map((m) => m.text)).toEqual(["m3", "m2", "m1"]);
    const third = await client.conversations.history({
      channel: channel.id,
      limit: 3,
      cursor: second.response_metadata?.next_cursor ?? "",
    });
    expect(third.messages?.map((m) => m.text)).toEqual(["m0"]);
    expect(third.has_more).toBe(false);
    expect(third.messages?.[0]?.reply_count).toBe(1);

    const window = await client.conversations.history({
      channel: channel.id,
      oldest: posted[1]?.ts ?? "",
      latest: posted[4]?.ts ?? "",
    });
    expect(window.messages?.map((m) => m.text)).toEqual(["m3", "m2"]);
    const inclusive = await client.conversations.history({
      channel: channel.id,
      oldest: posted[1]?.ts ?? "",
      latest: posted[4]?.ts ?? "",
      inclusive: true,
    });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(["m4", "m3", "m2", "m1"]);
  });

  it("returns message metadata only with include_all_metadata", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const metadata = { event_type: "incident_timeline", event_payload: { incident: 42 } };
    await client.chat.postMessage({ channel: channel.id, text: "declared", metadata });
    const plain = await client.conversations.history({ channel: channel.id });
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
    const full = await client.conversations.history({ channel: channel.id, include_all_metadata: true });
    expect(full.messages?.[0]?.metadata).toEqual(metadata);
  });

  it("is not_in_channel for a public channel the bot has not joined", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "public", botIsMember: false });
    expect(await slackError(client.conversations.history({ channel: channel.id }))).toBe("not_in_channel");
  });
});

describe("conversations.list and members", () => {
  it("pages through public channels and the private ones the bot is in", async () => {
    const { emulator, client } = await harness();
    for (let i = 0; i < 5; i++) emulator.addChannel({ name: `pub-${i}`, botIsMember: i % 2 === 0 });
    emulator.addChannel({ name: "priv-in", isPrivate: true });
    emulator.addChannel({ name: "priv-out", isPrivate: true, botIsMember: false });
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.conversations.list({
        types: "public_channel,private_channel",
        limit: 2,
        cursor,
      });
      names.push(...(page.channels ?? []).map((c) => c.name ?? ""));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages++;
    } while (cursor);
    expect(names).toEqual(["pub-0", "pub-1", "pub-2", "pub-3", "pub-4", "priv-in"]);
    expect(pages).toBe(3);
    const publicOnly = await client.conversations.list({});
    expect(publicOnly.channels?.map((c) => c.name)).toEqual(["pub-0", "pub-1", "pub-2", "pub-3", "pub-4"]);
  });

  it("lists members with a cursor", async () => {
    const { emulator, client } = await harness();
    const users = Array.from({ length: 5 }, (_, i) => emulator.addUser({ name: `u${i}` }).id);
    const channel = emulator.addChannel({ name: "inc-1", members: users });
    const first = await client.conversations.members({ channel: channel.id, limit: 4 });
    const rest = await client.conversations.members({
      channel: channel.id,
      limit: 4,
      cursor: first.response_metadata?.next_cursor ?? "",
    });
    expect([...(first.members ?? []), ...(rest.members ?? [])]).toEqual([...users, emulator.botUserId]);
    expect(rest.response_metadata?.next_cursor).toBe("");
  });
});
