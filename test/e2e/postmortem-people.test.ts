// Everyone who responded, at outage scale (issue 15): a user group's members are asked of Slack
// when the group is invited (before the transaction) and counted in the postmortem draft; the
// invite is one aggregated timeline line naming the group by its handle, never by its ID; people
// who join the channel by themselves are recorded and counted as present.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import type { FileRecord } from "../support/slack-emulator/types.ts";

const text = (response: { json?: unknown }) => (response.json as { text?: string } | undefined)?.text ?? "";
const content = (file: FileRecord) => file.bytes?.toString("utf8") ?? "";

describe("a user group of 750 in the postmortem", () => {
  let t: TestBot;
  let ic: string;
  let group: string;
  let general: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines", realName: "Inês Duarte" }).id;
    const members = Array.from(
      { length: 750 },
      (_, i) => t.emulator.addUser({ name: `eng-${String(i).padStart(3, "0")}` }).id,
    );
    group = t.emulator.addUserGroup({ handle: "eng-all", users: members }).id;
    general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("counts the group's 750 members as responders, on one timeline line", async () => {
    const { channel, number } = await declareIncident(t, "Intake down --sev 1", { by: ic, from: general });
    const invited = await t.driver.command(`invite <!subteam^${group}|@eng-all>`, {
      user: ic,
      channel: channel.id,
    });
    expect(text(invited)).toContain("Inviting 750 people (1 user group)");
    // Two people find the channel and join it by themselves; one is added by hand by Inês.
    const walkIns = ["kai", "lin"].map((name) => t.emulator.addUser({ name }).id);
    for (const user of walkIns) await t.driver.memberJoined({ user, channel: channel.id });
    const added = t.emulator.addUser({ name: "mo" }).id;
    await t.driver.memberJoined({ user: added, channel: channel.id, inviter: ic });
    await t.driver.command("update intake is failing in every region", { user: ic, channel: channel.id });
    // A later update marked as key is one of the chronology's moments (the first always is).
    const key = await t.driver.command("update --key live intake back in every region", {
      user: ic,
      channel: channel.id,
    });
    expect(text(key)).toContain(":star: Marked as a key update");
    await t.driver.command("update backfill at 40%", { user: ic, channel: channel.id });
    await t.driver.command("status resolved", { user: ic, channel: channel.id });
    await t.driver.command("postmortem", { user: ic, channel: channel.id });
    await t.settle();

    const draft = t.emulator.files().find((f) => f.filename.startsWith(`INC-${number}-postmortem-`));
    const markdown = content(draft!);
    // The declarer, the group's 750 members, the two who joined by themselves and the person
    // Inês added by hand with Slack's own invite.
    expect(markdown).toMatch(/\*\*754 people\*\* took part: 1 acted [^\n]*, 1 held a role, 753 were present/);
    expect(markdown).toContain("2 people joined by themselves");
    expect(markdown).not.toContain("not counted");
    const chronology = markdown.slice(markdown.indexOf("### Chronology"), markdown.indexOf("### Response"));
    expect(chronology).toMatch(/\| Key status update \| live intake back in every region \|/);
    expect(chronology).not.toContain("backfill at 40%");
    expect(markdown).toContain("Invited 750 people (1 user group: @eng-all)");
    expect(markdown).not.toContain(group);
    expect(markdown).not.toMatch(/\b[USW]0[A-Z0-9]{6,}\b/);
    // One line for the whole invite in the full timeline too, not one per person.
    const csv = content(t.emulator.files().find((f) => f.filename.startsWith(`INC-${number}-timeline-`))!);
    const invites = csv.split("\r\n").filter((line) => line.includes("people_invited"));
    expect(invites.filter((line) => line.includes("Invited 750 people"))).toHaveLength(1);
    expect(invites.filter((line) => line.includes("Joined the incident by themselves"))).toHaveLength(2);
    // And Mo, whom Inês added with Slack's own invite.
    expect(invites.filter((line) => /Invited (?!750)/.test(line))).toHaveLength(1);
    expect(invites).toHaveLength(4);
    expect(t.emulator.channel(channel.id)?.members.size).toBeGreaterThanOrEqual(751);
    expect(t.emulator.violations).toEqual([]);
  });
});
