// The draft the bot posts builds the document and the full-timeline file from one set of facts
// (each entry described once). Both must read exactly as when each is rendered on its own.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderFullTimeline } from "../../../src/domain/postmortem/full-timeline.ts";
import type { PostmortemInput } from "../../../src/domain/postmortem/input.ts";
import { renderJson, renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { renderDraft } from "../../../src/services/postmortem/render-draft.ts";
import { postmortemTemplate } from "../../../src/services/postmortem/template-file.ts";
import { largeIncident } from "../../fixtures/postmortem/large-incident.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

const template = postmortemTemplate(undefined);

async function draftOf(input: PostmortemInput, locale: "en" | "ko") {
  const incident = { number: input.incident.number } as Parameters<typeof renderDraft>[1];
  return renderDraft({ postmortemInput: async () => input }, incident, {
    generatedAt: input.generatedAt,
    displayTimeZone: input.displayTimeZone,
    names: async () => new Map(),
    template,
    locale,
    updateCadence: { 1: 30 * 60_000, 2: 60 * 60_000, 3: null, 4: null },
  });
}

describe("the draft and its full timeline, rendered together", () => {
  const inputs: [string, () => PostmortemInput][] = [
    ["the rich incident", () => richIncident()],
    [
      "a 3,000-entry incident",
      () => ({ ...largeIncident({ entries: 3000, responders: 200 }), displayTimeZone: "Asia/Seoul" }),
    ],
  ];
  for (const [name, make] of inputs)
    for (const locale of ["en", "ko"] as const)
      it(`read as when rendered apart: ${name}, ${locale}`, async () => {
        const input = make();
        const draft = await draftOf(input, locale);
        const apart = buildPostmortem(input, {
          locale,
          updateCadence: { 1: 30 * 60_000, 2: 60 * 60_000, 3: null, 4: null },
          incidentPageUrl: null,
        });
        expect(renderJson(draft.document)).toBe(renderJson(apart));
        expect(draft.markdown).toBe(renderMarkdown(apart, template));
        expect(draft.timeline.content).toBe(renderFullTimeline(input, "csv", locale));
      });
});
