// An incident page builds the postmortem document once and shows it in each reader's zone
// (src/http/incidents/recent-drafts.ts). Shown in a zone, it must read exactly as a document
// built in that zone: the times given in it too, and dates written when the incident spans
// days there even if not in UTC.
import { describe, expect, it } from "vitest";
import { buildPostmortem, inDisplayZone, spanOf } from "../../../src/domain/postmortem/build.ts";
import { collectFacts } from "../../../src/domain/postmortem/facts.ts";
import type { PostmortemInput } from "../../../src/domain/postmortem/input.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { postmortemTemplate } from "../../../src/services/postmortem/template-file.ts";
import { largeIncident } from "../../fixtures/postmortem/large-incident.ts";
import { minimalIncident } from "../../fixtures/postmortem/minimal-incident.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

const template = postmortemTemplate(undefined);

/** Declared at 14:50 UTC and resolved at 15:20: one day in UTC, two in Seoul (23:50 to 00:20). */
function acrossSeoulMidnight(): PostmortemInput {
  const input = minimalIncident();
  const declared = new Date("2023-03-08T14:50:00.000Z");
  return {
    ...input,
    incident: {
      ...input.incident,
      status: "resolved",
      createdAt: declared,
      resolvedAt: new Date("2023-03-08T15:20:00.000Z"),
    },
    entries: input.entries.map((entry) => ({ ...entry, occurredAt: declared, recordedAt: declared })),
    milestones: input.milestones.map((m) => ({ ...m, occurredAt: declared })),
  };
}

describe("a postmortem document shown in another zone", () => {
  const inputs: [string, () => PostmortemInput][] = [
    ["the rich incident", () => richIncident()],
    ["the minimal incident", () => minimalIncident()],
    ["an incident across midnight in Seoul only", acrossSeoulMidnight],
    ["a 2,000-entry incident", () => largeIncident({ entries: 2000, responders: 100 })],
  ];
  const zones = [null, "Asia/Seoul", "America/Los_Angeles", "Europe/Dublin", "Asia/Kathmandu"];

  for (const [name, make] of inputs)
    it(`reads as the document built in that zone: ${name}`, () => {
      const input = make();
      const built = buildPostmortem({ ...input, displayTimeZone: "Pacific/Auckland" });
      const span = spanOf(collectFacts(input));
      for (const zone of zones) {
        const direct = renderMarkdown(buildPostmortem({ ...input, displayTimeZone: zone }), template);
        expect(renderMarkdown(inDisplayZone(built, zone, span), template)).toBe(direct);
      }
    });

  it("writes dates where the incident spans days in the reader's zone alone", () => {
    const input = acrossSeoulMidnight();
    const built = buildPostmortem({ ...input, displayTimeZone: null });
    const span = spanOf(collectFacts(input));
    expect(inDisplayZone(built, null, span).showDates).toBe(false);
    expect(inDisplayZone(built, "Asia/Seoul", span).showDates).toBe(true);
  });
});
