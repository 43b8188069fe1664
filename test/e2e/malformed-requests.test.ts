// Signed requests whose body is not what Slack sends (JSON `null`, an array, a number, a
// `payload` field that is not an object): the bot answers 400 and keeps serving. Run as a real
// process, because the failure this guards against was the process exiting.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createSlackDriver, type SlackDriver } from "../support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";

const NOT_OBJECTS: [string, string][] = [
  ["null", JSON_TYPE],
  ["[]", JSON_TYPE],
  ["[null]", JSON_TYPE],
  ["42", JSON_TYPE],
  ['"event_callback"', JSON_TYPE],
  ["true", JSON_TYPE],
  ["{not json", JSON_TYPE],
  ["payload=null", FORM],
  ["payload=%5B%5D", FORM],
  ["payload=7", FORM],
  ["payload=%7Bbroken", FORM],
  ["payload=%E0%A4%A", FORM],
];

describe("signed requests with malformed bodies", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  let bot: BotProcess;
  let driver: SlackDriver;
  const signingSecret = randomBytes(16).toString("hex");

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase("sqlite");
    bot = await startBotProcess({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
    });
    driver = createSlackDriver({ eventsUrl: `${bot.url}/slack/events`, signingSecret, emulator });
  }, 120_000);
  afterAll(async () => {
    await bot.kill("SIGTERM");
    await emulator.stop();
    await database.drop();
  });

  it("answers 400 to each, stays up, and still serves commands and health checks", async () => {
    for (const [body, contentType] of NOT_OBJECTS) {
      const response = await driver.raw(body, { contentType });
      expect(response.status, `${contentType} ${body}`).toBe(400);
    }
    // Unsigned garbage is refused as unsigned, before its shape is looked at.
    expect((await driver.raw("null", { contentType: JSON_TYPE, unsigned: true })).status).toBe(401);
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ines = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ines] }).id;
    const help = await driver.command("help", { user: ines, channel: general });
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.json)).toContain("declare");
  });
});
