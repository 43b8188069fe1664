// A 20,000-entry incident gives a readable draft (under 200 KB) whose timeline is a bounded
// selection saying what it left out and naming the full-timeline file, and that file (CSV or
// JSON) holds every entry.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { fullTimelineFilename, renderFullTimeline } from "../../../src/domain/postmortem/full-timeline.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { largeIncident } from "../../fixtures/postmortem/large-incident.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";
import { incident } from "./small-incident.ts";

const timelineRows = (markdown: string) =>
  markdown
    .slice(markdown.indexOf("### Full timeline"))
    .split("\n")
    .filter((line) => line.startsWith("| 20"));

describe("the draft of a 20,000-entry incident", () => {
  const input = largeIncident();
  input.displayTimeZone = "Asia/Seoul";
  const doc = buildPostmortem(input);
  const markdown = renderMarkdown(doc);

  it("stays under 200 KB, says what its timeline left out and names the full timeline's file", () => {
    expect(Buffer.byteLength(markdown)).toBeLessThan(200 * 1024);
    const file = fullTimelineFilename(doc.incident.number, doc.generatedAt, "csv");
    expect(file).toBe("INC-7-timeline-2023-03-11T060000Z.csv");
    const shown = timelineRows(markdown).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(1000);
    expect(markdown).toContain(`**This draft shows ${shown} of the 20000 timeline rows**`);
    expect(markdown).toContain("none of the 9980 notes");
    expect(markdown).toContain(
      `The full timeline, every entry, is the file \`${file}\` posted with this draft.`,
    );
  });

  it("keeps every state change and spreads sampled status updates over the whole incident", () => {
    const rows = timelineRows(markdown);
    const severity = input.entries.filter((e) => e.kind === "severity_changed").length;
    expect(rows.filter((r) => /escalated from SEV/i.test(r))).toHaveLength(severity);
    // Sampled evenly: the shown updates cover every day the incident posted updates on.
    const shownDays = new Set(rows.filter((r) => /\| Status update/.test(r)).map((r) => r.slice(2, 12)));
    const days = new Set(
      input.entries
        .filter((e) => e.kind === "update_posted")
        .map((e) => e.occurredAt.toISOString().slice(0, 10)),
    );
    expect(shownDays).toEqual(days);
  });

  it("goes with a full timeline of every entry, as CSV and as JSON", () => {
    const csv = renderFullTimeline(input, "csv");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("occurred_at,recorded_at,kind,who,workstream,tag,description,permalink");
    expect(lines).toHaveLength(20_001);
    const json = JSON.parse(renderFullTimeline(input, "json"));
    expect(json.format).toBe("incident-bot.postmortem-timeline/1");
    expect(json.entries).toHaveLength(20_000);
    expect(json.entries.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(
      [...input.entries]
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id)
        .map((e) => e.occurredAt.toISOString()),
    );
  });
});

describe("the draft of a small incident", () => {
  it("shows its whole timeline and still names the full timeline file posted beside it", () => {
    const markdown = renderMarkdown(buildPostmortem(richIncident()));
    expect(markdown).not.toContain("This draft shows");
    expect(markdown).toContain(
      "Every entry is also in the file `INC-42-timeline-2023-03-09T120000Z.csv` posted with this draft",
    );
  });
});

describe("the full timeline file", () => {
  const long = `=HYPERLINK("http://evil") ${"x".repeat(2000)}`;
  const input = incident([
    ["00:05", "note_added", { text: long, tag: null }],
    ["00:06", "note_added", { text: 'said "roll back", then left', tag: "cause" }, "U0CASEY001"],
  ]);

  it("quotes every cell and keeps what a spreadsheet would run as a formula as text", () => {
    const named = { ...input, userNames: new Map([...input.userNames, ["U0SOLO0001", "=HYPERLINK(1)"]]) };
    const lines = renderFullTimeline(named, "csv").trimEnd().split("\r\n");
    expect(lines[2]).toContain(`,"'=HYPERLINK(1)","","","Note: =HYPERLINK(""http://evil"") xxx`);
    expect(lines[3]).toBe(
      '"2023-03-09T00:06:00.000Z","2023-03-09T00:06:00.000Z","note_added","Casey Lindqvist","","","Note on the cause: said ""roll back"", then left",""',
    );
  });

  it("prefixes every formula start (= + - @ tab CR) with an apostrophe, and nothing else", () => {
    const whoCell = (name: string) => {
      const named = { ...input, userNames: new Map([...input.userNames, ["U0SOLO0001", name]]) };
      const csv = renderFullTimeline(named, "csv");
      expect(csv.endsWith('""\r\n')).toBe(true);
      expect(csv.endsWith("\r\n\r\n")).toBe(false);
      return (csv.split("\r\n")[2] as string).split('","')[3];
    };
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(whoCell(`${start}1`)).toBe(`'${start}1`);
    for (const start of ["#", "a", " ", "'", "1"]) expect(whoCell(`${start}1`)).toBe(`${start}1`);
  });

  it("keeps long typed text whole, which the draft cuts", () => {
    expect(renderFullTimeline(input, "csv")).toContain("x".repeat(2000));
    const markdown = renderMarkdown(buildPostmortem(input));
    expect(markdown).not.toContain("x".repeat(700));
  });
});
