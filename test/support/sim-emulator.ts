// A test bot whose Slack emulator reads the bot's simulated clock, so message ts values (and
// therefore "when a pinned message was written") fall on the same timeline as the incident.
import { SIM_START, startTestBot, type TestBot, type TestBotOptions } from "./bot-harness.ts";
import { startSlackEmulator } from "./slack-emulator/index.ts";

export async function startSimTestBot(
  options: Omit<TestBotOptions, "emulator"> & { announceChannel?: boolean } = {},
): Promise<TestBot & { announce: string | undefined }> {
  let now = () => Date.parse(SIM_START);
  const emulator = await startSlackEmulator({ now: () => now() });
  const announce =
    options.announceChannel === false
      ? undefined
      : emulator.addChannel({ name: "incidents", botIsMember: false }).id;
  const t = await startTestBot({
    ...options,
    emulator,
    env: { ...(announce ? { INCIDENT_ANNOUNCE_CHANNEL: announce } : {}), ...options.env },
  });
  now = () => t.bot.clock.now().getTime();
  return {
    ...t,
    announce,
    async stop() {
      await t.stop();
      await emulator.stop();
    },
  };
}
