// What people see of the timeline: entries described and escaped, pages inside Slack's
// limits whatever was typed, times in UTC and the viewer's zone, reminders with buttons.
import { describe, expect, it } from "vitest";
import { describeEntry } from "../../../src/domain/timeline/describe.ts";
import type { TimelineEntry } from "../../../src/domain/timeline/entry.ts";
import { TIMELINE_PAGE_SIZE } from "../../../src/domain/timeline/page-size.ts";
import { phraseToMarkdown, phraseToMrkdwn } from "../../../src/domain/timeline/render-phrase.ts";
import type { TimelinePageModel } from "../../../src/services/timeline/timeline-page.ts";
import { LIMITS } from "../../../src/slack/views/limits.ts";
import { statusUpdateMirror, statusUpdatePost } from "../../../src/slack/views/status-update.ts";
import { splitText } from "../../../src/slack/views/text-sections.ts";
import { timelineView } from "../../../src/slack/views/timeline-view.ts";
import { updateReminder } from "../../../src/slack/views/update-reminder.ts";

const T0 = new Date("2026-03-08T06:00:00Z");

function entry(i: number, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  const occurredAt = new Date(T0.getTime() + i * 60_000);
  return {
    id: i + 1,
    incidentId: 1,
    workstreamId: null,
    occurredAt,
    recordedAt: occurredAt,
    actorId: "U0ALEX0001",
    text: `note ${i}`,
    event: { kind: "note_added", text: `note ${i}`, tag: null },
    tag: null,
    sourceChannelId: null,
    sourceTs: null,
    permalink: null,
    dedupeKey: null,
    ...overrides,
  };
}

function model(entries: TimelineEntry[], overrides: Partial<TimelinePageModel> = {}): TimelinePageModel {
  return {
    incident: { id: 1, number: 7, title: "Checkout" },
    entries,
    offset: 0,
    total: entries.length,
    workstream: null,
    since: null,
    workstreamNames: new Map([[3, "us1"]]),
    viewerZone: "UTC",
    ...overrides,
  };
}

function checkLimits(blocks: unknown[]) {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageBlocksJson);
  for (const block of blocks as { text?: { text: string } }[])
    expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
}

describe("describing timeline entries", () => {
  it("reads updates, tagged notes, pins and reminders, with typed text escaped", () => {
    const read = (kind: string, data: Record<string, unknown>) =>
      phraseToMrkdwn(describeEntry({ kind, data, text: "" }));
    expect(read("update_posted", { text: "@channel <b> & co", broadcast: true })).toBe(
      "Status update: @channel &lt;b&gt; &amp; co",
    );
    expect(read("note_added", { text: "canary skipped", tag: "cause" })).toBe("Note (cause): canary skipped");
    expect(read("note_added", { text: "x", tag: null })).toBe("Note: x");
    expect(read("message_pinned", { authorId: "U0BLAIR001", text: "<!here> look", threadTs: "1.2" })).toBe(
      "Pinned message from <@U0BLAIR001> (in a thread): &lt;!here&gt; look",
    );
    expect(read("message_pinned", { authorId: null, botId: "B0DD", text: "alert" })).toBe(
      "Pinned message from an app: alert",
    );
    expect(read("reminder_sent", { toUserId: "U0ALEX0001", severity: 1, sinceUpdateMs: 1_800_000 })).toBe(
      "Update reminder sent to <@U0ALEX0001> (no status update for 30m, SEV1)",
    );
    expect(read("reminder_snoozed", { until: "2026-03-08T06:45:00.000Z", minutes: 15 })).toBe(
      "Update reminders snoozed for 15 min, until 06:45 UTC",
    );
    expect(
      phraseToMarkdown(
        describeEntry({ kind: "note_added", data: { text: "a|b *c*", tag: "lesson" }, text: "" }),
      ),
    ).toBe("Note (lesson): a\\|b \\*c\\*");
  });
});

