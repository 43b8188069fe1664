// A postmortem canvas created just before the process died is not created again: the outbox
// recorded the attempt before calling Slack, and the restarted bot looks for the canvas by
// its title in the channel (files.list, types=canvas) before creating another.
import { describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { useCrashDrill } from "../support/crash-drill.ts";
import { eventually, present } from "../support/eventually.ts";

describe("a postmortem canvas across a SIGKILL", () => {
  const drill = useCrashDrill();

  it("creates the canvas once when the process dies between Slack creating it and the bot recording it", async () => {
    const { emulator } = drill;
    const env = drill.env({ POSTMORTEM_CANVAS: "true" });
    const ic = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    const first = await startBotProcess(env);
    const driver = drill.driverFor(first);
    await driver.command("declare Canvas drill --sev 3", { user: ic, channel: general });
    const channel = await eventually(() =>
      present(emulator.channelByName("inc-1-canvas-drill"), "the incident channel"),
    );

    // Slack creates the canvas at once but answers late: the kill lands in between.
    emulator.injectFault({
      method: "canvases.create",
      kind: "delay",
      delayMs: 15_000,
      times: Number.POSITIVE_INFINITY,
    });
    await driver.command("postmortem", { user: ic, channel: channel.id });
    const created = await eventually(() => present(emulator.canvases()[0], "the canvas"));
    expect(created.title).toMatch(/^INC-1 postmortem draft, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await first.kill("SIGKILL");
    emulator.clearFaults();

    await drill.restartAndDrain(env, async (db) => {
      const row = await db.db.outboxMessage.findFirstOrThrow({ where: { kind: "postmortem.canvas" } });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      // Looked for it in the channel, found it, and did not make a second one.
      expect(emulator.callsTo("files.list").some((c) => c.args.channel === channel.id)).toBe(true);
      expect(emulator.canvases()).toHaveLength(1);
      expect(emulator.violations).toEqual([]);
    });
  });
});
