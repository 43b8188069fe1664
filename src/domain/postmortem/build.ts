// Builds the postmortem document from the input: every section, in the order the draft
// reads. Pure and deterministic: the same input gives the same document.

import { DEFAULT_UPDATE_CADENCE, type UpdateCadence } from "../incident/update-cadence.ts";
import { type ActionItemRow, POSTMORTEM_FORMAT, type PostmortemDocument } from "./document.ts";
import { collectFacts, type Facts, iso } from "./facts.ts";
import type { PostmortemInput } from "./input.ts";
import type { Locale } from "./locale/index.ts";
import { accessRows } from "./sections/access.ts";
import { replayBoard } from "./sections/board-history.ts";
import { chronology } from "./sections/chronology.ts";
import { ganttChart } from "./sections/gantt.ts";
import { mergeHandoffs } from "./sections/handoffs.ts";
import { impactSection } from "./sections/impact.ts";
import { incidentFacts } from "./sections/incident.ts";
import { metricsSection } from "./sections/metrics.ts";
import { lessonsSection, rootCauseSection } from "./sections/notes.ts";
import { recoverySection } from "./sections/recovery.ts";
import { responseSection } from "./sections/response.ts";
import { shiftChapters } from "./sections/shift-chapters.ts";
import { timelineRows } from "./sections/timeline.ts";
import { summaryParagraph } from "./summary.ts";

function actionItems(facts: Facts): ActionItemRow[] {
  return [...facts.input.actionItems]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
    .map((item, i) => ({
      number: i + 1,
      id: item.id,
      text: item.text,
      owner: facts.personOrNull(item.ownerId),
      status: item.status,
      createdAt: iso(item.createdAt),
      createdBy: facts.person(item.createdById),
    }));
}

/** The first and last of the incident's moments: whether they fall on one day decides the time format. */
export interface DraftSpan {
  first: Date;
  last: Date;
}

/** True when the incident's moments fall on more than one day (UTC or the display zone). */
function spansDays({ first, last }: DraftSpan, zone: string | null): boolean {
  const day = (date: Date, zone: string | null) =>
    zone
      ? new Intl.DateTimeFormat("en-CA", {
          timeZone: zone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
        }).format(date)
      : date.toISOString().slice(0, 10);
  return day(first, null) !== day(last, null) || (zone !== null && day(first, zone) !== day(last, zone));
}

/** The span of the draft made from these facts. */
export function spanOf(facts: Facts): DraftSpan {
  const times = [facts.input.incident.createdAt.getTime()];
  const firstEntry = facts.entries[0];
  const lastEntry = facts.entries.at(-1);
  if (firstEntry) times.push(firstEntry.occurredAt.getTime());
  if (lastEntry) times.push(lastEntry.occurredAt.getTime());
  for (const m of facts.input.milestones) times.push(m.occurredAt.getTime());
  for (const d of [facts.input.incident.resolvedAt, facts.input.incident.closedAt])
    if (d) times.push(d.getTime());
  return { first: new Date(Math.min(...times)), last: new Date(Math.max(...times)) };
}

/**
 * The same document shown in another zone (null: UTC only). The zone only decides how its
 * times are written: which zone they are also given in, and whether dates are written too (the
 * incident spans days there, in the summary as everywhere), so a document built once can be
 * rendered for every reader.
 */
export function inDisplayZone(
  document: PostmortemDocument,
  zone: string | null,
  span: DraftSpan,
): PostmortemDocument {
  const zoned = { ...document, displayTimeZone: zone, showDates: spansDays(span, zone) };
  // The summary writes its times with dates or without, as the document does.
  return { ...zoned, summary: summaryParagraph(zoned) };
}

export interface BuildOptions {
  /** The status-update cadence per severity (REMINDER_CADENCE); the reminders' default otherwise. */
  updateCadence?: UpdateCadence;
  /** The draft's language (POSTMORTEM_LOCALE); English by default. */
  locale?: Locale;
  /** The incident's internal web page, linked from the header when the bot serves one. */
  incidentPageUrl?: string | null;
}

export function buildPostmortem(input: PostmortemInput, options: BuildOptions = {}): PostmortemDocument {
  return buildPostmortemFrom(collectFacts(input, options.locale), options);
}

/**
 * The document from facts already collected (in their language), so the full-timeline file
 * rendered beside it reuses them and each entry's description (describeAt) instead of
 * collecting and describing all of them a second time.
 */
export function buildPostmortemFrom(
  facts: Facts,
  options: Omit<BuildOptions, "locale"> = {},
): PostmortemDocument {
  const input = facts.input;
  const board = replayBoard(facts);
  const showDates = spansDays(spanOf(facts), input.displayTimeZone);
  const incident = incidentFacts(facts);
  // Only a plain web URL (it comes from APP_BASE_URL) is linked.
  if (options.incidentPageUrl && /^https?:\/\/[^\s<>()"]+$/.test(options.incidentPageUrl))
    incident.pageUrl = options.incidentPageUrl;
  const handoffs = mergeHandoffs(facts);
  const impact = impactSection(facts);
  const response = responseSection(facts, handoffs, options.updateCadence ?? DEFAULT_UPDATE_CADENCE);
  const recovery = recoverySection(facts, board);
  const document: PostmortemDocument = {
    format: POSTMORTEM_FORMAT,
    locale: facts.locale,
    generatedAt: iso(input.generatedAt),
    displayTimeZone: input.displayTimeZone,
    showDates,
    incident,
    summary: "",
    impact,
    chronology: chronology(facts, board),
    response,
    rootCause: rootCauseSection(facts),
    recovery,
    lessons: lessonsSection(facts),
    actionItems: actionItems(facts),
    closing: { prompt: facts.t.build.closingPrompt },
    appendix: {
      metrics: metricsSection(facts),
      shifts: shiftChapters(facts, handoffs),
      gantt: ganttChart(facts, recovery, incident.start.at),
      timeline: timelineRows(facts),
      access: accessRows(facts),
    },
  };
  document.summary = summaryParagraph(document);
  return document;
}