describe("timelineView", () => {
  it("lists entries in the order given, with day lines and the viewer's zone beside UTC", () => {
    const entries = [entry(0), entry(17 * 60 + 50), entry(18 * 60 + 5, { workstreamId: 3 })];
    const view = timelineView(model(entries, { viewerZone: "Asia/Seoul" }));
    const shown = JSON.stringify(view.blocks);
    expect(shown.indexOf("note 0")).toBeLessThan(shown.indexOf("note 1070"));
    expect(shown.indexOf("note 1070")).toBeLessThan(shown.indexOf("note 1085"));
    // Node's ICU names the zone KST or UTC+09:00 depending on its locale data.
    expect(shown).toMatch(/\*06:00 UTC\* · 15:00 (KST|UTC\+09:00)/);
    // 23:50 UTC on the 8th is 08:50 on the 9th in Seoul: the local date is shown.
    expect(shown).toMatch(/\*23:50 UTC\* · 2026-03-09 08:50 (KST|UTC\+09:00)/);
    expect(shown).toContain("Sunday 8 March 2026 (UTC)");
    expect(shown).toContain("Monday 9 March 2026 (UTC)");
    expect(shown).toContain("`us1`");
    expect(shown).toContain("your time zone (Asia/Seoul)");
    checkLimits(view.blocks);
  });

  it("says how many entries are earlier and offers Earlier / Later buttons that carry the position", () => {
    const entries = Array.from({ length: TIMELINE_PAGE_SIZE }, (_, i) => entry(i + 25));
    const view = timelineView(model(entries, { offset: 25, total: 60 }));
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain("Entries 26–50 of 60");
    expect(shown).toContain("*25 earlier*");
    expect(shown).toContain("10 later");
    const buttons = (view.blocks.find((b) => b.type === "actions") as { elements: { value: string }[] })
      .elements;
    expect(buttons.map((b) => JSON.parse(b.value))).toEqual([
      { incidentId: 1, offset: 0, limit: 25, workstreamId: null, since: null },
      { incidentId: 1, offset: 50, limit: 25, workstreamId: null, since: null },
    ]);
  });

  it("goes Earlier without repeating entries when fewer than a page remain before", () => {
    const entries = Array.from({ length: TIMELINE_PAGE_SIZE }, (_, i) => entry(i + 16));
    const view = timelineView(model(entries, { offset: 16, total: 41 }));
    const buttons = (view.blocks.find((b) => b.type === "actions") as { elements: { value: string }[] })
      .elements;
    expect(JSON.parse(buttons[0]!.value)).toMatchObject({ offset: 0, limit: 16 });
    expect(buttons).toHaveLength(1);
  });

  it("stays within Slack's limits when every entry is as long and as escape-heavy as possible", () => {
    const nasty = "<!channel>&<>".repeat(400);
    const entries = Array.from({ length: TIMELINE_PAGE_SIZE }, (_, i) =>
      entry(i, {
        text: nasty,
        event: { kind: "update_posted", text: nasty, broadcast: true },
        workstreamId: 3,
        permalink: "https://emulated.slack.com/archives/C0123456789/p1772949600000200",
        recordedAt: new Date(T0.getTime() + 86_400_000),
      }),
    );
    const view = timelineView(model(entries, { viewerZone: "America/Los_Angeles", total: 500, offset: 100 }));
    checkLimits(view.blocks);
    const shown = JSON.stringify(view.blocks);
    expect(shown).not.toContain("<!channel>");
    // Every entry is still listed (shortened, never dropped).
    expect(shown.match(/Status update:/g)).toHaveLength(TIMELINE_PAGE_SIZE);
  });

  it("says so when nothing matches", () => {
    const view = timelineView(model([], { since: T0 }));
    expect(JSON.stringify(view.blocks)).toContain("No entries (since 2026-03-08 06:00 UTC) yet.");
  });
});

describe("status update messages", () => {
  const input = {
    incidentNumber: 7,
    severity: 1,
    status: "identified",
    text: "&<>".repeat(1333),
    actorId: "U0ALEX0001",
    occurredAt: T0,
    recordedAt: new Date(T0.getTime() + 20 * 60_000),
    workstream: "us1",
    channelId: "C0INCIDENT1",
  };

  it("stay within limits for the longest, most escape-heavy update", () => {
    for (const message of [statusUpdatePost(input), statusUpdateMirror(input)]) {
      checkLimits(message.blocks);
      expect(message.text.length).toBeLessThanOrEqual(LIMITS.messageText);
      // Only the mention, the channel link and the date tokens (each reader's own zone) are markup.
      expect(JSON.stringify(message)).not.toMatch(
        /<(?!@U0ALEX0001>|#C0INCIDENT1>|!date\^\d+\^\{date_short\} \{time\}\|[\d: -]+UTC>)/,
      );
    }
  });

  it("tag the workstream, say when the update was backdated and link the channel from the mirror", () => {
    const mirror = JSON.stringify(statusUpdateMirror({ ...input, text: "EU back" }).blocks);
    expect(mirror).toContain("*INC-7 update*");
    expect(mirror).toContain("`us1`");
    // Each reader sees the times in their own zone; UTC is the fallback text.
    expect(mirror).toContain(
      "As of <!date^1772949600^{date_short} {time}|2026-03-08 06:00 UTC> (recorded <!date^1772950800^{date_short} {time}|2026-03-08 06:20 UTC>) in <#C0INCIDENT1>",
    );
  });

  it("split long text on boundaries, never inside an escape", () => {
    const pieces = splitText("&amp;".repeat(1000), 2900);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2900);
      expect(piece).toMatch(/^(&amp;)+$/);
    }
    expect(pieces.join("")).toBe("&amp;".repeat(1000));
  });
});

describe("update reminder", () => {
  it("names the person, offers Post update and three snoozes with distinct action ids", () => {
    const reminder = updateReminder({
      incidentId: 4,
      toUserId: "U0COMMS001",
      severity: 1,
      sinceUpdateMs: 31 * 60_000,
      neverUpdated: false,
      dueAt: T0,
    });
    const shown = JSON.stringify(reminder.blocks);
    expect(shown).toContain("<@U0COMMS001>, no status update for *31m*");
    const buttons = (
      reminder.blocks.find((b) => b.type === "actions") as {
        elements: { action_id: string; text: { text: string } }[];
      }
    ).elements;
    expect(buttons.map((b) => b.text.text)).toEqual([
      "Post update",
      "Snooze 15 min",
      "Snooze 30 min",
      "Snooze 60 min",
    ]);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(4);
  });
});
