// A mention typed in a slash command reads the same wherever the bot keeps it: the title, a
// severity reason, a milestone note and an action item store "@alex" as an update does, so the
// pinned summary, the channel lines, the timeline view and the draft all show "@alex".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { typedPostmortemDraft } from "../support/postmortem-draft.ts";

describe("typed mentions are stored as words everywhere", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  let alex: string;

  const run = (text: string) => t.driver.command(text, { user: ic, channel: incident.channel.id });

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    alex = t.emulator.addUser({ name: "alex" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic, alex] }).id;
    incident = await declareIncident(t, `Checkout broken since <@${alex}>'s deploy --sev 2`, {
      by: ic,
      from: general,
    });
    await run(`update <@${alex}>'s deploy is being rolled back`);
    await run(`sev 1 <@${alex}>'s deploy reached every region`);
    await run(`milestone detected --at -5m <@${alex}> saw the alert`);
    await run(`action Review <@${alex}>'s deploy checklist`);
    await t.settle();
  });
  afterAll(() => t.stop());

  it("stores a title, reason, note and action with a typed mention as an update stores it", async () => {
    const db = t.bot.deps.database.db;
    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row.title).toBe("Checkout broken since @alex's deploy");
    const update = await db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "update_posted" },
    });
    expect(update.data).toMatchObject({ text: "@alex's deploy is being rolled back" });
    const sev = await db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "severity_changed" },
    });
    expect(sev.data).toMatchObject({ reason: "@alex's deploy reached every region" });
    const detected = await db.milestone.findFirstOrThrow({
      where: { incidentId: incident.id, name: "detected" },
    });
    expect(detected.note).toBe("@alex saw the alert");
    const action = await db.actionItem.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(action.text).toBe("Review @alex's deploy checklist");
  });

  it("shows the title in the summary and topic as the update shows the same mention", async () => {
    const pinned = t.emulator.messages(incident.channel.id).find((m) => m.pinned);
    expect(JSON.stringify(pinned?.blocks)).toContain("Checkout broken since @alex's deploy");
    expect(t.emulator.channel(incident.channel.id)?.topic.value).toContain(
      "Checkout broken since @alex's deploy",
    );
    const update = t.emulator.messages(incident.channel.id).find((m) => m.text.startsWith("Status update"));
    expect(JSON.stringify(update?.blocks)).toContain("@alex's deploy is being rolled back");
    const view = JSON.stringify((await run("timeline --all")).json);
    expect(view).toContain("Checkout broken since @alex's deploy");
    expect(view).toContain("@alex's deploy is being rolled back");
    expect(view).not.toContain(`&lt;@${alex}&gt;`);
    const everything = JSON.stringify(t.emulator.messages(incident.channel.id));
    expect(everything).not.toContain(`&lt;@${alex}`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("writes the same words into the draft", async () => {
    const markdown = await typedPostmortemDraft(t, ic, incident.channel.id);
    expect(markdown).toContain("# INC-1: Checkout broken since @alex's deploy");
    expect(markdown).toContain("Review @alex's deploy checklist");
    expect(markdown).not.toContain(`<@${alex}`);
  });
});
