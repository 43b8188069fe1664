// Rendering the draft of an outage the size of the largest ones (20,000 timeline entries,
// 750 responders, 3 days, 5 regions) stays well under a second and 200 MB.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderJson, renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { largeIncident } from "../../fixtures/postmortem/large-incident.ts";

describe("rendering a very large incident", () => {
  it("builds, renders Markdown and JSON in under a second and 200 MB", () => {
    const input = largeIncident();
    expect(input.entries).toHaveLength(20_000);
    // Warm up (module loading, the JIT, time-zone data), as a running bot would be.
    renderMarkdown(buildPostmortem(largeIncident({ entries: 500, responders: 50 })));

    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const doc = buildPostmortem(input);
    const markdown = renderMarkdown(doc);
    const json = renderJson(doc);
    const elapsed = performance.now() - started;
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;

    expect(doc.response.responders.count).toBe(750);
    expect(doc.appendix.timeline).toHaveLength(20_000);
    expect(Buffer.byteLength(markdown)).toBeLessThan(200 * 1024);
    expect(JSON.parse(json).appendix.timeline).toHaveLength(20_000);
    expect(elapsed).toBeLessThan(1000);
    expect(heapDelta).toBeLessThan(200 * 1024 * 1024);
  });
});
