// Socket Mode (SLACK_APP_TOKEN set): the bot connects with the app-level token, answers slash
// commands over the WebSocket, still talks to the Web API with the bot token, and serves
// /healthz and the public status page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

describe("Socket Mode", () => {
  let t: TestBot;

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    t = await startTestBot({ emulator, env: { SLACK_APP_TOKEN: emulator.socketMode.appToken } });
    await emulator.socketMode.connected();
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("answers /incident help and declares over the WebSocket", async () => {
    const user = t.emulator.addUser({ name: "sam" }).id;
    const channel = t.emulator.addChannel({ name: "general", members: [user] }).id;
    const help = (await t.driver.socketCommand("help", { user, channel })) as {
      text: string;
      response_type: string;
    };
    expect(help.response_type).toBe("ephemeral");
    expect(JSON.stringify(help)).toContain("sev <1-4> [--at <time>] <reason>");
    const declared = (await t.driver.socketCommand("declare Socket drill", { user, channel })) as {
      text: string;
    };
    expect(declared.text).toMatch(/Declared \*INC-1\*/);
    await t.settle();
    expect(t.emulator.channelByName("inc-1-socket-drill")).toBeDefined();
    expect(t.emulator.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("serves /healthz on its HTTP port", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it("serves the public status page on the same port", async () => {
    const response = await fetch(`${t.url}/status.json`);
    expect(response.status).toBe(200);
    // INC-1 was declared but never published: the page does not list it.
    expect(await response.json()).toMatchObject({ overall: { state: "operational" }, incidents: [] });
  });
});
