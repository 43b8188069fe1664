// The internal pages as HTML: page models through the eta templates, auto-escaped.
import { Eta } from "eta";
import type { IncidentListModel } from "./incident-list-model.ts";
import type { IncidentPageModel } from "./incident-page-model.ts";
import { INCIDENT_TEMPLATE } from "./incident-template.ts";
import { type Block, markdownBlocks } from "./markdown-blocks.ts";
import {
  LAYOUT_TEMPLATE,
  LIST_TEMPLATE,
  PERSON_PARTIAL,
  PROBLEM_TEMPLATE,
  SPANS_PARTIAL,
  TIME_PARTIAL,
} from "./templates.ts";
import { TIMELINE_KINDS, type TimelineQuery } from "./timeline-query.ts";
import type { ShownTime } from "./viewer-time.ts";

// autoEscape is eta's default; said out loud because the pages' safety rests on it.
const eta = new Eta({ autoEscape: true, autoTrim: false });
eta.loadTemplate("@layout", LAYOUT_TEMPLATE);
eta.loadTemplate("@time", TIME_PARTIAL);
eta.loadTemplate("@spans", SPANS_PARTIAL);
eta.loadTemplate("@person", PERSON_PARTIAL);
eta.loadTemplate("@list", LIST_TEMPLATE);
eta.loadTemplate("@incident", INCIDENT_TEMPLATE);
eta.loadTemplate("@problem", PROBLEM_TEMPLATE);

/** What every page's frame shows. */
export interface Frame {
  /** Who is signed in (their name), or null on pages shown before the viewer is known. */
  viewer: string | null;
  /** The script nonce of this response (its Content-Security-Policy allows only that script). */
  nonce: string;
}

export function renderIncidentList(page: IncidentListModel, frame: Frame): string {
  return eta.render("@list", {
    ...frame,
    title: "Incidents",
    refreshWhile: "an incident is open",
    page,
    zone: page.zone,
    generated: page.generated,
    refreshSeconds: page.refreshSeconds,
  });
}

export function renderIncidentPage(page: IncidentPageModel, query: TimelineQuery, frame: Frame): string {
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    if (query.workstream) params.set("workstream", query.workstream);
    if (query.kind) params.set("kind", query.kind);
    if (query.from && query.typed.from) params.set("from", query.typed.from);
    if (query.to && query.typed.to) params.set("to", query.typed.to);
    params.set("page", String(n));
    return `/incidents/${page.number}?${params}#timeline-heading`;
  };
  return eta.render("@incident", {
    ...frame,
    title: `INC-${page.number}: ${page.title}`,
    refreshWhile: "the incident is open",
    page,
    query: query.typed,
    problems: query.problems,
    kinds: TIMELINE_KINDS,
    pageLink,
    postmortem: draftBlocks(page.postmortem.markdown),
    zone: page.zone,
    generated: page.generated,
    refreshSeconds: page.refreshSeconds,
  });
}

/** Drafts' blocks as last shown, by their Markdown (the same text for every view of a draft in a zone). */
const shownDrafts = new Map<string, Block[]>();
const DRAFTS_SHOWN = 16;

/**
 * The draft as the page's blocks. Parsing a large draft's Markdown (110 kB for a 20,000-entry
 * incident) took about 5 ms of every view, and every reader of an open incident reloads every
 * 30 s a draft that changes at most once a minute (recent-drafts.ts).
 */
function draftBlocks(markdown: string): Block[] {
  let blocks = shownDrafts.get(markdown);
  if (!blocks) {
    blocks = nestedUnder(2, markdownBlocks(markdown));
    if (shownDrafts.size >= DRAFTS_SHOWN) shownDrafts.clear();
    shownDrafts.set(markdown, blocks);
  }
  return blocks;
}

/**
 * The draft's headings placed under the page's own (its "#" below the section's h2), never
 * skipping a level (a template may go from "##" to "####"), at most h6.
 */
function nestedUnder(parentLevel: number, blocks: Block[]): Block[] {
  let previous = parentLevel;
  return blocks.map((block) => {
    if (block.kind !== "heading") return block;
    const level = Math.min(6, block.level + parentLevel, previous + 1);
    previous = level;
    return { ...block, level };
  });
}

export function renderProblemPage(
  problem: { heading: string; message: string },
  frame: Frame & { zone: string; generated: ShownTime },
): string {
  return eta.render("@problem", { ...frame, ...problem, title: problem.heading, refreshSeconds: null });
}
