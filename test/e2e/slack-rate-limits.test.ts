// Under Slack's real rate limits (the emulator enforcing its tiers, the bot on the system
// clock pacing itself): a burst of updates, board changes and a large invite all arrive,
// each exactly once, the bot meets (almost) no 429, board changes pending together become
// one chat.update with the latest state, and the channel's own updates are not held up
// behind the bulk work (announcement mirrors, invites).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

const RESPONDERS = 150;
const UPDATES = 6;
const SERVICES = 10;

describe("Slack kept current under Slack's rate limits", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  let announce: string;
  let responders: string[];
  let group: string;

  beforeAll(async () => {
    const emulator = await startSlackEmulator({ rateLimits: "slack-tiers" });
    ic = emulator.addUser({ name: "ines" }).id;
    responders = Array.from({ length: RESPONDERS }, (_, i) => emulator.addUser({ name: `resp${i}` }).id);
    group = emulator.addUserGroup({ handle: "all-responders", users: responders }).id;
    announce = emulator.addChannel({ name: "incidents", botIsMember: true }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    t = await startTestBot({
      emulator,
      systemClock: true,
      env: { INCIDENT_ANNOUNCE_CHANNEL: announce, SLACK_PACING: "slack-tiers" },
    });
    incident = await declareIncident(t, "Checkout down --sev 1", { by: ic, from: general });
    // The board exists before the burst, so its changes are edits of one message.
    await run("service svc0 degraded --region us1");
    await outboxEmpty();
  }, 120_000);
  afterAll(() => t.stop());

  /** Everything recorded has been delivered (or given up on: asserted separately). */
  async function outboxEmpty(): Promise<void> {
    await eventually(
      async () =>
        expect(await t.bot.deps.database.db.outboxMessage.count({ where: { status: "pending" } })).toBe(0),
      { timeoutMs: 90_000, intervalMs: 100 },
    );
  }

  const run = async (text: string) => {
    const response = await t.driver.command(text, { user: ic, channel: incident.channel.id });
    expect(response.status).toBe(200);
  };

  it("delivers a burst exactly once, paced, coalesced, channel first", async () => {
    const emulator = t.emulator;
    const callsBefore = emulator.calls.length;
    await run(`invite <!subteam^${group}|@all-responders>`);
    for (let i = 0; i < UPDATES; i++) await run(`update step ${i} of the rollback`);
    for (let i = 0; i < SERVICES; i++) await run(`service svc${i} outage --region eu1`);
    await outboxEmpty();
    const burst = emulator.calls.slice(callsBefore);

    // Nothing lost, nothing doubled, nothing given up on.
    expect(await t.bot.deps.database.db.outboxMessage.count({ where: { status: "failed" } })).toBe(0);
    const texts = (channel: string) => emulator.messages(channel).map((m) => m.text);
    for (let i = 0; i < UPDATES; i++) {
      const line = `step ${i} of the rollback`;
      expect(texts(incident.channel.id).filter((x) => x.includes(line))).toHaveLength(1);
      expect(texts(announce).filter((x) => x.includes(line))).toHaveLength(1);
    }
    const members = emulator.channel(incident.channel.id)?.members ?? new Set();
    expect(responders.filter((id) => !members.has(id))).toEqual([]);
    expect(emulator.callsTo("conversations.invite").filter((c) => c.ok).length).toBeLessThanOrEqual(2);

    // The bot paced itself: Slack never had to refuse a call.
    expect(emulator.rateLimitedCounts()).toEqual(new Map());
    expect(emulator.violations).toEqual([]);

    // The board shows every service, and ten changes took far fewer than ten edits of it.
    const board = emulator
      .messages(incident.channel.id)
      .find((m) => JSON.stringify(m.blocks ?? []).includes("Recovery board ·"));
    expect(board).toBeDefined();
    for (let i = 0; i < SERVICES; i++) expect(JSON.stringify(board?.blocks)).toContain(`svc${i}`);
    const boardEdits = burst.filter(
      (c) =>
        c.ok &&
        c.method === "chat.update" &&
        c.args.channel === incident.channel.id &&
        c.args.ts === board?.ts,
    );
    expect(boardEdits.length).toBeGreaterThanOrEqual(1);
    expect(boardEdits.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(boardEdits.at(-1)?.args.blocks)).toContain(`svc${SERVICES - 1}`);

    // The channel's updates landed no later than their announcement mirrors.
    const landed = (channel: string, line: string) =>
      burst.find(
        (c) =>
          c.ok &&
          c.method === "chat.postMessage" &&
          c.args.channel === channel &&
          String(c.args.text).includes(line),
      )?.at ?? Number.POSITIVE_INFINITY;
    const lastLine = `step ${UPDATES - 1} of the rollback`;
    expect(landed(incident.channel.id, lastLine)).toBeLessThanOrEqual(landed(announce, lastLine));
  }, 120_000);
});
