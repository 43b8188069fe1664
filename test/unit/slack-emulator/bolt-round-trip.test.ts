// A real Bolt app between the driver and the emulator: the driver's requests pass Bolt's
// signature check and parsing, and the app's Web API calls land in the emulator.
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackDriver } from "../../support/slack-driver.ts";
import type { SlackEmulator } from "../../support/slack-emulator/index.ts";
import { harness } from "./harness.ts";

const SECRET = "round-trip-secret";
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

const plain = (text: string) => ({ type: "plain_text" as const, text });

/** A tiny incident bot: /incident opens a modal, submitting creates a channel, buttons resolve. */
async function startApp(emulator: SlackEmulator): Promise<string> {
  const app = new App({
    signingSecret: SECRET,
    token: emulator.botToken,
    botId: emulator.botId,
    botUserId: emulator.botUserId,
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
    processBeforeResponse: true, // answer only after the listener finished: deterministic tests
  });
  app.command("/incident", async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: "modal",
        callback_id: "declare",
        private_metadata: body.user_id,
        title: plain("Declare incident"),
        submit: plain("Declare"),
        blocks: [
          {
            type: "input",
            block_id: "title",
            label: plain("Title"),
            element: { type: "plain_text_input", action_id: "value" },
          },
        ],
      },
    });
  });
  app.view("declare", async ({ ack, view, client }) => {
    const title = view.state.values.title?.value?.value ?? "";
    if (title.length < 5) {
      await ack({ response_action: "errors", errors: { title: "Say a bit more" } });
      return;
    }
    await ack();
    const created = await client.conversations.create({ name: "inc-1-checkout" });
    const channel = created.channel?.id ?? "";
    await client.conversations.invite({ channel, users: view.private_metadata });
    await client.chat.postMessage({
      channel,
      text: `Incident: ${title}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*${title}*` } },
        {
          type: "actions",
          elements: [{ type: "button", action_id: "resolve", text: plain("Resolve"), value: "inc-1" }],
        },
      ],
    });
  });
  app.action("resolve", async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: "Resolved" });
  });
  app.event("reaction_added", async ({ event, client }) => {
    if (event.reaction === "pushpin" && event.item.type === "message") {
      await client.pins.add({ channel: event.item.channel, timestamp: event.item.ts });
    }
  });
  apps.push(app);
  const server = await app.start(0);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

describe("driver → Bolt → emulator", () => {
  it("runs a declare → submit → click → react flow with no violations", async () => {
    const { emulator } = await harness();
    const driver = createSlackDriver({
      eventsUrl: await startApp(emulator),
      signingSecret: SECRET,
      emulator,
    });
    const alice = emulator.addUser({ name: "alice" });
    const general = emulator.addChannel({ name: "general", members: [alice.id] });

    const command = await driver.command("", { user: alice.id, channel: general.id });
    expect(command.status).toBe(200);
    const modal = emulator.views[0]!;
    expect(modal.user).toBe(alice.id);

    const rejected = await driver.submitView({ view: modal, values: { title: { value: "db" } } });
    expect(rejected.json).toEqual({ response_action: "errors", errors: { title: "Say a bit more" } });
    expect(emulator.view(modal.id)?.errors).toEqual({ title: "Say a bit more" });

    await driver.submitView({ view: modal, values: { title: { value: "Checkout is down" } } });
    expect(emulator.view(modal.id)?.open).toBe(false);
    const room = emulator.channelByName("inc-1-checkout")!;
    expect(room.members.has(alice.id)).toBe(true);
    const announcement = emulator.messages(room.id)[0]!;
    expect(announcement.text).toBe("Incident: Checkout is down");

    const click = await driver.clickButton({ user: alice.id, message: announcement, actionId: "resolve" });
    expect(click.status).toBe(200);
    expect(emulator.responsesTo(click.responseUrl ?? "")).toEqual([
      { replace_original: true, text: "Resolved" },
    ]);
    expect(announcement.text).toBe("Resolved");

    const reaction = await driver.reactionAdded({ user: alice.id, channel: room.id, ts: announcement.ts });
    expect(reaction.status).toBe(200);
    expect(announcement.pinned).toBe(true);
    expect(emulator.violations).toEqual([]);
  });

  it("is refused by Bolt when the signature is wrong, stale or missing", async () => {
    const { emulator } = await harness();
    const eventsUrl = await startApp(emulator);
    const driver = createSlackDriver({ eventsUrl, signingSecret: SECRET, emulator });
    const body = JSON.stringify({ type: "event_callback", event: { type: "app_mention" } });
    const json = { contentType: "application/json" };
    expect((await driver.raw(body, { ...json, signature: "bad" })).status).toBe(401);
    expect(
      (await driver.raw(body, { ...json, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status,
    ).toBe(401);
    expect((await driver.raw(body, { ...json, unsigned: true })).status).toBe(401);
    const wrongSecret = createSlackDriver({ eventsUrl, signingSecret: "not-the-secret", emulator });
    expect((await wrongSecret.urlVerification("abc123")).status).toBe(401);
    const challenge = await driver.urlVerification("abc123");
    expect(challenge.status).toBe(200);
    expect(challenge.json ?? challenge.body).toEqual({ challenge: "abc123" });
  });
});
