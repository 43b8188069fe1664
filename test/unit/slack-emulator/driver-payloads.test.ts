// Driver payloads: slash commands, block_actions, view_submission and Events API bodies
// shaped like the real ones in test/fixtures/slack/payloads.
import { describe, expect, it } from "vitest";
import { fixture, payloadOf, setup } from "./fake-app.ts";

describe("slash commands", () => {
  it("posts the fields Slack posts, as an exact form content type, with a live trigger and response_url", async () => {
    const { driver, app, alice, channel, emulator } = await setup();
    const result = await driver.command("sev1 checkout is down", { user: alice.id, channel: channel.id });
    const request = app.requests[0]!;
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const fields = Object.fromEntries(new URLSearchParams(request.body));
    const documented = Object.keys((fixture("slash_command.json") as { fields: object }).fields).filter(
      (key) => !key.startsWith("enterprise_"),
    );
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(documented));
    expect(fields).toMatchObject({
      team_id: emulator.teamId,
      channel_id: channel.id,
      channel_name: "inc-1",
      user_id: alice.id,
      user_name: "alice",
      command: "/incident",
      text: "sev1 checkout is down",
      api_app_id: emulator.appId,
      is_enterprise_install: "false",
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
    });
    expect(result.responseUrl?.startsWith(emulator.url)).toBe(true);
  });
});

