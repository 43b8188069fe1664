// The draft of an outage the size of the largest ones (20,000 timeline entries, 750 responders,
// 3 days, 5 regions) is complete and stays a readable size. How fast and in how much memory is
// `npm run bench` (section 6), judged against a same-run baseline rather than the wall clock.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderJson, renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { largeIncident } from "../../fixtures/postmortem/large-incident.ts";

describe("rendering a very large incident", () => {
  it("builds, renders Markdown and JSON with every entry and responder, at a bounded size per entry", () => {
    const input = largeIncident();
    expect(input.entries).toHaveLength(20_000);

    const doc = buildPostmortem(input);
    const markdown = renderMarkdown(doc);
    const json = renderJson(doc);

    expect(doc.response.responders.count).toBe(750);
    expect(doc.appendix.timeline).toHaveLength(20_000);
    expect(Buffer.byteLength(markdown)).toBeLessThan(200 * 1024);
    expect(JSON.parse(json).appendix.timeline).toHaveLength(20_000);
    // One table row per entry, not a copy of the whole timeline per section (about 150 bytes
    // an entry today).
    expect(Buffer.byteLength(markdown) / input.entries.length).toBeLessThan(400);
  });
});
