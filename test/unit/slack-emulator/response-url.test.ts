// response_url: five uses, message rules, and what each kind of response does.
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

async function setup() {
  const h = await harness();
  const alice = h.emulator.addUser({ name: "alice" });
  const channel = h.emulator.addChannel({ name: "inc-1", members: [alice.id] });
  return { ...h, alice, channel };
}

describe("response_url", () => {
  it("accepts five posts, records their bodies, and refuses the sixth as a violation", async () => {
    const { emulator, alice, channel } = await setup();
    const url = emulator.createResponseUrl({ channelId: channel.id, userId: alice.id });
    expect(url.startsWith(`${emulator.url}respond/`)).toBe(true);
    for (let i = 1; i <= 5; i++) expect((await post(url, { text: `update ${i}` })).status).toBe(200);
    expect(await post(url, { text: "one too many" })).toEqual({ status: 404, text: "used_url" });
    expect(emulator.responsesTo(url)).toHaveLength(5);
    expect(emulator.responsesTo(url)[4]).toEqual({ text: "update 5" });
    expect(emulator.violations).toEqual([
      expect.objectContaining({ method: "response_url", error: "used_url" }),
    ]);
  });

  it("sends ephemeral by default and in_channel on request", async () => {
    const { emulator, alice, channel } = await setup();
    const url = emulator.createResponseUrl({ channelId: channel.id, userId: alice.id });
    await post(url, { text: "just you" });
    await post(url, { text: "everyone", response_type: "in_channel" });
    expect(emulator.ephemerals(channel.id)).toEqual([
      expect.objectContaining({ user: alice.id, text: "just you" }),
    ]);
    expect(emulator.messages(channel.id).map((m) => m.text)).toEqual(["everyone"]);
  });

  it("replaces and deletes the original message of a button click", async () => {
    const { emulator, client, alice, channel } = await setup();
    const posted = await client.chat.postMessage({ channel: channel.id, text: "Acknowledge?" });
    const url = emulator.createResponseUrl({
      channelId: channel.id,
      userId: alice.id,
      messageTs: posted.ts ?? "",
    });
    await post(url, { replace_original: true, text: "Acknowledged by alice" });
    expect(emulator.messages(channel.id).map((m) => m.text)).toEqual(["Acknowledged by alice"]);
    await post(url, { delete_original: true });
    expect(emulator.messages(channel.id)).toEqual([]);
  });

  it("applies Slack's message rules", async () => {
    const { emulator, alice, channel } = await setup();
    const url = emulator.createResponseUrl({ channelId: channel.id, userId: alice.id });
    const result = await post(url, { blocks: [{ type: "header", text: { type: "mrkdwn", text: "*no*" } }] });
    expect(result.status).toBe(400);
    expect(emulator.violations).toEqual([
      expect.objectContaining({ method: "response_url", error: "invalid_blocks" }),
    ]);
    expect(emulator.responsesTo(url)).toEqual([]);
  });
});