describe("interactivity", () => {
  it("clicks a button that is on screen, with a block_actions payload like Slack's", async () => {
    const { driver, app, alice, channel, client, emulator } = await setup();
    await client.chat.postMessage({
      channel: channel.id,
      text: "Sev1 declared",
      blocks: [
        {
          type: "actions",
          block_id: "incident-actions",
          elements: [
            {
              type: "button",
              action_id: "ack",
              text: { type: "plain_text", text: "Ack" },
              value: "inc-1",
              style: "primary",
            },
          ],
        },
      ],
    });
    const message = emulator.messages(channel.id)[0]!;
    const result = await driver.clickButton({ user: alice.id, message, actionId: "ack" });
    const request = app.requests[0]!;
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(request.body).keys()]).toEqual(["payload"]);
    const payload = payloadOf(request);
    expect(Object.keys(payload)).toEqual(expect.arrayContaining(Object.keys(fixture("block_actions.json"))));
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: alice.id, username: "alice" },
      container: { type: "message", message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
      channel: { id: channel.id, name: "inc-1" },
      message: { ts: message.ts, text: "Sev1 declared", blocks: message.blocks },
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      actions: [
        {
          type: "button",
          action_id: "ack",
          block_id: "incident-actions",
          value: "inc-1",
          text: { text: "Ack" },
        },
      ],
    });
    await expect(driver.clickButton({ user: alice.id, message, actionId: "resolve" })).rejects.toThrow(
      /no element resolve/,
    );
  });

  it("selects an offered option in a message menu, reflected in the action and in state", async () => {
    const { driver, app, alice, channel, client, emulator } = await setup();
    const options = [
      { text: { type: "plain_text" as const, text: "SEV1" }, value: "sev1" },
      { text: { type: "plain_text" as const, text: "SEV2" }, value: "sev2" },
    ];
    await client.chat.postMessage({
      channel: channel.id,
      text: "Pick a severity",
      blocks: [
        {
          type: "actions",
          block_id: "sev",
          elements: [{ type: "static_select", action_id: "severity", options }],
        },
      ],
    });
    const message = emulator.messages(channel.id)[0]!;
    await driver.selectOption({ user: alice.id, message, actionId: "severity", value: "sev2" });
    const payload = payloadOf(app.requests[0]!);
    expect(payload.actions).toEqual([
      expect.objectContaining({
        type: "static_select",
        action_id: "severity",
        block_id: "sev",
        selected_option: options[1],
      }),
    ]);
    expect(payload.state).toEqual({
      values: { sev: { severity: { type: "static_select", selected_option: options[1] } } },
    });
    await expect(
      driver.selectOption({ user: alice.id, message, actionId: "severity", value: "sev9" }),
    ).rejects.toThrow(/no option/);
  });

  it("clicks in an ephemeral message only as its recipient, without a message field", async () => {
    const { driver, app, alice, channel, client, emulator } = await setup();
    const bob = emulator.addUser({ name: "bob" });
    emulator.joinChannel(channel.id, bob.id);
    await client.chat.postEphemeral({
      channel: channel.id,
      user: alice.id,
      text: "Join?",
      blocks: [
        {
          type: "actions",
          elements: [{ type: "button", action_id: "join", text: { type: "plain_text", text: "Join" } }],
        },
      ],
    });
    const ephemeral = emulator.ephemerals(channel.id)[0]!;
    await expect(driver.clickButton({ user: bob.id, message: ephemeral, actionId: "join" })).rejects.toThrow(
      /only/,
    );
    await driver.clickButton({ user: alice.id, message: ephemeral, actionId: "join" });
    const payload = payloadOf(app.requests[0]!);
    expect(payload.container).toMatchObject({
      type: "message",
      is_ephemeral: true,
      message_ts: ephemeral.ts,
    });
    expect(payload.message).toBeUndefined();
  });

  it("submits a view with state values shaped per element type", async () => {
    const { driver, app, alice, client, emulator } = await setup(() => ({
      status: 200,
      body: JSON.stringify({ response_action: "errors", errors: { title: "Too vague" } }),
      type: "application/json",
    }));
    const plain = (text: string) => ({ type: "plain_text" as const, text });
    const input = (block_id: string, element: Record<string, unknown>, optional = false) => ({
      type: "input",
      block_id,
      optional,
      label: plain(block_id),
      element,
    });
    const sev = [
      { text: plain("SEV1"), value: "sev1" },
      { text: plain("SEV2"), value: "sev2" },
    ];
    const opened = await client.views.open({
      trigger_id: emulator.issueTrigger(alice.id),
      view: {
        type: "modal",
        callback_id: "declare",
        private_metadata: "channel=C1",
        title: plain("Declare"),
        submit: plain("Declare"),
        blocks: [
          input("title", { type: "plain_text_input", action_id: "value" }),
          input("severity", {
            type: "static_select",
            action_id: "value",
            options: sev,
            initial_option: sev[1],
          }),
          input("lead", { type: "users_select", action_id: "value" }, true),
          input("responders", { type: "multi_users_select", action_id: "value" }, true),
          input("notify", { type: "checkboxes", action_id: "value", options: sev }, true),
          input("channel", { type: "conversations_select", action_id: "value" }, true),
          input("date", { type: "datepicker", action_id: "value" }, true),
          input("summary", { type: "plain_text_input", action_id: "value", multiline: true }, true),
        ],
      },
    });
    const view = emulator.view(opened.view?.id ?? "")!;
    await driver.submitView({
      user: alice.id,
      view,
      values: {
        title: { value: "Checkout down" },
        lead: { value: alice.id },
        responders: { value: [alice.id] },
        notify: { value: ["sev1"] },
        channel: { value: "C0000000001" },
        date: { value: "2026-01-05" },
      },
    });
    const payload = payloadOf(app.requests[0]!) as { view: Record<string, unknown> };
    expect(Object.keys(payload)).toEqual(
      expect.arrayContaining(Object.keys(fixture("view_submission.json"))),
    );
    expect(payload.view).toMatchObject({
      id: view.id,
      hash: view.hash,
      callback_id: "declare",
      private_metadata: "channel=C1",
    });
    expect((payload.view.state as { values: unknown }).values).toEqual({
      title: { value: { type: "plain_text_input", value: "Checkout down" } },
      severity: { value: { type: "static_select", selected_option: sev[1] } },
      lead: { value: { type: "users_select", selected_user: alice.id } },
      responders: { value: { type: "multi_users_select", selected_users: [alice.id] } },
      notify: { value: { type: "checkboxes", selected_options: [sev[0]] } },
      channel: { value: { type: "conversations_select", selected_conversation: "C0000000001" } },
      date: { value: { type: "datepicker", selected_date: "2026-01-05" } },
      summary: { value: { type: "plain_text_input", value: null } },
    });
    // The app answered with field errors: the modal stays open and shows them.
    expect(emulator.view(view.id)).toMatchObject({ open: true, errors: { title: "Too vague" } });
    await expect(driver.submitView({ view, values: { title: { value: null } } })).rejects.toThrow(
      /required input title/,
    );
    await expect(driver.submitView({ view, values: { severity: { value: "sev9" } } })).rejects.toThrow(
      /no option/,
    );
    await expect(driver.submitView({ view, values: { nope: { value: "x" } } })).rejects.toThrow(
      /no field nope/,
    );
  });
});

