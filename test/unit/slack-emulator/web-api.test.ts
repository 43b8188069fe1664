// The Web API surface: authentication, body formats, required arguments, call records,
// and the smaller methods (auth, users, usergroups, pins, reactions, bookmarks).
import { describe, expect, it } from "vitest";
import { harness, rawCall, slackError } from "./harness.ts";

describe("requests", () => {
  it("authenticates with a Bearer header or a token field", async () => {
    const { emulator } = await harness({ botToken: "xoxb-test-1" });
    expect((await rawCall(emulator, "auth.test", "")).json).toMatchObject({ ok: false, error: "not_authed" });
    expect((await rawCall(emulator, "auth.test", "token=xoxb-wrong")).json).toMatchObject({
      error: "invalid_auth",
    });
    expect((await rawCall(emulator, "auth.test", "token=xoxb-test-1")).json).toMatchObject({ ok: true });
    const bearer = await rawCall(emulator, "auth.test", "{}", {
      Authorization: "Bearer xoxb-test-1",
      "Content-Type": "application/json",
    });
    expect(bearer).toMatchObject({ status: 200, json: { ok: true } });
    expect(emulator.violations).toEqual([]);
  });

  it("accepts JSON bodies and decodes JSON-string fields of form bodies alike", async () => {
    const { emulator } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hi" } }];
    await rawCall(
      emulator,
      "chat.postMessage",
      JSON.stringify({ channel: channel.id, text: "json", blocks }),
      {
        Authorization: `Bearer ${emulator.botToken}`,
        "Content-Type": "application/json; charset=utf-8",
      },
    );
    const form = new URLSearchParams({
      token: emulator.botToken,
      channel: channel.id,
      text: "form",
      blocks: JSON.stringify(blocks),
    });
    await rawCall(emulator, "chat.postMessage", form.toString());
    const calls = emulator.callsTo("chat.postMessage");
    expect(calls.map((c) => c.args.blocks)).toEqual([blocks, blocks]);
    expect(calls[1]?.args.token).toBeUndefined(); // never kept in records
    expect(emulator.messages(channel.id).map((m) => m.text)).toEqual(["json", "form"]);
  });

  it("fails malformed blocks JSON with invalid_blocks_format", async () => {
    const { emulator } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const form = new URLSearchParams({
      token: emulator.botToken,
      channel: channel.id,
      text: "t",
      blocks: "[{",
    });
    expect((await rawCall(emulator, "chat.postMessage", form.toString())).json.error).toBe(
      "invalid_blocks_format",
    );
  });

  it("reports unknown methods and missing required arguments as violations", async () => {
    const { emulator, client } = await harness();
    expect(await slackError(client.apiCall("chat.postMessagee", { channel: "C1", text: "x" }))).toBe(
      "unknown_method",
    );
    expect(await slackError(client.apiCall("reactions.add", { channel: "C1", name: "eyes" }))).toBe(
      "invalid_arguments",
    );
    expect(emulator.violations.map((v) => [v.method, v.error])).toEqual([
      ["chat.postMessagee", "unknown_method"],
      ["reactions.add", "invalid_arguments"],
    ]);
    expect(emulator.violations[1]?.reason).toMatch(/timestamp/);
  });

  it("records every call in order with its outcome", async () => {
    const { emulator, client } = await harness();
    await client.auth.test();
    await slackError(client.conversations.info({ channel: "C0000000000" }));
    expect(emulator.calls.map((c) => [c.method, c.ok, c.error])).toEqual([
      ["auth.test", true, undefined],
      ["conversations.info", false, "channel_not_found"],
    ]);
    expect(emulator.calls[0]?.at).toBeTypeOf("number");
  });

  it("stamps when each call's request arrived, before the emulator's own work on it", async () => {
    // A clock that moves on every reading: what is read later reads later.
    let ticks = 0;
    const { emulator, client } = await harness({ now: () => ++ticks });
    const channel = emulator.addChannel({ name: "inc-1" });
    await client.chat.postMessage({ channel: channel.id, text: "first" });
    await slackError(client.chat.postMessage({ channel: "C0000000000", text: "second" }));
    const [first, second] = emulator.calls;
    // The staleness bench times Slack receiving a call by `receivedAt`, without the checks
    // (Block Kit, arguments) and handling the emulator does before it records `at`.
    expect(first?.receivedAt).toBeLessThan(first?.at ?? 0);
    expect(second?.receivedAt).toBeLessThan(second?.at ?? 0);
    expect(first?.at).toBeLessThan(second?.receivedAt ?? 0);
  });
});

