// The Slack emulator as its own process for the benchmark, so that what the bot sends Slack
// is handled on another core than the load generator that times the bot's answers.
// Prints one JSON line with its URLs, the seeded user and channel, and the announcement channel
// (production sets INCIDENT_ANNOUNCE_CHANNEL, so every update is mirrored there), then serves
// until killed.
import { startSlackEmulator } from "../test/support/slack-emulator/index.ts";

const emulator = await startSlackEmulator({ maxRecordedCalls: 2000 });
const user = emulator.addUser({ name: "bench" }).id;
const channel = emulator.addChannel({ name: "general", members: [user] }).id;
const announceChannel = emulator.addChannel({ name: "incidents", members: [user] }).id;
process.stdout.write(
  `${JSON.stringify({ apiUrl: emulator.apiUrl, url: emulator.url, botToken: emulator.botToken, teamId: emulator.teamId, appId: emulator.appId, user, channel, announceChannel })}\n`,
);
// Exits at once: it keeps nothing worth flushing, and a graceful close waited for connections
// that never ended, so emulators of earlier sections outlived their bench (seen 2026-12-07).
process.on("SIGTERM", () => process.exit(0));
