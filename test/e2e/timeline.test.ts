// Status updates, notes, backdated entries and the timeline view, end to end: what responders
// and stakeholders see in Slack, and that nothing typed (<!channel>) ever notifies anyone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually, present } from "../support/eventually.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";
import { nothing, story } from "../support/story.ts";

type Reply = { text: string; blocks?: unknown[] };
const MENTION = /<!(channel|here|everyone)>/;

describe("status updates, notes and the timeline view", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let general: string;
  let incidentChannel: string;
  let incidentId: number;

  const command = async (text: string, user = alex, channel = incidentChannel) =>
    (await t.driver.command(text, { user, channel })).json as Reply;
  const entries = (kind?: string) =>
    t.bot.deps.database.db.timelineEntry.findMany({
      where: { incidentId, ...(kind ? { kind } : {}) },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });

  beforeAll(async () => {
    t = await startSimTestBot();
    alex = t.emulator.addUser({ name: "alex", tz: "Asia/Seoul" }).id;
    blair = t.emulator.addUser({ name: "blair", tz: "America/Los_Angeles" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    const incident = await declareIncident(t, "Checkout failing in EU --sev 1", {
      by: alex,
      from: general,
      joiners: [blair],
    });
    incidentChannel = incident.channel.id;
    incidentId = incident.id;
  });
  afterAll(() => t.stop());

  // What each test leaves that a later one relies on (test/support/story.ts): the clock
  // (06:10, then 06:30), the updates, notes and backdated entries the views page and filter.
  const steps = story({
    "update in the channel": async () => {
      await t.advance("10m");
      await command("update EU checkout recovering after rollback <!channel> &lt;b&gt;");
      await t.settle();
    },
    "update in a workstream": async () => {
      await command("workstream add us1 --channel");
      await t.settle();
      await command("update us1 ingestion caught up", alex, t.emulator.channelByName("inc-1-us1")!.id);
      await t.settle();
    },
    notes: async () => {
      await command("note --cause config push skipped the canary <!here>");
      await command("note --lesson page the EU on-call earlier");
      await command("note blair is looking at the LB");
    },
    backdated: async () => {
      await t.advance("20m");
      await command("note --at 06:05 first customer ticket");
      await command("update --at 2026-03-08 06:02 we are aware of EU checkout errors");
      await command("note --at -1m rollback verified");
    },
    "refused times": nothing,
    paging: async () => {
      for (let i = 1; i <= 30; i++) await command(`note progress check ${String(i).padStart(2, "0")}`, blair);
    },
    filters: nothing,
    "private updates": nothing,
  });

  it("posts an update in the channel, mirrors it under the announcement, counts it and starts the reminder clock over", async () => {
    await steps.begin("update in the channel");
    await t.advance("10m");
    const reply = await command("update EU checkout recovering after rollback <!channel> &lt;b&gt;");
    expect(reply.text).toMatch(/Status update #1 posted and mirrored to <#/);
    await t.settle();

    const posted = t.emulator.messages(incidentChannel).filter((m) => m.text.startsWith("Status update"));
    expect(posted).toHaveLength(1);
    const shown = JSON.stringify(posted[0]?.blocks);
    expect(shown).toContain("EU checkout recovering after rollback @channel &lt;b&gt;");
    expect(shown).toContain(`<@${alex}>`);

    const announcement = t.emulator.messages(t.announce!).find((m) => !m.threadTs)!;
    const replies = t.emulator.messages(t.announce!).filter((m) => m.threadTs === announcement.ts);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.blocks)).toContain("*INC-1 update*");
    expect(JSON.stringify(replies[0]?.blocks)).toContain("EU checkout recovering after rollback @channel");
    // The announcement itself shows the latest update, in place, with who and when.
    const shownAbove = JSON.stringify(t.emulator.message(t.announce!, announcement.ts)?.blocks);
    expect(shownAbove).toContain("*Latest update* (<!date^");
    expect(shownAbove).toContain(`by <@${alex}>`);
    expect(shownAbove).toContain("EU checkout recovering after rollback @channel &lt;b&gt;");
    expect(shownAbove).not.toMatch(MENTION);

    const incident = await t.bot.deps.database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.lastUpdateAt?.toISOString()).toBe("2026-03-08T06:10:00.000Z");
    const [update] = await entries("update_posted");
    expect(update?.data).toMatchObject({
      text: "EU checkout recovering after rollback @channel <b>",
      broadcast: true,
    });
    for (const surface of [...t.emulator.messages(incidentChannel), ...t.emulator.messages(t.announce!)])
      expect(JSON.stringify(surface)).not.toMatch(MENTION);
    expect(t.emulator.violations).toEqual([]);
  });

  it("posts an update typed in a workstream channel there, tagged with the workstream", async () => {
    await steps.begin("update in a workstream");
    await command("workstream add us1 --channel");
    await t.settle();
    const us1 = t.emulator.channelByName("inc-1-us1")!.id;
    const reply = await command("update us1 ingestion caught up", alex, us1);
    expect(reply.text).toMatch(/Status update #2 posted for `us1`/);
    await t.settle();
    const inWorkstream = t.emulator.messages(us1).filter((m) => m.text.startsWith("Status update"));
    expect(inWorkstream).toHaveLength(1);
    expect(JSON.stringify(inWorkstream[0]?.blocks)).toContain("`us1`");
    expect(
      t.emulator.messages(incidentChannel).filter((m) => m.text.includes("ingestion caught up")),
    ).toHaveLength(0);
    const mirror = t.emulator.messages(t.announce!).filter((m) => m.text.includes("ingestion caught up"));
    expect(JSON.stringify(mirror[0]?.blocks)).toContain("`us1`");
    const top = t.emulator.messages(t.announce!).find((m) => !m.threadTs)!;
    expect(JSON.stringify(top.blocks)).toMatch(
      /Latest update\* \([^)]* in `us1`\)\\nus1 ingestion caught up/,
    );
    const update = (await entries("update_posted")).at(-1);
    expect(update?.workstreamId).not.toBeNull();
  });

  it("records notes internally, tagged for the postmortem, without posting anything", async () => {
    await steps.begin("notes");
    const before = t.emulator.calls.filter((c) => c.method === "chat.postMessage").length;
    const cause = await command("note --cause config push skipped the canary <!here>");
    const lesson = await command("note --lesson page the EU on-call earlier");
    const plain = await command("note blair is looking at the LB");
    expect(cause.text).toMatch(/tagged \*cause\*/);
    expect(cause.text).toContain("@here");
    expect(cause.text).not.toMatch(MENTION);
    expect(lesson.text).toMatch(/tagged \*lesson\*/);
    expect(plain.text).toMatch(/^:memo: Noted in the timeline at 2026-03-08 06:10 UTC/);
    await t.settle();
    expect(t.emulator.calls.filter((c) => c.method === "chat.postMessage").length).toBe(before);
    const notes = await entries("note_added");
    expect(notes.map((n) => [n.tag, n.text])).toEqual([
      ["cause", "config push skipped the canary @here"],
      ["lesson", "page the EU on-call earlier"],
      [null, "blair is looking at the LB"],
    ]);
  });

  it("puts backdated entries where they happened, and says when they were recorded", async () => {
    await steps.begin("backdated");
    await t.advance("20m");
    await command("note --at 06:05 UTC first customer ticket");
    await command("update --at 2026-03-08 06:02 UTC we are aware of EU checkout errors");
    await command("note --at -1m rollback verified");
    const view = JSON.stringify((await command("timeline --all")).blocks);
    const order = [
      "Incident declared",
      "we are aware",
      "first customer ticket",
      "EU checkout recovering",
      "rollback verified",
    ];
    const positions = order.map((text) => view.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(view).toContain("_recorded 2026-03-08 06:30 UTC_");
    const incident = await t.bot.deps.database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    // The late entry of an older update does not move the reminder clock back.
    expect(incident.lastUpdateAt?.toISOString()).toBe("2026-03-08T06:10:00.000Z");
  });

  it("refuses a time in the future or long before the incident, recording nothing", async () => {
    await steps.begin("refused times");
    const count = (await entries()).length;
    const future = await command("update --at 2026-03-08 07:00 UTC will be fixed");
    expect(future.text).toMatch(/in the future/);
    // Alex is in Seoul: 16:00 on his clock is 07:00 UTC, in the future too.
    expect((await command("update --at 2026-03-08 16:00 will be fixed")).text).toMatch(/in the future/);
    const old = await command("note --at 2026-02-20 10:00 UTC long ago");
    expect(old.text).toMatch(/more than 7 days before/);
    const unreadable = await command("note --at teatime x");
    expect(unreadable.text).toMatch(/can't read the time/);
    expect((await entries()).length).toBe(count);
  });

  it("pages the timeline: the most recent entries first, --all from the start, --page, and Earlier/Later", async () => {
    await steps.begin("paging");
    for (let i = 1; i <= 30; i++) await command(`note progress check ${String(i).padStart(2, "0")}`, blair);
    const total = (await entries()).length;
    const latest = await command("timeline", blair);
    const latestText = JSON.stringify(latest.blocks);
    expect(latestText).toContain(`Entries ${total - 24}–${total} of ${total}`);
    expect(latestText).toContain(`*${total - 25} earlier*`);
    expect(latestText).toContain("progress check 30");
    expect(latestText).not.toContain("Incident declared");
    // Blair reads Los Angeles time beside UTC.
    expect(latestText).toMatch(/\*06:30 UTC\* · 2026-03-07 22:30 (PST|UTC-08:00)/);
    expect(latest.blocks!.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(latest.blocks).length).toBeLessThanOrEqual(12_000);

    const first = JSON.stringify((await command("timeline --all", blair)).blocks);
    expect(first).toContain(`Entries 1–25 of ${total}`);
    expect(first).toContain("Incident declared");
    const second = JSON.stringify((await command("timeline --page 2", blair)).blocks);
    expect(second).toContain(`Entries 26–${Math.min(50, total)} of ${total}`);
    const tooFar = await command("timeline --page 9", blair);
    expect(tooFar.text).toMatch(/There are 2 pages/);

    // The Earlier button on the most recent page shows the entries before it.
    const shownToBlair = {
      ephemeral: true as const,
      channel: incidentChannel,
      user: blair,
      ts: "1.000001",
      text: latest.text,
      blocks: latest.blocks,
    };
    await t.driver.clickButton({ user: blair, message: shownToBlair, actionId: "timeline.earlier" });
    const earlier = await eventually(() =>
      present(
        t.emulator
          .ephemerals(incidentChannel)
          .filter((e) => e.user === blair)
          .at(-1),
        "the earlier page",
      ),
    );
    const earlierText = JSON.stringify(earlier.blocks);
    // Exactly the entries before the page it came from: none repeated, none skipped.
    expect(earlierText).toContain(`Entries 1–${total - 25} of ${total}`);
    expect(earlierText).toContain("Incident declared");
    expect(t.emulator.violations).toEqual([]);
  });

  it("filters by workstream and by time, and never shows typed mentions as mentions", async () => {
    await steps.begin("filters");
    const us1 = JSON.stringify((await command("timeline --workstream us1")).blocks);
    expect(us1).toContain("us1 ingestion caught up");
    expect(us1).not.toContain("progress check");
    // Alex is in Seoul: 15:29 on his clock is 06:29 UTC.
    const since = JSON.stringify((await command("timeline --since 15:29")).blocks);
    expect(since).toContain("rollback verified");
    expect(since).not.toContain("first customer ticket");
    const unknown = await command("timeline --workstream eu9");
    expect(unknown.text).toMatch(/no workstream `eu9`/);
    const everything = JSON.stringify((await command("timeline --all --page 1")).blocks);
    expect(everything).toContain("@channel");
    expect(everything).not.toMatch(MENTION);
    const outside = await command("timeline", alex, general);
    expect(outside.text).toMatch(/acts on an incident/);
  });

  it("keeps a private incident's updates out of the announcement channel", async () => {
    await steps.begin("private updates");
    await command("declare Payroll data exposure --private --sev 2", alex, general);
    await t.settle();
    const secret = t.emulator.channels().find((c) => c.name.startsWith("inc-2-"))!.id;
    const before = t.emulator.messages(t.announce!).length;
    const reply = await command("update contained, rotating keys", alex, secret);
    expect(reply.text).toMatch(/private incident: not mirrored/);
    await t.settle();
    expect(t.emulator.messages(secret).filter((m) => m.text.includes("rotating keys"))).toHaveLength(1);
    expect(t.emulator.messages(t.announce!).length).toBe(before);
    expect(JSON.stringify(t.emulator.messages(t.announce!))).not.toContain("rotating keys");
  });
});
