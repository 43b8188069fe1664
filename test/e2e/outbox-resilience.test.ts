// When Slack is slow, rate-limits or fails, the bot keeps answering, records everything, and
// delivers every message once, in order, when Slack is back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OUTBOX_METADATA_TYPE } from "../../src/outbox/deliveries/post-once.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";

const text = (response: { json?: unknown }) => (response.json as { text?: string } | undefined)?.text ?? "";

describe("outbox under Slack failures", () => {
  let t: TestBot;
  let ic: string;
  let general: string;

  beforeEach(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
  });
  afterEach(() => t.stop());

  async function declare(title: string) {
    return (await declareIncident(t, `${title} --sev 3`, { by: ic, from: general })).channel;
  }

  function outboxPosts(channelId: string) {
    return t.emulator.messages(channelId).filter((m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE);
  }

  it("honours Retry-After on 429 and delivers once when the wait is over (on the app's clock)", async () => {
    const channel = await declare("Rate limited");
    t.emulator.injectFault({
      method: "chat.postMessage",
      kind: "rate_limited",
      retryAfterSeconds: 30,
      times: 1,
    });
    expect(text(await t.driver.command("sev 2 getting worse", { user: ic, channel: channel.id }))).toMatch(
      /Escalated/,
    );
    await t.settle();
    const before = outboxPosts(channel.id).length;
    const pending = await t.bot.deps.database.db.outboxMessage.findFirstOrThrow({
      where: { status: "pending", kind: "message.post" },
    });
    expect(pending.nextAttemptAt.getTime() - t.bot.clock.now().getTime()).toBeGreaterThanOrEqual(30_000);
    await t.advance("10s");
    expect(outboxPosts(channel.id).length).toBe(before);
    await t.advance("25s");
    expect(outboxPosts(channel.id).length).toBe(before + 1);
    expect(t.emulator.callsTo("chat.postMessage").filter((c) => c.error === "ratelimited")).toHaveLength(1);
  });

  it("retries 500s and network failures with backoff, never posting twice", async () => {
    const channel = await declare("Flaky slack");
    t.emulator.injectFault({ method: "chat.postMessage", kind: "server_error", times: 2 });
    t.emulator.injectFault({ method: "chat.update", kind: "network", times: 1 });
    await t.driver.command("sev 2 worse", { user: ic, channel: channel.id });
    await t.settle();
    for (let i = 0; i < 6; i++) await t.advance("1m");
    const posts = outboxPosts(channel.id).filter((m) => m.text.includes("Escalated"));
    expect(posts).toHaveLength(1);
    expect(await t.bot.deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  it("delivers messages to one channel in the order they were recorded, even after a failure", async () => {
    const channel = await declare("Ordering");
    t.emulator.injectFault({ method: "chat.postMessage", kind: "server_error", times: 1 });
    for (const [sev, reason] of [
      [2, "first"],
      [1, "second"],
      [2, "third"],
    ] as const) {
      await t.driver.command(`sev ${sev} ${reason}`, { user: ic, channel: channel.id });
    }
    await t.settle();
    for (let i = 0; i < 4; i++) await t.advance("1m");
    const lines = outboxPosts(channel.id)
      .map((m) => /: (first|second|third)/.exec(m.text)?.[1])
      .filter(Boolean);
    expect(lines).toEqual(["first", "second", "third"]);
  });

  it("keeps answering and recording while Slack is unreachable, reports the backlog, and catches up", async () => {
    const channel = await declare("Slack down");
    t.emulator.injectFault({ kind: "network", times: Number.POSITIVE_INFINITY });
    const answers = [];
    for (const reason of ["a", "b", "c"]) {
      answers.push(
        await t.driver.command(`sev ${reason === "b" ? 1 : 2} reason ${reason}`, {
          user: ic,
          channel: channel.id,
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.every((a) => /(Escalated|De-escalated)/.test(text(a)))).toBe(true);
    expect(await t.bot.deps.database.db.timelineEntry.count({ where: { kind: "severity_changed" } })).toBe(3);
    await t.advance("5m");
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as {
      outbox: { pending: number; oldestPendingAgeSeconds: number };
    };
    expect(health.outbox.pending).toBeGreaterThan(0);
    expect(health.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(300);
    t.emulator.clearFaults();
    for (let i = 0; i < 5; i++) await t.advance("5m");
    const recovered = (await (await fetch(`${t.url}/healthz`)).json()) as { outbox: { pending: number } };
    expect(recovered.outbox.pending).toBe(0);
    expect(outboxPosts(channel.id).filter((m) => /reason [abc]/.test(m.text))).toHaveLength(3);
  });

  it("answers a repeated slash command (same trigger) once and changes nothing the second time", async () => {
    const channel = await declare("Repeats");
    const body = new URLSearchParams({
      token: "x",
      team_id: t.emulator.teamId,
      channel_id: channel.id,
      user_id: ic,
      command: "/incident",
      text: "sev 1 only once please",
      response_url: t.emulator.createResponseUrl(),
      trigger_id: t.emulator.issueTrigger(ic),
      api_app_id: t.emulator.appId,
    }).toString();
    const first = await t.driver.raw(body, { contentType: "application/x-www-form-urlencoded" });
    const second = await t.driver.raw(body, { contentType: "application/x-www-form-urlencoded" });
    expect(first.body).toBe(second.body);
    expect(await t.bot.deps.database.db.timelineEntry.count({ where: { kind: "severity_changed" } })).toBe(1);
  });
});

describe("starting while Slack is unreachable", () => {
  it("starts, answers and records commands without calling Slack on the request path, then catches up", async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    const ic = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    emulator.injectFault({ kind: "network", times: Number.POSITIVE_INFINITY });
    const t = await startTestBot({ emulator });
    try {
      const answer = await t.driver.command("declare Slack is down too --sev 1", {
        user: ic,
        channel: general,
      });
      expect(answer.status).toBe(200);
      expect(text(answer)).toMatch(/Declared \*INC-1\*/);
      expect(await t.bot.deps.database.db.incident.count()).toBe(1);
      emulator.clearFaults();
      for (let i = 0; i < 6; i++) await t.advance("5m");
      expect(emulator.channelByName("inc-1-slack-is-down-too")).toBeDefined();
    } finally {
      await t.stop();
      await emulator.stop();
    }
  });
});
