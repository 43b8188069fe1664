// Names resolved late (issue 16 item 3): `update`, `note` and 📌 never wait for users.info past a
// short deadline, so someone Slack has not named in time is stored as their ID. Once the change
// (and a 📌 or shortcut capture) has committed the bot finishes asking and writes the name into the stored entry (its text
// and its event's text), so the timeline and the postmortem read the person's name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHORTCUTS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";

/** Well past the 800 ms the acknowledgement waits for a name (services/deadline.ts). */
const SLOW_USERS_INFO = { method: "users.info", kind: "delay", delayMs: 3000, times: 1000 } as const;

describe("names resolved after the acknowledgement", () => {
  let t: TestBot;
  let alex: string;
  let incident: DeclaredIncident;

  const entries = (kind: string) =>
    t.bot.deps.database.db.timelineEntry.findMany({ where: { incidentId: incident.id, kind } });

  beforeAll(async () => {
    t = await startTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [alex] }).id;
    incident = await declareIncident(t, "Checkout down --sev 2", { by: alex, from: general });
    t.emulator.injectFault(SLOW_USERS_INFO);
  });
  afterAll(async () => {
    t.emulator.clearFaults();
    await t.stop();
  });

  it("an update naming someone is acknowledged with their ID stored, and later reads their name", async () => {
    // Someone the bot has never looked up: naming them needs users.info, which is slow.
    const casey = t.emulator.addUser({ name: "casey" }).id;
    const response = await t.driver.command(`update <@${casey}> is rolling back the deploy`, {
      user: alex,
      channel: incident.channel.id,
    });
    expect(response.status).toBe(200);
    const [stored] = await entries("update_posted");
    expect(stored?.text).toBe(`@${casey} is rolling back the deploy`);

    await eventually(async () => {
      const [named] = await entries("update_posted");
      expect(named?.text).toBe("@casey is rolling back the deploy");
      expect(named?.data).toMatchObject({ kind: "update_posted", text: "@casey is rolling back the deploy" });
    });
    // Naming again finds nothing left to name.
    const entryId = stored?.id ?? -1;
    const again = await t.bot.deps.store.transaction((repos) =>
      repos.timeline.nameMentions(entryId, new Map([[casey, "someone else"]])),
    );
    expect(again).toBe(false);
  });

  it("a note too, naming only the people who were left as IDs", async () => {
    const dana = t.emulator.addUser({ name: "dana" }).id;
    await t.driver.command(`note <@${dana}> owns the follow-up with <@${alex}|the commander>`, {
      user: alex,
      channel: incident.channel.id,
    });
    await eventually(async () => {
      const [note] = await entries("note_added");
      expect(note?.text).toBe("@dana owns the follow-up with @the commander");
      expect(note?.data).toMatchObject({ text: "@dana owns the follow-up with @the commander" });
    });
  });

  it("a pinned message too", async () => {
    const erin = t.emulator.addUser({ name: "erin" }).id;
    const message = t.emulator.postAsUser(incident.channel.id, alex, `<@${erin}> restarted the pool`);
    await t.driver.reactionAdded({ user: alex, channel: incident.channel.id, ts: message.ts });
    await eventually(async () => {
      const [pinned] = await entries("message_pinned");
      expect(pinned?.text).toBe("@erin restarted the pool");
      expect(pinned?.data).toMatchObject({ text: "@erin restarted the pool" });
    });
  });

  it("a message added with the Add to incident timeline shortcut too", async () => {
    const fran = t.emulator.addUser({ name: "fran" }).id;
    const message = t.emulator.postAsUser(incident.channel.id, alex, `<@${fran}> drained the queue`);
    await t.driver.messageShortcut({
      user: alex,
      callbackId: SHORTCUTS.addToTimeline,
      channel: incident.channel.id,
      ts: message.ts,
    });
    await eventually(async () => {
      const pinned = await t.bot.deps.database.db.timelineEntry.findUnique({
        where: { dedupeKey: `pin:${incident.channel.id}:${message.ts}` },
      });
      expect(pinned?.text).toBe("@fran drained the queue");
      expect(pinned?.data).toMatchObject({ text: "@fran drained the queue" });
    });
  });
});
