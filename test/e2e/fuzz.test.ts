// Random, huge and hostile command text through the real app: every request is answered,
// nothing crashes, no Slack call breaks Slack's rules, no mention escapes, no secret leaks.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";

describe("hostile input end to end", () => {
  let t: TestBot;
  let ic: string;
  let channel: string;
  let general: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    channel = (await declareIncident(t, "Fuzzing --sev 3", { by: ic, from: general })).channel.id;
  });
  afterAll(() => t.stop());

  const verbs = [
    "declare",
    "sev",
    "status",
    "role",
    "invite",
    "workstream",
    "service",
    "milestone",
    "list",
    "roles",
    "help",
    "reopen",
    "x",
  ];
  const hostile = fc.constantFrom(
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0123ABC>",
    "<@U0123ABCD>",
    "\u202e",
    "\u200b",
    "\u0000",
    "--sev",
    "--at",
    "--region",
    "1",
    "2",
    "resolved",
    "add",
    "lead",
    "us1",
    "🔥",
    "|",
    "`",
  );
  const text = fc
    .tuple(
      fc.constantFrom(...verbs),
      fc.array(fc.oneof(fc.string({ maxLength: 10 }), hostile), { maxLength: 8 }),
    )
    .map(([verb, words]) => `${verb} ${words.join(" ")}`);

  it("answers every random command without errors or rule-breaking Slack calls", async () => {
    const samples = fc.sample(text, { numRuns: 250, seed: 20230308 });
    samples.push(
      `update ${"A".repeat(100_000)}`,
      `declare ${"<!channel> ".repeat(10_000)}`,
      `service ${"s".repeat(5000)} outage`,
    );
    for (const sample of samples) {
      const response = await t.driver.command(sample, {
        user: ic,
        channel: sample.length % 3 ? channel : general,
      });
      expect(response.status, sample.slice(0, 80)).toBe(200);
      const reply = response.body;
      expect(reply, sample.slice(0, 80)).not.toMatch(/<!(channel|here|everyone)>|<!subteam\^/);
      expect(reply.length).toBeLessThan(41_000);
    }
    await t.settle();
    expect(t.emulator.violations).toEqual([]);
    const everything = JSON.stringify(t.emulator.channels().flatMap((c) => t.emulator.messages(c.id)));
    expect(everything).not.toMatch(/<!(channel|here|everyone)>|<!subteam\^S0123ABC>/);
    const errors = t.logs.filter((line) => line.includes('"level":50'));
    expect(errors).toEqual([]);
    for (const secret of [t.signingSecret, t.emulator.botToken])
      expect(t.logs.join("\n")).not.toContain(secret);
  });
});
