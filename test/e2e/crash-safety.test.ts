// SIGKILL while signed commands are in flight and Slack answers slowly: after a restart every
// acknowledged command is in the database and every outbox message was delivered exactly once.
import { describe, expect, it } from "vitest";
import { OUTBOX_METADATA_TYPE } from "../../src/outbox/deliveries/post-once.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { useCrashDrill } from "../support/crash-drill.ts";
import { eventually, present } from "../support/eventually.ts";

describe("crash safety", () => {
  const drill = useCrashDrill();
  const env = (extra: Record<string, string> = {}) =>
    drill.env({ SCHEDULER_CRON: "*/1 * * * * *", ...extra });

  it("loses no acknowledged command and posts nothing twice across a SIGKILL", async () => {
    const { emulator } = drill;
    const ic = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    const first = await startBotProcess(env());
    const driver = drill.driverFor(first);
    await driver.command("declare Crash drill --sev 3", { user: ic, channel: general });
    const pinnedSummary = () => {
      const created = emulator.channelByName("inc-1-crash-drill");
      return created && emulator.messages(created.id).some((m) => m.pinned) ? created : undefined;
    };
    const channel = await eventually(() => present(pinnedSummary(), "the incident channel's pinned summary"));

    // Slack takes the posts at once but answers late: the process dies between Slack posting
    // a message and the bot recording that it did. The answer is held long enough that the kill
    // below lands inside that window however slow the machine is.
    const outboxPosts = () =>
      emulator.messages(channel.id).filter((m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE);
    const postedBefore = outboxPosts().length;
    emulator.injectFault({
      method: "chat.postMessage",
      kind: "delay",
      delayMs: 15_000,
      times: Number.POSITIVE_INFINITY,
    });
    const sent: Promise<{ reason: string; status: number; text: string }>[] = [];
    for (let i = 0; i < 30; i++) {
      const reason = `crash-reason-${i}`;
      sent.push(
        driver
          .command(`sev ${i % 2 === 0 ? 1 : 2} ${reason}`, { user: ic, channel: channel.id })
          .then((r) => ({
            reason,
            status: r.status,
            text: (r.json as { text?: string } | undefined)?.text ?? "",
          }))
          .catch(() => ({ reason, status: 0, text: "" })),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Slack has posted something the bot is still waiting to hear about: kill it now.
    await eventually(() => expect(outboxPosts().length).toBeGreaterThan(postedBefore));
    await first.kill("SIGKILL");
    const results = await Promise.all(sent);
    emulator.clearFaults();

    // The restarted process delivers on its own schedule (its scheduler ticks every second).
    await drill.restartAndDrain(env(), async (db) => {
      const acknowledged = results.filter((r) => r.status === 200 && /Escalated|De-escalated/.test(r.text));
      expect(acknowledged.length).toBeGreaterThan(0);
      const recorded = new Set(
        (await db.db.timelineEntry.findMany({ where: { kind: "severity_changed" } })).map((e) => e.text),
      );
      for (const { reason } of acknowledged) expect(recorded.has(reason), reason).toBe(true);

      const posts = await db.db.outboxMessage.findMany({ where: { kind: "message.post" } });
      expect(posts.some((p) => p.attempts > 1)).toBe(true);
      const delivered = outboxPosts().map(
        (m) => (m.metadata?.event_payload as { outbox_id: number } | undefined)?.outbox_id,
      );
      for (const post of posts)
        expect(
          delivered.filter((id) => id === post.id),
          `outbox ${post.id}`,
        ).toHaveLength(1);
    });
  });

  it("mirrors an update in the announcement's thread once across a SIGKILL mid-post", async () => {
    const { emulator } = drill;
    const ic = emulator.addUser({ name: "ivo" }).id;
    const general = emulator.addChannel({ name: "general-2", members: [ic] }).id;
    const announce = emulator.addChannel({ name: "incidents", members: [ic] }).id;
    const withAnnouncements = env({ INCIDENT_ANNOUNCE_CHANNEL: announce });
    const first = await startBotProcess(withAnnouncements);
    const driver = drill.driverFor(first);
    await driver.command("declare Thread drill --sev 2", { user: ic, channel: general });
    const announcement = await eventually(() =>
      present(
        emulator.messages(announce).find((m) => !m.threadTs && m.text.includes("Thread drill")),
        "the announcement",
      ),
    );
    const channel = await eventually(() =>
      present(
        emulator.channels().find((c) => c.name.endsWith("-thread-drill")),
        "the channel",
      ),
    );
    const mirrors = () =>
      emulator
        .messages(announce)
        .filter((m) => m.threadTs === announcement.ts && m.text.includes("db failover"));

    // Slack posts the mirror at once and answers late: the kill lands between the two.
    emulator.injectFault({
      method: "chat.postMessage",
      kind: "delay",
      delayMs: 15_000,
      times: Number.POSITIVE_INFINITY,
    });
    await driver.command("update db failover in progress", { user: ic, channel: channel.id });
    await eventually(() => expect(mirrors()).toHaveLength(1));
    await first.kill("SIGKILL");
    emulator.clearFaults();

    await drill.restartAndDrain(withAnnouncements, async (db) => {
      const reply = await db.db.outboxMessage.findFirstOrThrow({ where: { kind: "announcement.reply" } });
      // Once before the kill, once after the restart (which found the post instead of posting).
      expect(reply.attempts).toBeGreaterThanOrEqual(2);
      expect(mirrors()).toHaveLength(1);
    });
  });
});