describe("long runs", () => {
  it("keeps at least the newest maxRecordedCalls calls, and every violation", async () => {
    const { emulator, client } = await harness({ maxRecordedCalls: 10 });
    for (let i = 0; i < 25; i++) await client.auth.test();
    await slackError(client.apiCall("no.such", {}));
    expect(emulator.calls.length).toBeGreaterThanOrEqual(10);
    expect(emulator.calls.length).toBeLessThanOrEqual(20);
    expect(emulator.calls.at(-1)?.method).toBe("no.such");
    expect(emulator.callsTo("auth.test").length).toBe(emulator.calls.length - 1);
    expect(emulator.violations).toHaveLength(1);
  });
});

describe("identity and people", () => {
  it("auth.test describes the bot and the workspace", async () => {
    const { emulator, client } = await harness({ teamDomain: "acme" });
    expect(await client.auth.test()).toMatchObject({
      url: "https://acme.slack.com/",
      team_id: emulator.teamId,
      user_id: emulator.botUserId,
      bot_id: emulator.botId,
    });
    expect(emulator.teamId).toMatch(/^T[0-9A-Z]{10}$/);
    expect(emulator.botId).toMatch(/^B[0-9A-Z]{10}$/);
    expect(emulator.appId).toMatch(/^A[0-9A-Z]{10}$/);
  });

  it("users.info reports time zone, offset and label", async () => {
    const { emulator, client } = await harness();
    const kenji = emulator.addUser({ name: "kenji", realName: "Kenji Sato", tz: "Asia/Tokyo" });
    expect(kenji.id).toMatch(/^U[0-9A-Z]{10}$/);
    const { user } = await client.users.info({ user: kenji.id });
    expect(user).toMatchObject({
      name: "kenji",
      real_name: "Kenji Sato",
      tz: "Asia/Tokyo",
      tz_offset: 32_400,
      is_bot: false,
    });
    expect(user?.tz_label).toBe("Japan Standard Time");
    expect(await slackError(client.users.info({ user: "U0000000000" }))).toBe("user_not_found");
    expect(() => emulator.addUser({ name: "x", tz: "Mars/Olympus" })).toThrow();
  });

  it("usergroups.users.list lists members or no_such_subteam", async () => {
    const { emulator, client } = await harness();
    const a = emulator.addUser({ name: "a" });
    const group = emulator.addUserGroup({ handle: "oncall", users: [a.id] });
    expect((await client.usergroups.users.list({ usergroup: group.id })).users).toEqual([a.id]);
    expect(await slackError(client.usergroups.users.list({ usergroup: "S0000000000" }))).toBe(
      "no_such_subteam",
    );
  });
});

describe("pins, reactions, bookmarks", () => {
  it("pins once", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const posted = await client.chat.postMessage({ channel: channel.id, text: "summary" });
    await client.pins.add({ channel: channel.id, timestamp: posted.ts ?? "" });
    expect(emulator.messages(channel.id)[0]?.pinned).toBe(true);
    expect(await slackError(client.pins.add({ channel: channel.id, timestamp: posted.ts ?? "" }))).toBe(
      "already_pinned",
    );
    expect(await slackError(client.pins.add({ channel: channel.id, timestamp: "1.000000" }))).toBe(
      "message_not_found",
    );
    expect((await client.conversations.history({ channel: channel.id })).pin_count).toBe(1);
  });

  it("reacts once per name", async () => {
    const { emulator, client } = await harness();
    const alice = emulator.addUser({ name: "alice" });
    const channel = emulator.addChannel({ name: "inc-1", members: [alice.id] });
    const message = emulator.postAsUser(channel.id, alice.id, "help");
    emulator.react(channel.id, message.ts, alice.id, "eyes");
    await client.reactions.add({ channel: channel.id, timestamp: message.ts, name: "eyes" });
    expect(message.reactions.get("eyes")).toEqual([alice.id, emulator.botUserId]);
    expect(
      await slackError(client.reactions.add({ channel: channel.id, timestamp: message.ts, name: "eyes" })),
    ).toBe("already_reacted");
    expect(
      await slackError(client.reactions.add({ channel: channel.id, timestamp: "1.000000", name: "eyes" })),
    ).toBe("message_not_found");
  });

  it("adds link bookmarks to channels the bot is in", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const result = await client.bookmarks.add({
      channel_id: channel.id,
      title: "Runbook",
      type: "link",
      link: "https://runbooks.example.com/db",
    });
    expect(result.bookmark).toMatchObject({ title: "Runbook", link: "https://runbooks.example.com/db" });
    expect(channel.bookmarks).toEqual([expect.objectContaining({ title: "Runbook", type: "link" })]);
  });
});