describe("home tab", () => {
  it("clicks a Home tab button with a view container and no response_url", async () => {
    const { driver, app, alice, client, emulator } = await setup();
    await client.views.publish({
      user_id: alice.id,
      view: {
        type: "home",
        blocks: [
          {
            type: "actions",
            elements: [{ type: "button", action_id: "new", text: { type: "plain_text", text: "New" } }],
          },
        ],
      },
    });
    const home = emulator.homeView(alice.id)!;
    const result = await driver.clickButton({ user: alice.id, view: home, actionId: "new" });
    const payload = payloadOf(app.requests[0]!);
    expect(payload).toMatchObject({
      container: { type: "view", view_id: home.id },
      view: { id: home.id, type: "home" },
    });
    expect(payload.response_url).toBeUndefined();
    expect(payload.channel).toBeUndefined();
    expect(result.responseUrl).toBeUndefined();
  });
});

describe("events", () => {
  it("wraps events in Slack's envelope and marks retries", async () => {
    const { driver, app, alice, channel, emulator } = await setup();
    const message = emulator.postAsUser(channel.id, alice.id, "db is down");
    const first = await driver.reactionAdded({ user: alice.id, channel: channel.id, ts: message.ts });
    await driver.reactionRemoved(
      { user: alice.id, channel: channel.id, ts: message.ts },
      { eventId: first.eventId, retryNum: 1, retryReason: "http_timeout" },
    );
    const [added, retried] = app.requests;
    expect(added?.headers["content-type"]).toBe("application/json");
    const envelope = JSON.parse(added?.body ?? "{}") as Record<string, unknown>;
    expect(Object.keys(envelope)).toEqual(
      expect.arrayContaining(Object.keys(fixture("reaction_added.event_callback.json"))),
    );
    expect(envelope).toMatchObject({
      type: "event_callback",
      team_id: emulator.teamId,
      api_app_id: emulator.appId,
      event_id: first.eventId,
      authorizations: [{ user_id: emulator.botUserId, is_bot: true }],
      event: {
        type: "reaction_added",
        user: alice.id,
        reaction: "pushpin",
        item_user: alice.id,
        item: { type: "message", channel: channel.id, ts: message.ts },
      },
    });
    expect(message.reactions.size).toBe(0); // added, then removed
    expect(retried?.headers["x-slack-retry-num"]).toBe("1");
    expect(retried?.headers["x-slack-retry-reason"]).toBe("http_timeout");
    expect(JSON.parse(retried?.body ?? "{}").event_id).toBe(first.eventId);
    expect(added?.headers["x-slack-retry-num"]).toBeUndefined();
  });

  it("builds app_home_opened and member_joined_channel events", async () => {
    const { driver, app, alice, emulator } = await setup();
    const room = emulator.addChannel({ name: "war-room", isPrivate: true });
    await driver.appHomeOpened(alice.id);
    await driver.memberJoined({ user: alice.id, channel: room.id });
    const home = JSON.parse(app.requests[0]?.body ?? "{}").event;
    expect(home).toMatchObject({
      type: "app_home_opened",
      user: alice.id,
      tab: "home",
      channel: emulator.imChannelId(alice.id),
    });
    const joined = JSON.parse(app.requests[1]?.body ?? "{}").event;
    expect(joined).toMatchObject({
      type: "member_joined_channel",
      user: alice.id,
      channel: room.id,
      channel_type: "G",
    });
    expect(room.members.has(alice.id)).toBe(true);
  });
});
