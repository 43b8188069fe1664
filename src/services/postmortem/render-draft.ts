// The postmortem draft of one incident, rendered from the database: what the Slack upload,
// the canvas and the CLI all produce, so the same data and generation time give the same text.
// The full timeline goes with it as a file of its own (the draft shows a bounded selection).
import type { Repositories } from "../../db/repositories/store.ts";
import type { UpdateCadence } from "../../domain/incident/update-cadence.ts";
import { buildPostmortemFrom, type DraftSpan, spanOf } from "../../domain/postmortem/build.ts";
import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import { collectFacts } from "../../domain/postmortem/facts.ts";
import { fullTimelineFilename, renderFullTimelineFrom } from "../../domain/postmortem/full-timeline.ts";
import type { Locale } from "../../domain/postmortem/locale/index.ts";
import { renderMarkdown } from "../../domain/postmortem/render.ts";
import type { Template } from "../../domain/postmortem/template.ts";
import type { NameResolver } from "./names.ts";

/** Where the draft's facts are read from: the Store's read models. */
type DraftSource = Pick<Repositories["views"], "postmortemInput">;
type DraftIncident = Parameters<DraftSource["postmortemInput"]>[0];

export interface DraftOptions {
  generatedAt: Date;
  displayTimeZone: string | null;
  names: NameResolver;
  template: Template;
  /** REMINDER_CADENCE: what the draft checks status updates against. */
  updateCadence: UpdateCadence;
  /** POSTMORTEM_LOCALE: the draft's language. */
  locale: Locale;
  /** The incident's internal web page (incidentPageUrl), linked from the draft; null: none. */
  incidentPageUrl?: string | null;
}

export interface Draft {
  document: PostmortemDocument;
  markdown: string;
  filename: string;
  title: string;
  /** Every timeline entry as CSV, uploaded beside the draft, which names it. */
  timeline: { filename: string; title: string; content: string };
}

/** `INC-42-postmortem-2023-03-09T120000Z.md`: one name per incident and generation time. */
export function draftFilename(number: number, generatedAt: Date, extension = "md"): string {
  const stamp = generatedAt.toISOString().slice(0, 19).replace(/:/g, "");
  return `INC-${number}-postmortem-${stamp}Z.${extension}`;
}

/**
 * The draft's document alone, with what rendering it in another zone needs (its span): what a
 * page shows, without the Markdown or the full timeline's CSV (about 40 ms of CPU at 20,000
 * entries), which the uploads need and a page does not.
 */
export interface DraftDocument {
  document: PostmortemDocument;
  span: DraftSpan;
  filename: string;
}

export async function buildDraftDocument(
  source: DraftSource,
  incident: DraftIncident,
  options: DraftOptions,
): Promise<DraftDocument> {
  const facts = collectFacts(await source.postmortemInput(incident, options), options.locale);
  return {
    document: buildPostmortemFrom(facts, draftBuildOptions(options)),
    span: spanOf(facts),
    filename: draftFilename(incident.number, options.generatedAt),
  };
}

const draftBuildOptions = (options: DraftOptions) => ({
  updateCadence: options.updateCadence,
  incidentPageUrl: options.incidentPageUrl ?? null,
});

export async function renderDraft(
  source: DraftSource,
  incident: DraftIncident,
  options: DraftOptions,
): Promise<Draft> {
  const input = await source.postmortemInput(incident, options);
  // One set of facts for the draft and the full timeline: each entry is described once.
  const facts = collectFacts(input, options.locale);
  const document = buildPostmortemFrom(facts, draftBuildOptions(options));
  return {
    document,
    markdown: renderMarkdown(document, options.template),
    filename: draftFilename(incident.number, options.generatedAt),
    title: `INC-${incident.number} postmortem draft`,
    timeline: {
      filename: fullTimelineFilename(incident.number, options.generatedAt, "csv"),
      title: `INC-${incident.number} full timeline`,
      content: renderFullTimelineFrom(facts, "csv"),
    },
  };
}
